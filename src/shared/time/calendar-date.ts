import { isoWeekOf, isoWeekStart, type IsoWeek } from './iso-week.js';

/*
 * Calendar dates (YYYY-MM-DD) are labels of Copenhagen days, not instants: the arithmetic here is plain UTC
 * arithmetic on the label, so it never meets a DST change. Turn a date into an instant with `localInstant`.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (not 2031-02-30), in any year from 100 on. */
export function isRealDate(date: string): boolean {
  if (!ISO_DATE.test(date)) return false;
  const [y, m, d] = date.split('-').map(Number);
  const parsed = new Date(Date.UTC(y, m - 1, d));
  return parsed.getUTCFullYear() === y && parsed.getUTCMonth() === m - 1 && parsed.getUTCDate() === d;
}

/** The calendar date `days` days after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Monday of the ISO week that contains the date. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

export function isMonday(date: string): boolean {
  return isoWeekday(date) === 1;
}

export function isoWeekOfDate(date: string): IsoWeek {
  return isoWeekOf(new Date(`${date}T00:00:00Z`));
}

export const ISO_WEEK_KEY = /^(\d{4})-W(\d{2})$/;

/** ISO week key of a date, e.g. '2026-W49' (the format the allocation core and the API use). */
export function weekKey(date: string): string {
  const week = isoWeekOfDate(date);
  return `${week.year}-W${String(week.week).padStart(2, '0')}`;
}

/** Monday of an ISO week key; throws for a week that does not exist. */
export function mondayOfWeekKey(key: string): string {
  const match = ISO_WEEK_KEY.exec(key);
  if (!match) throw new Error(`Not an ISO week: ${key}`);
  return isoWeekStart({ year: Number(match[1]), week: Number(match[2]) })
    .toISOString()
    .slice(0, 10);
}

/** `count` consecutive Mondays starting at the Monday of `from`. */
export function mondays(from: string, count: number): string[] {
  const first = mondayOf(from);
  return Array.from({ length: count }, (_, i) => addDays(first, 7 * i));
}

/** Whole weeks from Monday `a` to Monday `b` (negative when b is earlier). */
export function weeksBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / (7 * DAY_MS));
}

/** The calendar date of (year, 0-based month, day), where day may run past the month's end. */
export function calendarDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
}
