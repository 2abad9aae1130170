import { countInterval80, countMedian } from './count-interval.js';
import {
  type EtsForecast,
  type EtsModel,
  type EtsOptions,
  fitEts,
  forecastEts,
  type IntervalForecast,
  seasonalProfileOf,
} from './ets.js';
import { type IsoWeek, isoWeekSlotOf } from '../../../shared/time/iso-week.js';
import { cholesky, choleskySolve, type Matrix } from './linear-algebra.js';
import { assertCounts, assertHorizon } from './validation.js';

/**
 * How office forecasts are made to add up to the fund:
 * - top-down: the fund model's forecast split by each office's smoothed share;
 * - bottom-up: each office's own forecast (its smoothed level on the fund's seasonal pattern), summed to the fund;
 * - mint: both levels' forecasts combined by minimum trace reconciliation (Wickramasuriya, Athanasopoulos and
 *   Hyndman 2019) with the shrinkage covariance of their one-step errors.
 */
export type ReconciliationMethod = 'top-down' | 'bottom-up' | 'mint';

export const RECONCILIATION_METHODS: readonly ReconciliationMethod[] = ['top-down', 'bottom-up', 'mint'];

export interface BaseForecastOptions {
  /** ISO week of the first history value; aligns the seasonal slots with ISO week numbers. */
  startIsoWeek?: IsoWeek;
  /** Half-life, in weeks, of the exponential weights behind each office's share. Default 26. */
  shareHalfLifeWeeks?: number;
  /** Weeks of recent history used to measure how noisy offices are around their shares. Default 52. */
  dispersionWeeks?: number;
  /** Options for the ETS model of the summed series (form, period, pooled seasonal profile, smoothing). */
  model?: Omit<EtsOptions, 'slotOf'>;
}

export interface HierarchicalOptions extends BaseForecastOptions {
  /**
   * How office forecasts add up to the fund. 'auto' (default) takes the method with the lowest office-level MASE
   * in the rolling-origin backtest of the same history, or top-down when the history is too short to backtest.
   */
  reconciliation?: ReconciliationMethod | 'auto';
}

/** Everything the reconciliation methods start from: one fit per history, shared by every method. */
export interface BaseForecasts {
  ids: string[];
  /** History length in weeks. */
  n: number;
  horizon: number;
  fund: EtsForecast & { model: EtsModel };
  /** Smoothed share of each office; the shares sum to 1. */
  shares: Map<string, number>;
  /** Variance of a smoothed share relative to binomial thinning of the weighted total (sum of squared weights). */
  shareVarianceFactor: number;
  /** Scatter of the offices' counts around their shares relative to binomial thinning (>= 1), pooled over offices. */
  dispersion: number;
  /** Each office's own forecast: its smoothed level on the fund's seasonal pattern and level shift. */
  officeBase: Map<string, number[]>;
  /** Smoothing parameter of the office levels, one for all offices, fitted to all of them. */
  officeAlpha: number;
  /** Shrinkage weight on the diagonal target of the error covariance (0 = sample covariance, 1 = diagonal). */
  shrinkage: number;
  /** MinT map G from base forecasts [fund, offices…] to reconciled office forecasts. */
  mint: Matrix;
}

/**
 * An office's forecast: the mean (what plans add up) with its 80 % interval, and the median of the same count
 * distribution (the point with the least expected absolute error; at ~0.5 member a week it is 0).
 */
export interface OfficeForecast extends IntervalForecast {
  median: number[];
  /** Forecast-error variance of the count per week: the distribution the interval and median are quantiles of. */
  variance: number[];
}

export interface ReconciledForecast {
  method: ReconciliationMethod;
  total: IntervalForecast & { variance: number[] };
  offices: Map<string, OfficeForecast>;
}

function sumSeries(series: Map<string, number[]>): number[] {
  const lengths = new Set([...series.values()].map((s) => s.length));
  if (lengths.size !== 1) throw new Error('All office series must have the same length');
  const n = [...lengths][0];
  const total = new Array<number>(n).fill(0);
  for (const [id, values] of series) {
    assertCounts(values, `series "${id}"`);
    values.forEach((v, t) => (total[t] += v));
  }
  return total;
}

