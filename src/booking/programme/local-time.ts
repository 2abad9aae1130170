import { TZDate } from '@date-fns/tz';
import { FUND_TIMEZONE, instantsOfLocalTime } from '../../common/validation/instant.js';

export { FUND_TIMEZONE, instantsOfLocalTime } from '../../common/validation/instant.js';
export { isRealDate } from '../../common/validation/local-date.js';

/** Adds whole days to a calendar date (YYYY-MM-DD); calendar dates have no time zone. */
export function addDaysToDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The instant a local wall-clock time happens in the zone, e.g. ('2026-03-29', '09:00'): in the repeated
 * autumn hour its first occurrence, as the API reads such times. Callers here ask for times that always
 * exist (midnight, opening hours); a time in the spring gap comes out an hour later, as TZDate shifts it.
 * Code that must know whether a time exists asks instantsOfLocalTime.
 */
export function localInstant(date: string, time: string, timezone = FUND_TIMEZONE): Date {
  const [first] = instantsOfLocalTime(date, time, timezone);
  if (first) return first;
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, 0, timezone).getTime());
}

/** The local calendar date of an instant in the zone. */
export function localDate(instant: Date, timezone = FUND_TIMEZONE): string {
  const zoned = new TZDate(instant.getTime(), timezone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${zoned.getFullYear()}-${pad(zoned.getMonth() + 1)}-${pad(zoned.getDate())}`;
}

/** The local wall-clock time (HH:mm, 24 h) of an instant in the zone. */
export function localTime(instant: Date, timezone = FUND_TIMEZONE): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}
