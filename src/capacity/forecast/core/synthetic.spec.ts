import { demoOfficeWeights, generateWeeklyInflow, mulberry32, samplePoisson } from './synthetic.js';

const START = { year: 2021, week: 1 };
const stable = { levelVolatility: 0, shareDrift: 0 };

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

describe('mulberry32 and samplePoisson', () => {
  it('is deterministic per seed and uniform on [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const draws = Array.from({ length: 10_000 }, () => a());
    expect(draws.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(mean(draws)).toBeCloseTo(0.5, 1);
  });

  it.each([
    [0.3, 20_000],
    [1.2, 20_000],
    [65, 5_000],
    [400, 2_000],
  ])('draws Poisson(%p) with matching mean and variance', (lambda, size) => {
    const random = mulberry32(7);
    const draws = Array.from({ length: size }, () => samplePoisson(lambda, random));
    const m = mean(draws);
    const variance = mean(draws.map((d) => (d - m) ** 2));
    expect(Math.abs(m - lambda) / lambda).toBeLessThan(0.03);
    expect(Math.abs(variance - lambda) / lambda).toBeLessThan(0.1);
  });

  it('rejects a negative mean', () => {
    expect(() => samplePoisson(-1, Math.random)).toThrow('Poisson mean');
  });
});

describe('generateWeeklyInflow', () => {
  const offices = demoOfficeWeights();

  it('builds 55 offices, 30 main and 25 satellite, main offices larger', () => {
    expect(offices).toHaveLength(55);
    expect(offices.filter((o) => o.id.startsWith('main-'))).toHaveLength(30);
    expect(offices[0].weight).toBeGreaterThan(offices[54].weight);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const options = { weeks: 20, startIsoWeek: START, yearlyTotal: 3400, offices };
    const a = generateWeeklyInflow({ seed: 1, ...options });
    const b = generateWeeklyInflow({ seed: 1, ...options });
    const c = generateWeeklyInflow({ seed: 2, ...options });
    expect(a.byOffice).toEqual(b.byOffice);
    expect(a.total).not.toEqual(c.total);
  });

  it('labels consecutive ISO weeks and sums offices into the total', () => {
    const result = generateWeeklyInflow({
      seed: 3,
      weeks: 60,
      startIsoWeek: { year: 2026, week: 50 },
      yearlyTotal: 3400,
      offices,
    });
    expect(result.isoWeeks.slice(2, 5)).toEqual([
      { year: 2026, week: 52 },
      { year: 2026, week: 53 },
      { year: 2027, week: 1 },
    ]);
    const summed = result.total.map((_, t) => [...result.byOffice.values()].reduce((s, v) => s + v[t], 0));
    expect(result.total).toEqual(summed);
  });

  it('hits the yearly total and splits it by office weight', () => {
    const { total, expectedTotal, byOffice } = generateWeeklyInflow({
      seed: 4,
      weeks: 4 * 52,
      startIsoWeek: START,
      yearlyTotal: 3400,
      offices,
      ...stable,
    });
    expect(Math.abs((mean(expectedTotal) * 52.18) / 3400 - 1)).toBeLessThan(0.01);
    expect(Math.abs((mean(total) * 52.18) / 3400 - 1)).toBeLessThan(0.02);
    const weightSum = offices.reduce((s, o) => s + o.weight, 0);
    const grand = total.reduce((a, b) => a + b, 0);
    const first = byOffice.get(offices[0].id)!.reduce((a, b) => a + b, 0);
    expect(Math.abs(first / grand - offices[0].weight / weightSum)).toBeLessThan(0.01);
  });

  it('is high in winter, low in summer, jumps in January and spikes in weeks holding a month start', () => {
    const { expectedTotal, isoWeeks } = generateWeeklyInflow({
      seed: 5,
      weeks: 3 * 52,
      startIsoWeek: START,
      yearlyTotal: 3400,
      offices,
      ...stable,
    });
    const byWeek = (predicate: (week: number) => boolean) =>
      mean(expectedTotal.filter((_, t) => predicate(isoWeeks[t].week)));
    expect(byWeek((w) => w >= 5 && w <= 8)).toBeGreaterThan(1.3 * byWeek((w) => w >= 28 && w <= 31));
    expect(byWeek((w) => w === 2)).toBeGreaterThan(1.3 * byWeek((w) => w === 5));
    // 2021-W39 (27 Sep–3 Oct) holds 1–2 October; its neighbours hold no month start.
    const at = (week: number) => expectedTotal[isoWeeks.findIndex((w) => w.year === 2021 && w.week === week)];
    expect(at(39)).toBeGreaterThan(1.1 * Math.max(at(38), at(40)));
  });

  it('applies level shifts as steps or ramps, leaving the weeks before them as they were', () => {
    const options = { seed: 6, weeks: 60, startIsoWeek: START, yearlyTotal: 3400, offices, levelVolatility: 0 };
    const plain = generateWeeklyInflow(options);
    const step = generateWeeklyInflow({ ...options, levelShifts: [{ week: 30, factor: 1.3 }] });
    const ramp = generateWeeklyInflow({ ...options, levelShifts: [{ week: 30, factor: 1.3, rampWeeks: 10 }] });
    expect(step.total.slice(0, 30)).toEqual(plain.total.slice(0, 30));
    expect(step.expectedTotal[30] / plain.expectedTotal[30]).toBeCloseTo(1.3, 10);
    expect(ramp.expectedTotal[30] / plain.expectedTotal[30]).toBeCloseTo(1.03, 10);
    expect(ramp.expectedTotal[34] / plain.expectedTotal[34]).toBeCloseTo(1.15, 10);
    expect(ramp.expectedTotal[50] / plain.expectedTotal[50]).toBeCloseTo(1.3, 10);
    expect(mean(step.total.slice(35))).toBeGreaterThan(1.15 * mean(plain.total.slice(35)));
  });

  it('throws for invalid options', () => {
    const base = { seed: 1, weeks: 4, startIsoWeek: START, yearlyTotal: 100, offices };
    expect(() => generateWeeklyInflow({ ...base, offices: [] })).toThrow('At least one office');
    expect(() => generateWeeklyInflow({ ...base, weeks: -1 })).toThrow('weeks');
    expect(() =>
      generateWeeklyInflow({
        ...base,
        offices: [
          { id: 'a', weight: 1 },
          { id: 'a', weight: 2 },
        ],
      }),
    ).toThrow('unique');
    expect(() => generateWeeklyInflow({ ...base, offices: [{ id: 'a', weight: 0 }] })).toThrow('weights');
    expect(() => generateWeeklyInflow({ ...base, levelShifts: [{ week: 1, factor: 0 }] })).toThrow('level shift');
    expect(() => generateWeeklyInflow({ ...base, levelShifts: [{ week: 1, factor: 2, rampWeeks: 0 }] })).toThrow(
      'level shift',
    );
  });
});