/** Candidate relative drifts per week of an office's level (see `officeLevels`). */
const KAPPA_GRID = [0.002, 0.004, 0.007, 0.01, 0.015, 0.02, 0.03, 0.05, 0.08];
/** Share of the offices' pooled recent error that corrects their levels (see `officeLevels`). */
const OFFICE_CORRECTION_SHARE = 0.5;
/** Weeks of in-sample one-step errors behind the MinT covariance (two seasons at most). */
const COVARIANCE_WEEKS = 104;

/**
 * The fund's relative pattern for week t (history and horizon): its seasonal factor (mean 1) and, after a level
 * shift the fund model found, the shift's relative size. Offices share both; each keeps its own level.
 */
function fundPattern(model: EtsModel, slotOf: (t: number) => number, weeks: number): number[] {
  const profile = seasonalProfileOf(model);
  const shift = model.levelShift;
  return Array.from({ length: weeks }, (_, t) => {
    const factor = Math.max(profile[slotOf(t)], 1e-6);
    if (!shift || t < shift.index) return factor;
    // A ramp enters the level week by week, as in the fund model's filter.
    const progress = Math.min(1, (t - shift.index + 1) / (shift.weeks ?? 1));
    return factor * Math.max(1 + shift.relative * progress, 1e-6);
  });
}

interface OfficeLevels {
  alpha: number;
  forecasts: Map<string, number[]>;
  /** One-step in-sample errors per office, t = 0 … n − 1. */
  errors: Map<string, number[]>;
}

/**
 * Each office's level on the fund's pattern, by simple exponential smoothing of its pattern-adjusted counts. At
 * ~1 member a week one office's year cannot tell a smoothing constant from noise, so one constant is fitted to all
 * offices together (least squares of the one-step errors).
 */
function officeLevels(
  series: Map<string, number[]>,
  pattern: number[],
  n: number,
  horizon: number,
  correctionWeeks: number,
): OfficeLevels {
  const warmUp = Math.min(13, n);
  // A local level whose relative drift per week is kappa has, under Poisson noise of mean lambda, a steady-state
  // smoothing gain of about kappa × sqrt(lambda): big offices follow their drift faster than small ones can.
  const meanCount = new Map(
    [...series].map(([id, values]) => [id, values.reduce((a, b) => a + b, 0) / Math.max(n, 1)]),
  );
  const run = (values: number[], alpha: number, errors?: number[]) => {
    let level = 0;
    for (let t = 0; t < warmUp; t++) level += values[t] / pattern[t];
    level /= Math.max(warmUp, 1);
    let sse = 0;
    for (let t = 0; t < n; t++) {
      const e = values[t] - level * pattern[t];
      if (t >= warmUp) sse += e * e;
      errors?.push(e);
      level += (alpha * e) / pattern[t];
    }
    return { sse, level: Math.max(level, 0) };
  };
  const alphaOf = (kappa: number, id: string) => Math.min(0.5, Math.max(1e-4, kappa * Math.sqrt(meanCount.get(id)!)));
  let best = KAPPA_GRID[0];
  let bestSse = Number.POSITIVE_INFINITY;
  for (const kappa of KAPPA_GRID) {
    let sse = 0;
    for (const [id, values] of series) sse += run(values, alphaOf(kappa, id)).sse;
    if (sse < bestSse) {
      bestSse = sse;
      best = kappa;
    }
  }
  const levels = new Map<string, number>();
  const errors = new Map<string, number[]>();
  const weeks = Math.min(correctionWeeks, n);
  let errorSum = 0;
  let forecastSum = 0;
  for (const [id, values] of series) {
    const officeErrors: number[] = [];
    levels.set(id, run(values, alphaOf(best, id), officeErrors).level);
    errors.set(id, officeErrors);
    for (let t = n - weeks; t < n; t++) {
      errorSum += officeErrors[t];
      forecastSum += values[t] - officeErrors[t];
    }
  }
  // The fund model's level correction (see `recentLevelCorrection`), pooled over the offices: one office's quarter
  // holds ~13 members, too few to tell its own lag from noise. Without it the offices' sum lagged a +30 % ramp by
  // 8.8 members a week in the quarters after it, against 3.7 for the corrected fund model. Only half of it: the full
  // correction raised office MASE on histories without a shock by 0.0015 (paired over 30 histories, ± 0.0005),
  // since at ~1 member a week the absolute error rewards means below the true one, and the backtest then chose
  // bottom-up less; half the correction costs 0.0007 and keeps most of the gain after a shock.
  const factor = forecastSum > 0 ? Math.max(1 + OFFICE_CORRECTION_SHARE * (errorSum / forecastSum), 0) : 1;
  const forecasts = new Map<string, number[]>();
  for (const [id, level] of levels) {
    forecasts.set(
      id,
      Array.from({ length: horizon }, (_, h) => level * factor * pattern[n + h]),
    );
  }
  return { alpha: best, forecasts, errors };
}

