import { analyseSeasonality, initialStates } from './decomposition.js';
import { mulberry32, sampleNormal } from './synthetic.js';

const period = 12;
const slotsOf = (n: number) => Int32Array.from({ length: n }, (_, t) => t % period);
const pattern = [0.3, 0.2, 0.1, 0, -0.1, -0.2, -0.3, -0.2, -0.1, 0, 0.1, 0.2];

function series(n: number, seed: number, shift?: { at: number; factor: number }): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, (_, t) => {
    const level = 100 * (shift && t >= shift.at ? shift.factor : 1);
    return level * (1 + pattern[t % period]) * (1 + 0.02 * sampleNormal(random));
  });
}

describe('initialStates', () => {
  it('estimates multiplicative factors averaging 1 and additive deviations summing to 0', () => {
    const y = series(60, 1);
    const m = initialStates(y, slotsOf(60), period, 'M', { smoothing: 0 })!;
    const a = initialStates(y, slotsOf(60), period, 'A', { smoothing: 0 })!;
    expect(m.seasonal.reduce((s, f) => s + f, 0) / period).toBeCloseTo(1, 10);
    expect(a.seasonal.reduce((s, d) => s + d, 0)).toBeCloseTo(0, 8);
    m.seasonal.forEach((f, k) => expect(Math.abs(f - (1 + pattern[k]))).toBeLessThan(0.03));
    a.seasonal.forEach((d, k) => expect(Math.abs(d - 100 * pattern[k])).toBeLessThan(3));
    expect(m.level).toBeGreaterThan(95);
    expect(m.level).toBeLessThan(105);
  });

  it('returns null for a multiplicative start on a series with zeros in its moving average', () => {
    expect(initialStates(new Array<number>(30).fill(0), slotsOf(30), period, 'M', { smoothing: 0 })).toBeNull();
  });

  it('starts from a pooled profile when one is given', () => {
    const states = initialStates(series(20, 3), slotsOf(20), period, 'M', {
      smoothing: 0,
      profile: pattern.map((p) => 2 + 2 * p),
    })!;
    expect(states.source).toBe('pooled');
    states.seasonal.forEach((f, k) => expect(f).toBeCloseTo(1 + pattern[k], 10));
  });
});

describe('analyseSeasonality', () => {
  it('finds a seasonal pattern that predicts held-out seasons, and none in noise', () => {
    expect(analyseSeasonality(series(60, 4), slotsOf(60), period).predicts).toBe(true);
    const random = mulberry32(5);
    for (let seed = 0; seed < 5; seed++) {
      const noise = Array.from({ length: 60 }, () => 100 + 5 * sampleNormal(random));
      expect(analyseSeasonality(noise, slotsOf(60), period).predicts).toBe(false);
    }
  });

  it('needs two full seasons to judge', () => {
    expect(analyseSeasonality(series(20, 6), slotsOf(20), period)).toMatchObject({ predicts: false });
  });
});
