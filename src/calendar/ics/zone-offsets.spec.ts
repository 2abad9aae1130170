import { COPENHAGEN } from '../../shared/time/zone.js';
import { ZoneOffsets } from './zone-offsets.js';

const CPH = COPENHAGEN;
const at = (iso: string): number => Date.parse(iso);

describe('ZoneOffsets', () => {
  it('gives Copenhagen +60 in winter and +120 in summer, switching at 01:00Z on both DST days', () => {
    const offsets = new ZoneOffsets();
    expect(offsets.offsetMinutes(CPH, at('2026-01-14T12:00:00Z'))).toBe(60);
    expect(offsets.offsetMinutes(CPH, at('2026-06-05T08:30:00Z'))).toBe(120);
    expect(offsets.offsetMinutes(CPH, at('2026-03-29T00:59:59Z'))).toBe(60);
    expect(offsets.offsetMinutes(CPH, at('2026-03-29T01:00:00Z'))).toBe(120);
    expect(offsets.offsetMinutes(CPH, at('2026-10-25T00:59:59Z'))).toBe(120);
    expect(offsets.offsetMinutes(CPH, at('2026-10-25T01:00:00Z'))).toBe(60);
  });

  it.each([
    ['2026-10-24T23:59:59Z', false], // 01:59:59 CEST
    ['2026-10-25T00:00:00Z', true], // 02:00 CEST, again at 01:00Z as CET
    ['2026-10-25T00:30:00Z', true],
    ['2026-10-25T01:00:00Z', true], // 02:00 CET
    ['2026-10-25T01:59:59Z', true],
    ['2026-10-25T02:00:00Z', false], // 03:00 CET
    ['2026-03-29T00:30:00Z', false], // spring forward leaves a gap, not a repeat
    ['2026-03-29T01:00:00Z', false],
    ['2026-06-05T08:30:00Z', false],
  ])('local wall time of %s is ambiguous: %p', (iso, expected) => {
    expect(new ZoneOffsets().isAmbiguous(CPH, at(iso))).toBe(expected);
  });

  it('rejects an unknown zone', () => {
    expect(() => new ZoneOffsets().offsetMinutes('Mars/Olympus_Mons', 0)).toThrow(RangeError);
  });
});
