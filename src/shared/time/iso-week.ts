/** An ISO 8601 week: `year` is the ISO week-numbering year, `week` is 1–53. */
export interface IsoWeek {
  year: number;
  week: number;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/*
 * Plain UTC arithmetic rather than date-fns with a UTC context: weeks are calendar labels, not instants, and the
 * forecast maps every history and horizon week to a slot, where the zoned date-fns calls cost ~0.1 ms each.
 * The spec cross-checks these against date-fns.
 */

/** ISO week of the UTC calendar date of `date`. */
export function isoWeekOf(date: Date): IsoWeek {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  const thursday = new Date(day + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return { year, week };
}

/** Monday 00:00 UTC of the given ISO week; throws for a week that does not exist (e.g. week 53 of a 52-week year). */
export function isoWeekStart(week: IsoWeek): Date {
  if (!Number.isInteger(week.year) || !Number.isInteger(week.week) || week.week < 1 || week.week > 53) {
    throw new Error(`Invalid ISO week ${week.year}-W${week.week}`);
  }
  const jan4 = Date.UTC(week.year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const monday = new Date(mondayOfWeek1 + (week.week - 1) * WEEK_MS);
  const check = isoWeekOf(monday);
  if (check.year !== week.year || check.week !== week.week) {
    throw new Error(`ISO year ${week.year} has no week ${week.week}`);
  }
  return monday;
}

export function addIsoWeeks(week: IsoWeek, weeks: number): IsoWeek {
  return isoWeekOf(new Date(isoWeekStart(week).getTime() + weeks * WEEK_MS));
}

/**
 * Maps "t weeks after `start`" to a seasonal slot 0–51 (ISO week − 1). Week 53 shares the slot of week 52, so a
 * 52-slot seasonal model stays aligned with the calendar across long years instead of drifting a week every ~5.6 years.
 */
export function isoWeekSlotOf(start: IsoWeek): (t: number) => number {
  const origin = isoWeekStart(start).getTime();
  return (t: number) => Math.min(isoWeekOf(new Date(origin + t * WEEK_MS)).week, 52) - 1;
}
