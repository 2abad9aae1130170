import {
  fitBaseForecasts,
  type HierarchicalOptions,
  RECONCILIATION_METHODS,
  reconcile,
  type ReconciliationMethod,
} from './reconcile.js';
import { seasonalNaive, seasonalNaiveScale } from './seasonal-naive.js';
import { assertPeriod } from './validation.js';

/** Symmetric MAPE in percent (0–200); a week where forecast and actual are both 0 counts as a perfect 0. */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
  if (actual.length !== forecast.length) throw new Error('actual and forecast must have the same length');
  if (actual.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const denominator = Math.abs(actual[i]) + Math.abs(forecast[i]);
    sum += denominator === 0 ? 0 : (200 * Math.abs(forecast[i] - actual[i])) / denominator;
  }
  return sum / actual.length;
}

export function meanAbsoluteError(actual: readonly number[], forecast: readonly number[]): number {
  if (actual.length !== forecast.length) throw new Error('actual and forecast must have the same length');
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(forecast[i] - actual[i]);
  return sum / actual.length;
}

/**
 * Mean absolute scaled error: MAE divided by the in-sample MAE of the seasonal-naive forecast on `training`.
 * NaN when that scale is 0 or undefined (a constant or too short training series).
 */
export function mase(
  actual: readonly number[],
  forecast: readonly number[],
  training: readonly number[],
  period = 52,
): number {
  const scale = seasonalNaiveScale(training, period);
  return scale > 0 ? meanAbsoluteError(actual, forecast) / scale : Number.NaN;
}

export type BacktestMethod = 'model' | 'seasonalNaive' | 'recentMean';

export interface ErrorMetrics {
  /** sMAPE of the weekly values, in percent. */
  smape: number;
  /** MASE of the weekly values, scaled per origin by the training window's seasonal-naive MAE. */
  mase: number;
  /** sMAPE, in percent, of each origin's forecast-window total (e.g. a 13-week total). */
  totalSmape: number;
}

export type MethodMetrics = Record<BacktestMethod, ErrorMetrics>;

export interface Improvement {
  smape: number;
  mase: number;
  totalSmape: number;
}

export interface Coverage {
  fund: number;
  office: number;
}

export interface ReconciliationScore {
  fund: ErrorMetrics;
  office: ErrorMetrics;
  /** The offices' median forecasts (count quantiles) scored the same way: not what plans use, see `OfficeForecast`. */
  officeMedian: ErrorMetrics;
  coverage80: Coverage;
}

export interface BacktestReport {
  /** Index (into the history) of each forecast origin: the first week not seen by the fit. */
  origins: number[];
  horizon: number;
  /** 'model' is the reconciliation method the backtest chose (or was given), see `reconciliation`. */
  fund: MethodMetrics;
  /** Mean of the per-office metrics (offices with an undefined MASE are left out of the MASE mean). */
  office: MethodMetrics;
  perOffice: Map<string, MethodMetrics>;
  /** 1 − model / seasonal naive: 0.2 means the model's error is 20 % lower. */
  improvement: { fund: Improvement; office: Improvement };
  /** Share of held-out weeks inside the model's 80 % interval (office: over all office-weeks). */
  coverage80: Coverage;
  /** The same per origin, e.g. per quarter with the default 13-week step. */
  coverage80ByOrigin: { fund: number[]; office: number[] };
  /** Mean fund forecast error (forecast − actual) per week, per origin: a level the model has not caught up with. */
  fundBias: number[];
  /** ETS form of the fund model at each origin, e.g. 'ETS(M,N,M)' or 'ETS(M,N,M) + level shift'. */
  fundModels: string[];
  reconciliation: {
    method: ReconciliationMethod;
    /** 'backtest': lowest office MASE of the three; 'fixed': given in the options. */
    chosenBy: 'backtest' | 'fixed';
    methods: Record<ReconciliationMethod, ReconciliationScore>;
  };
}

export interface BacktestOptions {
  /** Number of final weeks that are forecast out of sample. Default 52. */
  window?: number;
  /** Weeks forecast from each origin. Default 13. */
  horizon?: number;
  /** Weeks between origins. Default equals the horizon, so the forecast windows tile the last `window` weeks. */
  step?: number;
  /** Season length; also the seasonal-naive lag. Default 52. */
  period?: number;
  /** Length of the recent-mean baseline, in weeks. Default 13. */
  recentMeanWeeks?: number;
  /** Forecast options; `startIsoWeek` is the ISO week of the first history value. */
  forecast?: HierarchicalOptions;
}

interface Accumulator {
  smapeSum: number;
  weeks: number;
  maseSum: number;
  maseWeeks: number;
  totalActual: number[];
  totalForecast: number[];
}

function emptyAccumulator(): Accumulator {
  return { smapeSum: 0, weeks: 0, maseSum: 0, maseWeeks: 0, totalActual: [], totalForecast: [] };
}

