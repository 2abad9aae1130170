import { isoWeekOf, type IsoWeek } from './forecast/iso-week.js';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Monday of the ISO week that contains the date. */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

export function isMonday(date: string): boolean {
  return new Date(`${date}T00:00:00Z`).getUTCDay() === 1;
}

export function isoWeekOfDate(date: string): IsoWeek {
  return isoWeekOf(new Date(`${date}T00:00:00Z`));
}

/** ISO week key of a date, e.g. '2026-W49' (the format the allocation core uses). */
export function weekKey(date: string): string {
  const week = isoWeekOfDate(date);
  return `${week.year}-W${String(week.week).padStart(2, '0')}`;
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
