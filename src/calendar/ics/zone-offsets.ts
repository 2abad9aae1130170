import { tzOffset } from '@date-fns/tz';

const HOUR_MS = 3_600_000;
/** Wider than any real DST or zone shift, so one transition's whole repeated interval is in view. */
const WINDOW_MS = 6 * HOUR_MS;

/**
 * Per-render cache of UTC offsets (Intl lookups dominate rendering time otherwise).
 * Offsets at hour-aligned probes are shared by every event of the same day.
 */
export class ZoneOffsets {
  private readonly cache = new Map<string, Map<number, number>>();

  offsetMinutes(timeZone: string, epochMs: number): number {
    let zone = this.cache.get(timeZone);
    if (!zone) {
      zone = new Map();
      this.cache.set(timeZone, zone);
    }
    let offset = zone.get(epochMs);
    if (offset === undefined) {
      offset = tzOffset(timeZone, new Date(epochMs));
      if (Number.isNaN(offset)) throw new RangeError(`unknown time zone ${timeZone}`);
      zone.set(epochMs, offset);
    }
    return offset;
  }

  /**
   * True when the local wall time of `epochMs` in `timeZone` occurs twice (the hour repeated when
   * clocks go back). Such a TZID time cannot name one instant: RFC 5545 §3.3.5 says "first occurrence",
   * ical.js takes the second, and clients differ.
   */
  isAmbiguous(timeZone: string, epochMs: number): boolean {
    const hour = Math.floor(epochMs / HOUR_MS) * HOUR_MS;
    const before = this.offsetMinutes(timeZone, hour - WINDOW_MS);
    const after = this.offsetMinutes(timeZone, hour + HOUR_MS + WINDOW_MS);
    if (before <= after) return false;
    const wall = epochMs + this.offsetMinutes(timeZone, epochMs) * 60_000;
    let instants = 0;
    for (const offset of new Set([before, after])) {
      if (this.offsetMinutes(timeZone, wall - offset * 60_000) === offset) instants++;
    }
    return instants > 1;
  }
}
