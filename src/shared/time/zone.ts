import { TZDate, tzOffset } from '@date-fns/tz';

/**
 * The fund's zone: what a timestamp without an offset means, the wall clock of every weekly pattern and
 * opening hour, and the calendar of every "day" in the rules. Code takes the name from here (SQL that turns
 * instants into local dates writes it as a literal).
 */
export const COPENHAGEN = 'Europe/Copenhagen';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * Every instant a wall-clock time on a calendar date denotes in the zone, earliest first: one on an ordinary
 * day, none inside the spring gap (02:00–02:59 on the last Sunday of March in Copenhagen), two inside the
 * repeated autumn hour. The zone's offsets come from the tz database (`@date-fns/tz`), never assumed.
 */
export function instantsOfLocalTime(date: string, time: string, timezone = COPENHAGEN): Date[] {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm, ss = 0, ms = 0] = time.split(/[:.]/).map(Number);
  const asIfUtc = Date.UTC(y, m - 1, d, hh, mm, ss, ms);
  // A day either side covers every offset the zone can have around this wall-clock time.
  const offsets = new Set([-DAY_MS, 0, DAY_MS].map((shift) => tzOffset(timezone, new Date(asIfUtc + shift))));
  return [...offsets]
    .filter((offset) => tzOffset(timezone, new Date(asIfUtc - offset * MINUTE_MS)) === offset)
    .map((offset) => asIfUtc - offset * MINUTE_MS)
    .sort((a, b) => a - b)
    .map((instant) => new Date(instant));
}

/**
 * The instant a local wall-clock time happens in the zone, e.g. ('2026-03-29', '09:00'): in the repeated
 * autumn hour its first occurrence, as the API reads such times. Callers ask for times that always exist
 * (midnight, opening hours); a time in the spring gap comes out an hour later, as TZDate shifts it.
 * Code that must know whether a time exists asks instantsOfLocalTime.
 */
export function localInstant(date: string, time: string, timezone = COPENHAGEN): Date {
  const [first] = instantsOfLocalTime(date, time, timezone);
  if (first) return first;
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, 0, timezone).getTime());
}

/** The local calendar date (YYYY-MM-DD) of an instant in the zone. */
export function localDate(instant: Date | number, timezone = COPENHAGEN): string {
  const zoned = new TZDate(typeof instant === 'number' ? instant : instant.getTime(), timezone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${zoned.getFullYear()}-${pad(zoned.getMonth() + 1)}-${pad(zoned.getDate())}`;
}

/** The local wall-clock time (HH:mm, 24 h) of an instant in the zone. */
export function localTime(instant: Date, timezone = COPENHAGEN): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}
