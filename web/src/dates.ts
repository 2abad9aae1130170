import { TIME_ZONE } from './i18n';

/** Calendar days as 'YYYY-MM-DD' strings, computed at noon UTC so no time zone shifts them. */

export function todayLocal(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function localDateOf(instant: string | Date): string {
  return todayLocal(typeof instant === 'string' ? new Date(instant) : instant);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday, 1 = Monday. */
export function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
}

export function mondayOf(date: string): string {
  return addDays(date, 1 - weekday(date));
}

export function isoWeek(date: string): { year: number; week: number } {
  const thursday = addDays(date, 4 - weekday(date));
  const year = Number(thursday.slice(0, 4));
  const jan1 = new Date(`${year}-01-01T12:00:00Z`).getTime();
  const week = Math.floor((new Date(`${thursday}T12:00:00Z`).getTime() - jan1) / (7 * 86_400_000)) + 1;
  return { year, week };
}

/** The Monday of an ISO week given as '2026-W49'. */
export function mondayOfIsoWeek(label: string): string | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!match) return undefined;
  const jan4 = `${match[1]}-01-04`;
  return addDays(mondayOf(jan4), (Number(match[2]) - 1) * 7);
}

export function weekDays(monday: string, count = 7): string[] {
  return Array.from({ length: count }, (_, i) => addDays(monday, i));
}
