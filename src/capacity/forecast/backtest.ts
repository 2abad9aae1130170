import { forecastOffices, type HierarchicalOptions } from './hierarchical.js';
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

export interface BacktestReport {
  /** Index (into the history) of each forecast origin: the first week not seen by the fit. */
  origins: number[];
  horizon: number;
  fund: MethodMetrics;
  /** Mean of the per-office metrics (offices with an undefined MASE are left out of the MASE mean). */
  office: MethodMetrics;
  perOffice: Map<string, MethodMetrics>;
  /** 1 − model / seasonal naive: 0.2 means the model's error is 20 % lower. */
  improvement: { fund: Improvement; office: Improvement };
  /** Share of held-out weeks inside the model's 80 % interval (office: over all office-weeks). */
  coverage80: { fund: number; office: number };
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

function improvementOf(metrics: MethodMetrics): Improvement {
  const ratio = (key: keyof ErrorMetrics) =>
    metrics.seasonalNaive[key] > 0 ? 1 - metrics.model[key] / metrics.seasonalNaive[key] : Number.NaN;
  return { smape: ratio('smape'), mase: ratio('mase'), totalSmape: ratio('totalSmape') };
}

const METHODS: BacktestMethod[] = ['model', 'seasonalNaive', 'recentMean'];

/**
 * Rolling-origin backtest over the last `window` weeks: at each origin the hierarchical model is refitted on the
 * history before it and forecasts the next `horizon` weeks (cut at the end of the history), as do the seasonal-naive
 * forecast (same week last year, per series) and the mean of the last `recentMeanWeeks` weeks. The default (13-week
 * horizon, step 13, window 52) gives four non-overlapping quarters, matching how planners look a quarter ahead.
 * Metrics are reported for the fund (summed) series and averaged over offices.
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

  const ids = [...series.keys()];
  const total = new Array<number>(n).fill(0);
  for (const values of series.values()) values.forEach((v, t) => (total[t] += v));

  const newAccumulators = () =>
    Object.fromEntries(METHODS.map((m) => [m, emptyAccumulator()])) as Record<BacktestMethod, Accumulator>;
  const fundAcc = newAccumulators();
  const officeAcc = new Map(ids.map((id) => [id, newAccumulators()]));
  const recentMean = (training: readonly number[], h: number) => {
    const recent = training.slice(-recentWeeks);
    const mean = recent.reduce((a, b) => a + b, 0) / recent.length;
    return new Array<number>(h).fill(mean);
  };

  const covered = { fund: 0, fundWeeks: 0, office: 0, officeWeeks: 0 };
  const inside = (actual: number[], lower: number[], upper: number[]) =>
    actual.filter((a, h) => a >= lower[h] && a <= upper[h]).length;

  const origins: number[] = [];
  for (let origin = n - window; origin < n; origin += step) {
    origins.push(origin);
    const h = Math.min(horizon, n - origin);
    const training = new Map(ids.map((id) => [id, series.get(id)!.slice(0, origin)]));
    const result = forecastOffices(training, h, {
      ...options.forecast,
      model: { ...options.forecast?.model, period },
    });

    const fundTraining = total.slice(0, origin);
    const fundActual = total.slice(origin, origin + h);
    accumulate(fundAcc.model, fundActual, result.total.mean, fundTraining, period);
    accumulate(fundAcc.seasonalNaive, fundActual, seasonalNaive(fundTraining, h, period), fundTraining, period);
    accumulate(fundAcc.recentMean, fundActual, recentMean(fundTraining, h), fundTraining, period);
    covered.fund += inside(fundActual, result.total.lower80, result.total.upper80);
    covered.fundWeeks += h;

    for (const id of ids) {
      const officeTraining = training.get(id)!;
      const actual = series.get(id)!.slice(origin, origin + h);
      const acc = officeAcc.get(id)!;
      const forecast = result.offices.get(id)!;
      accumulate(acc.model, actual, forecast.mean, officeTraining, period);
      covered.office += inside(actual, forecast.lower80, forecast.upper80);
      covered.officeWeeks += h;
      accumulate(acc.seasonalNaive, actual, seasonalNaive(officeTraining, h, period), officeTraining, period);
      accumulate(acc.recentMean, actual, recentMean(officeTraining, h), officeTraining, period);
    }
  }

  const toMetrics = (acc: Record<BacktestMethod, Accumulator>) =>
    Object.fromEntries(METHODS.map((m) => [m, metricsOf(acc[m])])) as MethodMetrics;
  const fund = toMetrics(fundAcc);
  const perOffice = new Map(ids.map((id) => [id, toMetrics(officeAcc.get(id)!)]));
  const office = Object.fromEntries(
    METHODS.map((m) => {
      const all = [...perOffice.values()].map((metrics) => metrics[m]);
      return [
        m,
        {
          smape: meanIgnoringNaN(all.map((x) => x.smape)),
          mase: meanIgnoringNaN(all.map((x) => x.mase)),
          totalSmape: meanIgnoringNaN(all.map((x) => x.totalSmape)),
        },
      ];
    }),
  ) as MethodMetrics;
  const improvement = { fund: improvementOf(fund), office: improvementOf(office) };
  const coverage80 = { fund: covered.fund / covered.fundWeeks, office: covered.office / covered.officeWeeks };
  return { origins, horizon, fund, office, perOffice, improvement, coverage80 };
}

