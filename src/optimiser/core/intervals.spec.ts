import { coversInterval, mergeIntervals, overlapsAny, subtractIntervals } from './intervals.js';

describe('interval helpers', () => {
  it('merges overlapping and touching intervals', () => {
    expect(
      mergeIntervals([
        { start: 5, end: 7 },
        { start: 1, end: 3 },
        { start: 3, end: 4 },
      ]),
    ).toEqual([
      { start: 1, end: 4 },
      { start: 5, end: 7 },
    ]);
  });

  it('subtracts taken time, keeping the pieces around it', () => {
    expect(
      subtractIntervals(
        [{ start: 0, end: 10 }],
        [
          { start: 2, end: 3 },
          { start: 8, end: 12 },
        ],
      ),
    ).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 8 },
    ]);
  });

  it('tests cover and overlap on half-open intervals', () => {
    const merged = [
      { start: 0, end: 4 },
      { start: 6, end: 9 },
    ];
    expect(coversInterval(merged, 1, 4)).toBe(true);
    expect(coversInterval(merged, 3, 7)).toBe(false);
    expect(overlapsAny(merged, 4, 6)).toBe(false);
    expect(overlapsAny(merged, 5, 7)).toBe(true);
  });
});
