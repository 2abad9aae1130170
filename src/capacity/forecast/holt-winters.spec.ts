import fc from 'fast-check';
import { fitHoltWinters, forecastHoltWinters, holtWintersForecast, seasonalProfileOf } from './holt-winters.js';
import { isoWeekSlotOf } from './iso-week.js';
import { generateWeeklyInflow, mulberry32, samplePoisson } from './synthetic.js';

const trueFactor = (t: number) => 1 + 0.3 * Math.cos((2 * Math.PI * (t - 2)) / 52);

function poissonSeries(seed: number, weeks: number, mean: (t: number) => number): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: weeks }, (_, t) => samplePoisson(mean(t), random));
}

describe('fitHoltWinters / forecastHoltWinters', () => {
  it('recovers the level and seasonal pattern of a noisy 3-year weekly series', () => {
    const history = poissonSeries(11, 156, (t) => 200 * trueFactor(t));
    const model = fitHoltWinters(history);
    const profile = seasonalProfileOf(model);
    const maxFactorError = Math.max(...profile.map((f, k) => Math.abs(f - trueFactor(k))));
    expect(model.seasonalSource).toBe('estimated');
    expect(maxFactorError).toBeLessThan(0.08);
    const level = model.level + model.seasonal.reduce((a, b) => a + b, 0) / 52;
    expect(Math.abs(level / 200 - 1)).toBeLessThan(0.05);

    const { mean } = forecastHoltWinters(model, 52);
    const mape = mean.reduce((s, m, h) => s + Math.abs(m / (200 * trueFactor(156 + h)) - 1), 0) / 52;
    expect(mape).toBeLessThan(0.05);
  });

  it('finds a trend when there is one and chooses the damped model', () => {
    const history = Array.from({ length: 156 }, (_, t) => 50 + 0.5 * t + 10 * Math.sin((2 * Math.PI * t) / 52));
    const { mean, model } = holtWintersForecast(history, 4);
    expect(model.trend).toBe('damped');
    const truth = [156, 157, 158, 159].map((t) => 50 + 0.5 * t + 10 * Math.sin((2 * Math.PI * t) / 52));
    mean.forEach((m, h) => expect(Math.abs(m - truth[h])).toBeLessThan(2));
  });

  it('contains ~80 % of held-out weeks in its 80 % interval on long synthetic histories', () => {
    let inside = 0;
    let count = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const start = { year: 2015, week: 1 };
      const { total } = generateWeeklyInflow({
        seed, weeks: 8 * 52 + 52, startIsoWeek: start, yearlyTotal: 3400,
        offices: [{ id: 'fund', weight: 1 }], levelVolatility: 0, shareDrift: 0,
      });
      const forecast = holtWintersForecast(total.slice(0, 8 * 52), 52, { slotOf: isoWeekSlotOf(start) });
      total.slice(8 * 52).forEach((actual, h) => {
        count += 1;
        if (actual >= forecast.lower80[h] && actual <= forecast.upper80[h]) inside += 1;
      });
    }
    expect(inside / count).toBeGreaterThan(0.7);
    expect(inside / count).toBeLessThan(0.9);
  });

  it('keeps ~80 % coverage with only 2–3 years of history, where the seasonal indices are themselves uncertain', () => {
    let inside = 0;
    let count = 0;
    const start = { year: 2023, week: 1 };
    for (let seed = 1; seed <= 10; seed++) {
      const { total } = generateWeeklyInflow({ seed, weeks: 156, startIsoWeek: start, yearlyTotal: 3400, offices: [{ id: 'fund', weight: 1 }] });
      for (const origin of [104, 117, 130, 143]) {
        const forecast = holtWintersForecast(total.slice(0, origin), 13, { slotOf: isoWeekSlotOf(start) });
        total.slice(origin, origin + 13).forEach((actual, h) => {
          count += 1;
          if (actual >= forecast.lower80[h] && actual <= forecast.upper80[h]) inside += 1;
        });
      }
    }
    expect(inside / count).toBeGreaterThan(0.77);
    expect(inside / count).toBeLessThan(0.9);
  });

  it('widens the interval with the horizon (compared within the same seasonal slot)', () => {
    const { variance, lower80, upper80 } = holtWintersForecast(poissonSeries(3, 120, (t) => 60 * trueFactor(t)), 104);
    for (let h = 0; h < 52; h++) {
      expect(variance[h + 52]).toBeGreaterThan(variance[h]);
      expect(upper80[h + 52] - lower80[h + 52]).toBeGreaterThan(upper80[h] - lower80[h]);
    }
  });

  it('forecasts zeros with a zero-width interval for an all-zero history', () => {
    const result = holtWintersForecast(new Array<number>(104).fill(0), 10);
    expect(result.mean).toEqual(new Array<number>(10).fill(0));
    expect(result.lower80).toEqual(result.mean);
    expect(result.upper80).toEqual(result.mean);
  });

  it('returns empty arrays for horizon 0', () => {
    expect(holtWintersForecast([1, 2, 3, 4], 0)).toMatchObject({ mean: [], lower80: [], upper80: [], variance: [] });
  });

  it('drops seasonality for a history shorter than one season, unless a pooled profile is given', () => {
    const history = poissonSeries(5, 30, () => 40);
    const plain = holtWintersForecast(history, 52);
    expect(plain.model.seasonalSource).toBe('none');
    expect(Math.max(...plain.mean) - Math.min(...plain.mean)).toBeLessThan(1e-9);
    expect(Math.abs(plain.mean[0] / 40 - 1)).toBeLessThan(0.15);

    const profile = Array.from({ length: 52 }, (_, k) => trueFactor(k));
    const pooled = holtWintersForecast(history.map((_, t) => history[t] * trueFactor(t)), 52, { seasonalProfile: profile });
    expect(pooled.model.seasonalSource).toBe('pooled');
    // The profile peaks in slot 2; the forecast starts at slot 30.
    const peakSlot = (30 + pooled.mean.indexOf(Math.max(...pooled.mean))) % 52;
    expect(Math.abs(peakSlot - 2)).toBeLessThanOrEqual(2);
    expect(Math.max(...pooled.mean) / Math.min(...pooled.mean)).toBeGreaterThan(1.5);
  });

  it('aligns the seasonal slots with ISO weeks across a 53-week year', () => {
    const start = { year: 2024, week: 1 };
    const slotOf = isoWeekSlotOf(start);
    // A spike in ISO week 2 every year; 2026 has 53 weeks, so positional indexing would put 2027's spike a week early.
    const history = Array.from({ length: 3 * 52 + 1 }, (_, t) => (slotOf(t) === 1 ? 50 : 10));
    const { mean } = holtWintersForecast(history, 52, { slotOf, seasonalSmoothing: 0 });
    const peakWeek = mean.indexOf(Math.max(...mean));
    expect(slotOf(history.length + peakWeek)).toBe(1);
  });

  it('throws clear errors for invalid input', () => {
    expect(() => fitHoltWinters([5])).toThrow('at least 2 observations');
    expect(() => fitHoltWinters([1, -1, 2])).toThrow('history[1]');
    expect(() => fitHoltWinters([1, 2, Number.POSITIVE_INFINITY])).toThrow('history[2]');
    expect(() => fitHoltWinters([1, 2, 3], { period: 1 })).toThrow('period');
    expect(() => fitHoltWinters([1, 2, 3], { seasonalProfile: [1, 1] })).toThrow('seasonalProfile');
    expect(() => fitHoltWinters([1, 2, 3], { slotOf: () => 60 })).toThrow('slotOf');
    expect(() => forecastHoltWinters(fitHoltWinters([1, 2, 3]), -1)).toThrow('horizon');
    expect(() => fitHoltWinters([1, 2, 3, 4, 5], { period: 4, seasonalSmoothing: 2 })).toThrow('seasonalSmoothing');
    const params = { alpha: 1.5, beta: 0, gamma: 0, phi: 0 };
    expect(() => fitHoltWinters([1, 2, 3], { trend: 'none', params })).toThrow('[0, 1]');
    expect(() => fitHoltWinters([1, 2, 3], { params: { ...params, alpha: 0.5 } })).toThrow("trend 'none' or 'damped'");
  });

  it('keeps forecasts non-negative with lower <= mean <= upper (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 30 }), { minLength: 2, maxLength: 130 }),
        fc.integer({ min: 0, max: 60 }),
        (history, horizon) => {
          const { mean, lower80, upper80 } = holtWintersForecast(history, horizon);
          return (
            mean.length === horizon &&
            mean.every((m, h) => Number.isFinite(upper80[h]) && lower80[h] >= 0 && lower80[h] <= m && m <= upper80[h])
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