/**
 * Shrinkage estimate of a covariance matrix towards its diagonal (Schäfer and Strimmer 2005), as used for MinT:
 * the weight on the diagonal is the estimated sampling variance of the correlations over their squared size.
 * Rows of `errors` are weeks, columns are series.
 */
export function shrinkageCovariance(errors: Matrix): { covariance: Matrix; lambda: number } {
  const weeks = errors.length;
  const p = errors[0]?.length ?? 0;
  const covariance: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (const row of errors) {
    for (let i = 0; i < p; i++) {
      if (row[i] === 0) continue;
      for (let j = 0; j < p; j++) covariance[i][j] += (row[i] * row[j]) / weeks;
    }
  }
  const sd = covariance.map((row, i) => Math.sqrt(row[i]));
  const scaled = errors.map((row) => row.map((v, i) => (sd[i] > 0 ? v / sd[i] : 0)));
  let varianceSum = 0;
  let squaredSum = 0;
  if (weeks > 1) {
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        if (i === j || sd[i] === 0 || sd[j] === 0) continue;
        let sum = 0;
        let sumSquares = 0;
        for (const row of scaled) {
          const w = row[i] * row[j];
          sum += w;
          sumSquares += w * w;
        }
        varianceSum += (sumSquares - (sum * sum) / weeks) / (weeks * (weeks - 1));
        const correlation = sum / weeks;
        squaredSum += correlation * correlation;
      }
    }
  }
  const lambda = squaredSum > 0 ? Math.min(1, Math.max(0, varianceSum / squaredSum)) : 1;
  const shrunk = covariance.map((row, i) => row.map((v, j) => (i === j ? v : (1 - lambda) * v)));
  return { covariance: shrunk, lambda };
}

/**
 * The MinT map G = (Sᵀ W⁻¹ S)⁻¹ Sᵀ W⁻¹ for a one-level hierarchy (the fund over m offices): S stacks a row of ones
 * on the identity. A series without errors (an office that never had a member) gets a tiny variance so that W stays
 * invertible; it then takes nothing of the fund's discrepancy.
 */
export function mintMap(covariance: Matrix): Matrix {
  const size = covariance.length;
  const m = size - 1;
  const meanDiagonal = covariance.reduce((s, row, i) => s + row[i], 0) / size;
  const floor = Math.max(meanDiagonal * 1e-8, 1e-12);
  const w = covariance.map((row, i) => row.map((v, j) => (i === j ? Math.max(v, floor) : v)));
  // X = W⁻¹ S, column j of S being e_0 + e_{j+1}.
  const s: Matrix = Array.from({ length: size }, (_, i) =>
    Array.from({ length: m }, (_, j) => (i === 0 || i === j + 1 ? 1 : 0)),
  );
  const x = choleskySolve(choleskyWithRidge(w), s);
  // A = Sᵀ X: row i of Sᵀ picks rows 0 and i + 1 of X.
  const a: Matrix = Array.from({ length: m }, (_, i) => x[0].map((v, j) => v + x[i + 1][j]));
  const xt: Matrix = Array.from({ length: m }, (_, j) => x.map((row) => row[j]));
  return choleskySolve(choleskyWithRidge(a), xt);
}

