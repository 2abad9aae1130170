import { seasonalNaive, seasonalNaiveScale } from './seasonal-naive.js';

describe('seasonalNaive', () => {
  it('repeats the value from one season earlier, wrapping beyond one season', () => {
    const history = [9, 9, 1, 2, 3, 4];
    expect(seasonalNaive(history, 6, 4)).toEqual([1, 2, 3, 4, 1, 2]);
  });

  it('returns nothing for horizon 0, even with a short history', () => {
    expect(seasonalNaive([1], 0)).toEqual([]);
  });

  it('throws for a history shorter than one season and for bad arguments', () => {
    expect(() => seasonalNaive([1, 2, 3], 2, 4)).toThrow('at least one season');
    expect(() => seasonalNaive([1, 2, 3, 4], -1, 4)).toThrow('horizon');
    expect(() => seasonalNaive([1, 2, 3, 4], 1.5, 4)).toThrow('horizon');
    expect(() => seasonalNaive([1, Number.NaN, 3, 4], 1, 4)).toThrow('history[1]');
  });

  it('scales by the in-sample mean absolute seasonal difference', () => {
    expect(seasonalNaiveScale([1, 2, 4, 6], 2)).toBe(3.5);
    expect(seasonalNaiveScale([1, 2], 2)).toBeNaN();
  });
});