function accumulate(
  acc: Accumulator,
  actual: number[],
  forecast: number[],
  training: readonly number[],
  period: number,
): void {
  acc.smapeSum += smape(actual, forecast) * actual.length;
  acc.weeks += actual.length;
  const scaled = mase(actual, forecast, training, period);
  if (!Number.isNaN(scaled)) {
    acc.maseSum += scaled * actual.length;
    acc.maseWeeks += actual.length;
  }
  acc.totalActual.push(actual.reduce((a, b) => a + b, 0));
  acc.totalForecast.push(forecast.reduce((a, b) => a + b, 0));
}

function metricsOf(acc: Accumulator): ErrorMetrics {
  return {
    smape: acc.smapeSum / acc.weeks,
    mase: acc.maseWeeks > 0 ? acc.maseSum / acc.maseWeeks : Number.NaN,
    totalSmape: smape(acc.totalActual, acc.totalForecast),
  };
}

function meanIgnoringNaN(values: number[]): number {
  const defined = values.filter((v) => !Number.isNaN(v));
  return defined.length > 0 ? defined.reduce((a, b) => a + b, 0) / defined.length : Number.NaN;
}

function meanMetrics(all: ErrorMetrics[]): ErrorMetrics {
  return {
    smape: meanIgnoringNaN(all.map((x) => x.smape)),
    mase: meanIgnoringNaN(all.map((x) => x.mase)),
    totalSmape: meanIgnoringNaN(all.map((x) => x.totalSmape)),
  };
}

function improvementOf(metrics: MethodMetrics): Improvement {
  const ratio = (key: keyof ErrorMetrics) =>
    metrics.seasonalNaive[key] > 0 ? 1 - metrics.model[key] / metrics.seasonalNaive[key] : Number.NaN;
  return { smape: ratio('smape'), mase: ratio('mase'), totalSmape: ratio('totalSmape') };
}

/** Forecast origins of a rolling-origin evaluation: every `step` weeks from `n − window` to the end. */
export function rollingOrigins(n: number, window: number, step: number): number[] {
  const origins: number[] = [];
  for (let origin = n - window; origin < n; origin += step) origins.push(origin);
  return origins;
}

interface MethodTally {
  fund: Accumulator;
  offices: Map<string, Accumulator>;
  officeMedians: Map<string, Accumulator>;
  covered: { fund: number; fundWeeks: number; office: number; officeWeeks: number };
  byOrigin: { fund: number[]; office: number[] };
  fundBias: number[];
}

/**
 * Rolling-origin backtest over the last `window` weeks: at each origin the fund model and the office forecasts are
 * refitted on the history before it and forecast the next `horizon` weeks (cut at the end of the history), as do
 * the seasonal-naive forecast (same week last year, per series) and the mean of the last `recentMeanWeeks` weeks.
 * The default (13-week horizon, step 13, window 52) gives four non-overlapping quarters, matching how planners look
 * a quarter ahead. Every reconciliation method is scored from the same fits; 'model' reports the one with the
 * lowest office-level MASE (or the one given in `forecast.reconciliation`).
 */