/**
 * Cholesky factor, adding a growing ridge to the diagonal when the matrix is singular: with one office its errors
 * are the fund's, so the covariance has rank 1.
 */
function choleskyWithRidge(a: Matrix): Matrix {
  const meanDiagonal = Math.max(a.reduce((s, row, i) => s + Math.abs(row[i]), 0) / a.length, 1e-12);
  let ridge = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return cholesky(ridge === 0 ? a : a.map((row, i) => row.map((v, j) => (i === j ? v + ridge : v))));
    } catch (error) {
      if (attempt >= 12) throw error;
      ridge = ridge === 0 ? meanDiagonal * 1e-10 : ridge * 10;
    }
  }
}

/**
 * Fits what every reconciliation method needs from one history: the fund's ETS model and forecast, the offices'
 * smoothed shares, their own level forecasts and the MinT map.
 */
export function fitBaseForecasts(
  series: Map<string, number[]>,
  horizon: number,
  options: BaseForecastOptions = {},
): BaseForecasts {
  assertHorizon(horizon);
  if (series.size === 0) throw new Error('At least one office series is required');
  const halfLife = options.shareHalfLifeWeeks ?? 26;
  if (!(halfLife > 0)) throw new Error(`shareHalfLifeWeeks must be > 0, got ${halfLife}`);
  const dispersionWeeks = options.dispersionWeeks ?? 52;
  const total = sumSeries(series);
  const n = total.length;
  const ids = [...series.keys()];
  const period = options.model?.period ?? 52;
  const slotOf = options.startIsoWeek ? isoWeekSlotOf(options.startIsoWeek) : (t: number) => t % period;

  const model = fitEts(total, { ...options.model, slotOf });
  const fund = { ...forecastEts(model, horizon), model };

  const decay = Math.pow(0.5, 1 / halfLife);
  const weights = Array.from({ length: n }, (_, t) => Math.pow(decay, n - 1 - t));
  let weightedTotal = 0;
  let weightedSquaredTotal = 0;
  for (let t = 0; t < n; t++) {
    weightedTotal += weights[t] * total[t];
    weightedSquaredTotal += weights[t] * weights[t] * total[t];
  }
  const shareVarianceFactor = weightedTotal > 0 ? weightedSquaredTotal / (weightedTotal * weightedTotal) : 0;
  const shares = new Map<string, number>();
  for (const [id, values] of series) {
    let weighted = 0;
    for (let t = 0; t < n; t++) weighted += weights[t] * values[t];
    // With no inflow at all there is nothing to split by; equal shares keep the office means summing to the total.
    shares.set(id, weightedTotal > 0 ? weighted / weightedTotal : 1 / series.size);
  }

  let squaredResidual = 0;
  let expectedVariance = 0;
  for (const [id, values] of series) {
    const share = shares.get(id)!;
    for (let t = Math.max(0, n - dispersionWeeks); t < n; t++) {
      squaredResidual += (values[t] - share * total[t]) ** 2;
      expectedVariance += share * (1 - share) * total[t];
    }
  }
  const dispersion = expectedVariance > 0 ? Math.max(1, squaredResidual / expectedVariance) : 1;

  const pattern = fundPattern(model, slotOf, n + horizon);
  const levels = officeLevels(series, pattern, n, horizon, model.levelCorrection?.weeks ?? 0);
  const from = Math.max(Math.min(13, n - 1), n - COVARIANCE_WEEKS);
  const errors: Matrix = [];
  for (let t = from; t < n; t++)
    errors.push([total[t] - model.fitted[t], ...ids.map((id) => levels.errors.get(id)![t])]);
  const { covariance, lambda } = shrinkageCovariance(errors);
  return {
    ids,
    n,
    horizon,
    fund,
    shares,
    shareVarianceFactor,
    dispersion,
    officeBase: levels.forecasts,
    officeAlpha: levels.alpha,
    shrinkage: lambda,
    mint: mintMap(covariance),
  };
}

