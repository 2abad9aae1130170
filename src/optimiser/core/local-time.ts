import { TZDate } from '@date-fns/tz';
import {
  calendarDate,
  COPENHAGEN as DEFAULT_TIME_ZONE,
  localDate,
  localInstant as localInstantOf,
} from '../../shared/time/index.js';

export interface CalendarDay {
  /** Local date 'YYYY-MM-DD'. */
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  year: number;
  /** 0-based month. */
  month: number;
  dayOfMonth: number;
  /** Local midnight as an instant. */
  startUtc: number;
}

export interface DayCalendar {
  timeZone: string;
  days: CalendarDay[];
  /** Index of the local day containing `t`, clamped to the calendar. */
  dayIndexOf(t: number): number;
  /** Instant of a local wall-clock time ('HH:mm') on a calendar day; DST-aware. */
  instantAt(dayIndex: number, hhmm: string): number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function parseHhmm(hhmm: string): { hours: number; minutes: number } {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (match === null) throw new Error(`Invalid local time '${hhmm}', expected HH:mm`);
  return { hours: Number(match[1]), minutes: Number(match[2]) };
}

/**
 * The kernel's `localInstant` on the core's numeric instants and (year, 0-based month, day) triples, where the day
 * may run past the month's end; e.g. localInstant(2026, 2, 29, '09:00') = 07:00Z (CEST).
 */
export function localInstant(
  year: number,
  month: number,
  day: number,
  hhmm: string,
  timeZone = DEFAULT_TIME_ZONE,
): number {
  const { hours, minutes } = parseHhmm(hhmm);
  return localInstantOf(calendarDate(year, month, day), `${pad(hours)}:${pad(minutes)}`, timeZone).getTime();
}

/** Local date ('YYYY-MM-DD') of an instant in a zone. */
export function localDateOf(t: number, timeZone = DEFAULT_TIME_ZONE): string {
  return localDate(t, timeZone);
}

/** Every local day that intersects [from, to). */
export function buildDayCalendar(from: number, to: number, timeZone = DEFAULT_TIME_ZONE): DayCalendar {
  const first = new TZDate(from, timeZone);
  const days: CalendarDay[] = [];
  for (let offset = 0; ; offset++) {
    const midnight = new TZDate(first.getFullYear(), first.getMonth(), first.getDate() + offset, 0, 0, timeZone);
    if (midnight.getTime() >= to) break;
    days.push({
      date: `${midnight.getFullYear()}-${pad(midnight.getMonth() + 1)}-${pad(midnight.getDate())}`,
      weekday: midnight.getDay(),
      year: midnight.getFullYear(),
      month: midnight.getMonth(),
      dayOfMonth: midnight.getDate(),
      startUtc: midnight.getTime(),
    });
  }
  const cache = new Map<string, number>();
  const minutesOf = new Map<string, number>();
  const instantAt = (dayIndex: number, hhmm: string): number => {
    // On a day 24 hours long the zone's offset does not change, so a wall-clock time is midnight plus
    // its minutes; only the days of a DST change ask the time-zone library (compiling a model asks
    // this for every day, activity time and office).
    const next = days[dayIndex + 1];
    if (next !== undefined && next.startUtc - days[dayIndex].startUtc === DAY_MS) {
      let minutes = minutesOf.get(hhmm);
      if (minutes === undefined) {
        const { hours, minutes: mm } = parseHhmm(hhmm);
        minutes = hours * 60 + mm;
        minutesOf.set(hhmm, minutes);
      }
      if (minutes < 24 * 60) return days[dayIndex].startUtc + minutes * 60_000;
    }
    const key = `${dayIndex}|${hhmm}`;
    let t = cache.get(key);
    if (t === undefined) {
      const day = days[dayIndex];
      t = localInstant(day.year, day.month, day.dayOfMonth, hhmm, timeZone);
      cache.set(key, t);
    }
    return t;
  };
  const dayIndexOf = (t: number): number => {
    let lo = 0;
    let hi = days.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (days[mid].startUtc <= t) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  };
  return { timeZone, days, dayIndexOf, instantAt };
}
