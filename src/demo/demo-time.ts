import { addDays, localInstant } from '../shared/time/index.js';

const MINUTE_MS = 60_000;
const noonOffsets = new Map<string, number>();

/**
 * The instant of a local Copenhagen wall-clock time, as epoch ms. The zone's offset is read once per
 * date at noon, which is right for every time the demo schedules (08:00–16:00: never inside a DST jump)
 * and is far cheaper than a zoned date per slot when the schedule has hundreds of thousands of them.
 */
export function localMs(date: string, minutes: number): number {
  let offset = noonOffsets.get(date);
  if (offset === undefined) {
    const [y, m, d] = date.split('-').map(Number);
    offset = localInstant(date, '12:00').getTime() - Date.UTC(y, m - 1, d, 12);
    noonOffsets.set(date, offset);
  }
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) + minutes * MINUTE_MS + offset;
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Every calendar date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** A week number that does not depend on where a range starts, for rotas that must stay put when "today" moves. */
export function weekIndexOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.floor((Date.UTC(y, m - 1, d) / 86_400_000 + 3) / 7);
}

/** A version-4-shaped UUID from the seeded generator, so the same seed gives the same ids. */
export function seededUuid(random: () => number): string {
  const hex = (n: number) =>
    Math.floor(random() * 16 ** n)
      .toString(16)
      .padStart(n, '0');
  const variant = (8 + Math.floor(random() * 4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(6)}${hex(6)}`;
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