/** Office means of one method; negative MinT adjustments are cut at zero (counts), the fund being their sum. */
function officeMeans(base: BaseForecasts, method: ReconciliationMethod): Map<string, number[]> {
  const { ids, horizon, fund } = base;
  if (method === 'top-down') {
    return new Map(ids.map((id) => [id, fund.mean.map((m) => base.shares.get(id)! * m)]));
  }
  if (method === 'bottom-up')
    return new Map(ids.map((id) => [id, base.officeBase.get(id)!.map((v) => Math.max(v, 0))]));
  const means = new Map(ids.map((id) => [id, new Array<number>(horizon).fill(0)]));
  for (let h = 0; h < horizon; h++) {
    const stacked = [fund.mean[h], ...ids.map((id) => base.officeBase.get(id)![h])];
    ids.forEach((id, i) => {
      const row = base.mint[i];
      let value = 0;
      for (let j = 0; j < stacked.length; j++) value += row[j] * stacked[j];
      means.get(id)![h] = Math.max(value, 0);
    });
  }
  return means;
}

/**
 * Reconciled forecasts with 80 % intervals. The fund interval is the ETS model's, stretched to the reconciled mean.
 * Office intervals combine the office's part of the fund's forecast variance, the count noise of the office around
 * its share (binomial thinning, inflated by the measured dispersion) and the uncertainty of the share, and are
 * quantiles of a count distribution with that mean and variance: whole numbers that at ~1 member a week cover more
 * than 80 % (for a Poisson mean of 1.2 the interval 0–3 covers 97 %, because 0–2 covers only 88 % and falls short
 * of the 90 % quantile).
 */
export function reconcile(base: BaseForecasts, method: ReconciliationMethod): ReconciledForecast {
  const means = officeMeans(base, method);
  const { fund, horizon, ids } = base;
  const totalMean = new Array<number>(horizon).fill(0);
  for (const values of means.values()) values.forEach((v, h) => (totalMean[h] += v));
  if (method === 'top-down') fund.mean.forEach((m, h) => (totalMean[h] = m));
  // The offices' sum moves the fund model's band with it; where the two means disagree, the band keeps both, as the
  // fund could be at either. Moved alone, bottom-up's band covered 68 % of the quarter after a ramp it lagged behind.
  const total = {
    mean: totalMean,
    lower80: totalMean.map((m, h) =>
      Math.min(Math.max(Math.min(fund.lower80[h] + m - fund.mean[h], fund.lower80[h]), 0), m),
    ),
    upper80: totalMean.map((m, h) => Math.max(fund.upper80[h] + m - fund.mean[h], fund.upper80[h], m)),
    variance: fund.variance,
  };
  const offices = new Map<string, OfficeForecast>();
  for (const id of ids) {
    const forecast: OfficeForecast = { mean: [], lower80: [], upper80: [], median: [], variance: [] };
    means.get(id)!.forEach((mean, h) => {
      const share = totalMean[h] > 0 ? mean / totalMean[h] : base.shares.get(id)!;
      const thinning = base.dispersion * share * (1 - share);
      const variance =
        share * share * fund.variance[h] +
        thinning * totalMean[h] +
        totalMean[h] * totalMean[h] * thinning * base.shareVarianceFactor;
      const { lower, upper } = countInterval80(mean, Math.max(variance, 0));
      forecast.mean.push(mean);
      forecast.lower80.push(lower);
      forecast.upper80.push(upper);
      forecast.median.push(countMedian(mean, Math.max(variance, 0)));
      forecast.variance.push(Math.max(variance, 0));
    });
    offices.set(id, forecast);
  }
  return { method, total, offices };
}