export function backtest(series: Map<string, number[]>, options: BacktestOptions = {}): BacktestReport {
  const window = options.window ?? 52;
  const horizon = options.horizon ?? 13;
  const step = options.step ?? horizon;
  const period = options.period ?? options.forecast?.model?.period ?? 52;
  const recentWeeks = options.recentMeanWeeks ?? 13;
  assertPeriod(period);
  for (const [name, value] of Object.entries({ window, horizon, step, recentMeanWeeks: recentWeeks })) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  }
  if (series.size === 0) throw new Error('At least one office series is required');
  const n = [...series.values()][0].length;
  if (n - window < period + 1) {
    throw new Error(`Backtest needs more than ${period} weeks before the ${window}-week window; history has ${n}`);
  }
  const fixed = options.forecast?.reconciliation;
  if (fixed !== undefined && fixed !== 'auto' && !RECONCILIATION_METHODS.includes(fixed)) {
    throw new Error(`reconciliation must be 'auto' or one of ${RECONCILIATION_METHODS.join(', ')}`);
  }

  const ids = [...series.keys()];
  const total = new Array<number>(n).fill(0);
  for (const values of series.values()) values.forEach((v, t) => (total[t] += v));

  const tallies = new Map<ReconciliationMethod, MethodTally>(
    RECONCILIATION_METHODS.map((m) => [
      m,
      {
        fund: emptyAccumulator(),
        offices: new Map(ids.map((id) => [id, emptyAccumulator()])),
        officeMedians: new Map(ids.map((id) => [id, emptyAccumulator()])),
        covered: { fund: 0, fundWeeks: 0, office: 0, officeWeeks: 0 },
        byOrigin: { fund: [], office: [] },
        fundBias: [],
      },
    ]),
  );
  const baselines = {
    fund: { seasonalNaive: emptyAccumulator(), recentMean: emptyAccumulator() },
    offices: new Map(ids.map((id) => [id, { seasonalNaive: emptyAccumulator(), recentMean: emptyAccumulator() }])),
  };
  const recentMean = (training: readonly number[], h: number) => {
    const recent = training.slice(-recentWeeks);
    const mean = recent.reduce((a, b) => a + b, 0) / recent.length;
    return new Array<number>(h).fill(mean);
  };
  const inside = (actual: number[], lower: number[], upper: number[]) =>
    actual.filter((a, h) => a >= lower[h] && a <= upper[h]).length;

  const origins = rollingOrigins(n, window, step);
  const fundModels: string[] = [];
  for (const origin of origins) {
    const h = Math.min(horizon, n - origin);
    const training = new Map(ids.map((id) => [id, series.get(id)!.slice(0, origin)]));
    const base = fitBaseForecasts(training, h, { ...options.forecast, model: { ...options.forecast?.model, period } });
    fundModels.push(base.fund.model.name + (base.fund.model.levelShift ? ' + level shift' : ''));

    const fundTraining = total.slice(0, origin);
    const fundActual = total.slice(origin, origin + h);
    accumulate(baselines.fund.seasonalNaive, fundActual, seasonalNaive(fundTraining, h, period), fundTraining, period);
    accumulate(baselines.fund.recentMean, fundActual, recentMean(fundTraining, h), fundTraining, period);
    for (const id of ids) {
      const officeTraining = training.get(id)!;
      const actual = series.get(id)!.slice(origin, origin + h);
      const acc = baselines.offices.get(id)!;
      accumulate(acc.seasonalNaive, actual, seasonalNaive(officeTraining, h, period), officeTraining, period);
      accumulate(acc.recentMean, actual, recentMean(officeTraining, h), officeTraining, period);
    }

    for (const method of RECONCILIATION_METHODS) {
      const result = reconcile(base, method);
      const tally = tallies.get(method)!;
      accumulate(tally.fund, fundActual, result.total.mean, fundTraining, period);
      const fundInside = inside(fundActual, result.total.lower80, result.total.upper80);
      tally.covered.fund += fundInside;
      tally.covered.fundWeeks += h;
      tally.byOrigin.fund.push(fundInside / h);
      tally.fundBias.push(fundActual.reduce((s, a, i) => s + result.total.mean[i] - a, 0) / h);
      let officeInside = 0;
      for (const id of ids) {
        const actual = series.get(id)!.slice(origin, origin + h);
        const forecast = result.offices.get(id)!;
        accumulate(tally.offices.get(id)!, actual, forecast.mean, training.get(id)!, period);
        accumulate(tally.officeMedians.get(id)!, actual, forecast.median, training.get(id)!, period);
        officeInside += inside(actual, forecast.lower80, forecast.upper80);
      }
      tally.covered.office += officeInside;
      tally.covered.officeWeeks += h * ids.length;
      tally.byOrigin.office.push(officeInside / (h * ids.length));
    }
  }

  const scores = Object.fromEntries(
    RECONCILIATION_METHODS.map((m) => {
      const tally = tallies.get(m)!;
      const score: ReconciliationScore = {
        fund: metricsOf(tally.fund),
        office: meanMetrics(ids.map((id) => metricsOf(tally.offices.get(id)!))),
        officeMedian: meanMetrics(ids.map((id) => metricsOf(tally.officeMedians.get(id)!))),
        coverage80: {
          fund: tally.covered.fund / tally.covered.fundWeeks,
          office: tally.covered.office / tally.covered.officeWeeks,
        },
      };
      return [m, score];
    }),
  ) as Record<ReconciliationMethod, ReconciliationScore>;
  // Ties keep the earlier (simpler) method: top-down, then bottom-up, then MinT.
  const chosen =
    fixed && fixed !== 'auto'
      ? fixed
      : RECONCILIATION_METHODS.reduce((best, m) => (scores[m].office.mase < scores[best].office.mase ? m : best));
  const tally = tallies.get(chosen)!;

  const perOffice = new Map(
    ids.map((id) => [
      id,
      {
        model: metricsOf(tally.offices.get(id)!),
        seasonalNaive: metricsOf(baselines.offices.get(id)!.seasonalNaive),
        recentMean: metricsOf(baselines.offices.get(id)!.recentMean),
      } satisfies MethodMetrics,
    ]),
  );
  const fund: MethodMetrics = {
    model: scores[chosen].fund,
    seasonalNaive: metricsOf(baselines.fund.seasonalNaive),
    recentMean: metricsOf(baselines.fund.recentMean),
  };
  const office: MethodMetrics = {
    model: scores[chosen].office,
    seasonalNaive: meanMetrics([...perOffice.values()].map((m) => m.seasonalNaive)),
    recentMean: meanMetrics([...perOffice.values()].map((m) => m.recentMean)),
  };
  return {
    origins,
    horizon,
    fund,
    office,
    perOffice,
    improvement: { fund: improvementOf(fund), office: improvementOf(office) },
    coverage80: scores[chosen].coverage80,
    coverage80ByOrigin: tally.byOrigin,
    fundBias: tally.fundBias,
    fundModels,
    reconciliation: { method: chosen, chosenBy: fixed && fixed !== 'auto' ? 'fixed' : 'backtest', methods: scores },
  };
}
