/** The fund's time zone (as in i18n.tsx; kept here so this module stays free of React). */
const TIME_ZONE = 'Europe/Copenhagen';

/** Minutes since local (Copenhagen) midnight of an instant: 09:30 → 570. */
export function localMinutes(instant: string | Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

export interface Timed {
  start: string;
  end: string;
}

export interface Placed<T> {
  item: T;
  /** Minutes since local midnight, clipped to the day. */
  from: number;
  to: number;
  /** Side-by-side lane of the item among those it overlaps, and how many lanes that group needs. */
  lane: number;
  lanes: number;
}

/**
 * Lays out one day's items in time order, overlapping ones side by side: each group of items that overlap
 * (directly or through each other) shares its lanes, and each item takes the first lane free at its start.
 */
export function layOutDay<T extends Timed>(
  items: readonly T[],
  day: (instant: string) => string,
  date: string,
): Placed<T>[] {
  const placed = items
    .map((item) => ({
      item,
      from: day(item.start) < date ? 0 : localMinutes(item.start),
      to: day(item.end) > date ? 24 * 60 : localMinutes(item.end),
      lane: 0,
      lanes: 1,
    }))
    .sort((a, b) => a.from - b.from || a.to - b.to || a.item.start.localeCompare(b.item.start));
  let group: typeof placed = [];
  let groupEnd = -1;
  const close = () => {
    const lanes = Math.max(1, ...group.map((p) => p.lane + 1));
    for (const p of group) p.lanes = lanes;
    group = [];
  };
  for (const p of placed) {
    if (p.from >= groupEnd) close();
    const laneEnds: number[] = [];
    for (const other of group) laneEnds[other.lane] = Math.max(laneEnds[other.lane] ?? -1, other.to);
    let lane = 0;
    while (laneEnds[lane] !== undefined && laneEnds[lane] > p.from) lane++;
    p.lane = lane;
    group.push(p);
    groupEnd = Math.max(groupEnd, p.to);
  }
  close();
  return placed;
}

/** The whole hours a week's grid shows: from the earliest start to the latest end, at least 08–16. */
export function hourRange(placed: readonly { from: number; to: number }[]): { first: number; last: number } {
  let first = 8;
  let last = 16;
  for (const p of placed) {
    first = Math.min(first, Math.floor(p.from / 60));
    last = Math.max(last, Math.ceil(p.to / 60));
  }
  return { first: Math.max(0, first), last: Math.min(24, Math.max(last, first + 1)) };
}
