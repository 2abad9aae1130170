import { backtest, mase, meanAbsoluteError, smape } from './backtest.js';
import { demoOfficeWeights, generateWeeklyInflow, mulberry32, samplePoisson } from './synthetic.js';

const START = { year: 2023, week: 1 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe('error metrics', () => {
  it('computes sMAPE in percent and scores a week with 0 forecast and 0 actual as perfect', () => {
    expect(smape([100], [50])).toBeCloseTo(200 / 3, 10);
    expect(smape([0, 0], [0, 4])).toBe(100);
    expect(smape([], [])).toBeNaN();
    expect(() => smape([1], [1, 2])).toThrow('same length');
  });

  it('scales MASE by the in-sample seasonal-naive MAE and is NaN when that scale is 0', () => {
    expect(meanAbsoluteError([1, 2], [2, 4])).toBe(1.5);
    expect(mase([1, 2], [2, 4], [0, 0, 3, 1], 2)).toBeCloseTo(1.5 / 2, 10);
    expect(mase([1], [2], [5, 5, 5, 5], 2)).toBeNaN();
  });

  it('rewards forecasting zero for sparse counts, which is why office-level sMAPE is not the headline metric', () => {
    const random = mulberry32(3);
    const actual = Array.from({ length: 5000 }, () => samplePoisson(0.5, random));
    expect(smape(actual, new Array<number>(5000).fill(0))).toBeLessThan(
      smape(actual, new Array<number>(5000).fill(0.5)),
    );
  });
});

describe('backtest', () => {
  const histories = [1, 2, 3, 4, 5].map(
    (seed) =>
      generateWeeklyInflow({ seed, weeks: 156, startIsoWeek: START, yearlyTotal: 3400, offices: demoOfficeWeights() })
        .byOffice,
  );
  const reports = histories.map((series) => backtest(series, { forecast: { startIsoWeek: START } }));

  it('refits at four quarterly origins over the last 52 weeks and reports every office', () => {
    expect(reports[0].origins).toEqual([104, 117, 130, 143]);
    expect(reports[0].horizon).toBe(13);
    expect(reports[0].perOffice.size).toBe(55);
  });

  it('beats seasonal naive by at least 15 % on demo-like histories (median of 5 seeds)', () => {
    expect(median(reports.map((r) => r.improvement.fund.smape))).toBeGreaterThanOrEqual(0.15);
    expect(median(reports.map((r) => r.improvement.fund.mase))).toBeGreaterThanOrEqual(0.15);
    expect(median(reports.map((r) => r.improvement.office.mase))).toBeGreaterThanOrEqual(0.15);
    expect(median(reports.map((r) => r.improvement.office.totalSmape))).toBeGreaterThanOrEqual(0.15);
  });

  it('reports how often held-out weeks fall inside the 80 % intervals', () => {
    const fund = median(reports.map((r) => r.coverage80.fund));
    expect(fund).toBeGreaterThan(0.65);
    expect(fund).toBeLessThan(0.95);
    // Whole-number office bounds overshoot 80 % at ~1 member a week.
    expect(median(reports.map((r) => r.coverage80.office))).toBeGreaterThanOrEqual(0.8);
  });

  it('scores every reconciliation method from the same fits and reports the one with the lowest office MASE', () => {
    for (const report of reports) {
      const { methods, method, chosenBy } = report.reconciliation;
      expect(chosenBy).toBe('backtest');
      expect(Object.keys(methods).sort()).toEqual(['bottom-up', 'mint', 'top-down']);
      expect(methods[method].office.mase).toBe(Math.min(...Object.values(methods).map((m) => m.office.mase)));
      expect(report.office.model).toEqual(methods[method].office);
      expect(report.coverage80).toEqual(methods[method].coverage80);
    }
    const fixed = backtest(histories[0], { forecast: { startIsoWeek: START, reconciliation: 'bottom-up' } });
    expect(fixed.reconciliation).toMatchObject({ method: 'bottom-up', chosenBy: 'fixed' });
    expect(fixed.fund.model).toEqual(fixed.reconciliation.methods['bottom-up'].fund);
  });

  it('reports coverage and fund bias per origin, and the fund model fitted at each', () => {
    const report = reports[0];
    expect(report.coverage80ByOrigin.fund).toHaveLength(4);
    expect(report.coverage80ByOrigin.office).toHaveLength(4);
    const meanOf = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(meanOf(report.coverage80ByOrigin.fund)).toBeCloseTo(report.coverage80.fund, 10);
    expect(report.fundBias).toHaveLength(4);
    expect(report.fundModels).toHaveLength(4);
    for (const name of report.fundModels) expect(name).toMatch(/^ETS\([AM],(N|Ad),[NAM]\)( \+ level shift)?$/);
  });

  it('reports the improvement as 1 − model / naive', () => {
    const { fund } = reports[0];
    expect(reports[0].improvement.fund.smape).toBeCloseTo(1 - fund.model.smape / fund.seasonalNaive.smape, 12);
  });

  it('supports a single origin forecasting the whole last year', () => {
    const report = backtest(histories[0], { horizon: 52, forecast: { startIsoWeek: START } });
    expect(report.origins).toEqual([104]);
    expect(Number.isFinite(report.fund.model.smape)).toBe(true);
  });

  it('scores seasonal naive as perfect on a series that repeats exactly every year', () => {
    const pattern = Array.from({ length: 52 }, (_, k) => 5 + (k % 7));
    const series = new Map([['a', [...pattern, ...pattern, ...pattern]]]);
    const report = backtest(series);
    expect(report.fund.seasonalNaive.smape).toBe(0);
    expect(report.fund.seasonalNaive.mase).toBeNaN();
  });

  it('throws when the history leaves less than a season before the backtest window', () => {
    const short = new Map([['a', new Array<number>(100).fill(1)]]);
    expect(() => backtest(short)).toThrow('more than 52 weeks before the 52-week window');
    expect(() => backtest(histories[0], { horizon: 0 })).toThrow('horizon');
    expect(() => backtest(histories[0], { forecast: { reconciliation: 'sideways' as never } })).toThrow(
      'reconciliation',
    );
  });
});
