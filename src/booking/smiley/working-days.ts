import { publicHolidaysBetween } from '../../locations/calendar-rules.js';
import { addDays, isoWeekday, localDate, localInstant } from '../../shared/time/index.js';

/** Monday to Friday, not a Danish public holiday and not one of the office's closure days. */
export function isWorkingDay(date: string, closureDays: ReadonlySet<string>): boolean {
  if (isoWeekday(date) > 5 || closureDays.has(date)) return false;
  return publicHolidaysBetween(date, date).length === 0;
}

/** The nth working day after `date`; `date` itself never counts, so a request made on a Friday evening gets full days. */
export function addWorkingDays(date: string, n: number, closureDays: ReadonlySet<string>): string {
  let day = date;
  for (let left = n; left > 0;) {
    day = addDays(day, 1);
    if (isWorkingDay(day, closureDays)) left -= 1;
  }
  return day;
}

/**
 * The end of the nth working day after the local date of `now`: local midnight after that day, so the
 * instant is right on either side of a daylight-saving change.
 */
export function endOfNthWorkingDay(
  now: Date,
  n: number,
  closureDays: ReadonlySet<string>,
): { lastDay: string; end: Date } {
  const lastDay = addWorkingDays(localDate(now), n, closureDays);
  return { lastDay, end: localInstant(addDays(lastDay, 1), '00:00') };
}
