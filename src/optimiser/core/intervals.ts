import { type Interval } from './types.js';

/** Sorted, non-overlapping, non-touching copy of the intervals (empty ones dropped). */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.start <= last.end) {
      last.end = Math.max(last.end, interval.end);
    } else {
      merged.push({ start: interval.start, end: interval.end });
    }
  }
  return merged;
}

/** `free` minus `taken`; both may be unsorted. */
export function subtractIntervals(free: readonly Interval[], taken: readonly Interval[]): Interval[] {
  const base = mergeIntervals(free);
  const cuts = mergeIntervals(taken);
  if (cuts.length === 0) return base;
  const result: Interval[] = [];
  let c = 0;
  for (const interval of base) {
    let cursor = interval.start;
    while (c < cuts.length && cuts[c].end <= cursor) c++;
    let k = c;
    while (k < cuts.length && cuts[k].start < interval.end) {
      if (cuts[k].start > cursor) result.push({ start: cursor, end: cuts[k].start });
      cursor = Math.max(cursor, cuts[k].end);
      k++;
    }
    if (cursor < interval.end) result.push({ start: cursor, end: interval.end });
  }
  return result;
}

/** Index of the last interval whose start is <= t, or -1. Intervals must be merged. */
function lastStartingAtOrBefore(intervals: readonly Interval[], t: number): number {
  let lo = 0;
  let hi = intervals.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (intervals[mid].start <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** Whether [start, end) lies inside one of the merged intervals. */
export function coversInterval(merged: readonly Interval[], start: number, end: number): boolean {
  const i = lastStartingAtOrBefore(merged, start);
  return i >= 0 && merged[i].end >= end;
}

/** Whether [start, end) overlaps any of the merged intervals. */
export function overlapsAny(merged: readonly Interval[], start: number, end: number): boolean {
  if (merged.length === 0) return false;
  const i = lastStartingAtOrBefore(merged, end - 1);
  return i >= 0 && merged[i].end > start;
}

export function intervalsOverlap(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return aStart < bEnd && bStart < aEnd;
}
