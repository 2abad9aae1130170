import { createRequire } from 'node:module';
import type HolidaysType from 'date-holidays';

// date-holidays is CommonJS; require() avoids default-export interop differences between tsc and Jest.
const Holidays = createRequire(import.meta.url)('date-holidays') as typeof HolidaysType;

export interface PublicHoliday {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  name: string;
}

const danish = new Holidays('DK');
const cache = new Map<number, PublicHoliday[]>();

/**
 * Danish public holidays only (`type === 'public'`). Grundlovsdag and 24/31 December are days off by
 * agreement, not by law, so they are office closure days (see DEFAULT_CLOSURE_DAYS), not holidays.
 */
export function publicHolidays(year: number): PublicHoliday[] {
  let holidays = cache.get(year);
  if (!holidays) {
    holidays = danish
      .getHolidays(year)
      .filter((holiday) => holiday.type === 'public')
      .map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name }));
    cache.set(year, holidays);
  }
  return holidays;
}

export function publicHolidaysBetween(fromDate: string, toDate: string): PublicHoliday[] {
  const fromYear = Number(fromDate.slice(0, 4));
  const toYear = Number(toDate.slice(0, 4));
  const result: PublicHoliday[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    result.push(...publicHolidays(year).filter((h) => h.date >= fromDate && h.date <= toDate));
  }
  return result;
}

/** Closure days every office gets by default (editable per office): Grundlovsdag, Juleaftensdag, Nytårsaftensdag. */
export function defaultClosureDays(year: number): { date: string; reason: string }[] {
  return [
    { date: `${year}-06-05`, reason: 'Grundlovsdag' },
    { date: `${year}-12-24`, reason: 'Juleaftensdag' },
    { date: `${year}-12-31`, reason: 'Nytårsaftensdag' },
  ];
}
