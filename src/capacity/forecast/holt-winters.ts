import { assertCounts, assertHorizon, assertPeriod } from './validation.js';

export type TrendKind = 'none' | 'damped';

/** Smoothing parameters of the innovations form; `beta` and `phi` are 0 when there is no trend. */
export interface SmoothingParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

export type SeasonalSource = 'estimated' | 'pooled' | 'none';

export interface HoltWintersOptions {
  /** Season length in observations. Default 52 (weekly data, yearly season). */
  period?: number;
  /** 'auto' fits both and keeps the one with the lower AICc. Default 'auto'. */
  trend?: TrendKind | 'auto';
  /**
   * Pooled seasonal profile: relative factors per slot (rescaled to mean 1), e.g. the fund's profile for a thin
   * department. When given it replaces the series' own seasonal estimate as the starting seasonal state. It is
   * indexed by slot, so both series must use the same slotting (e.g. ISO weeks via `isoWeekSlotOf`).
   */
  seasonalProfile?: readonly number[];
  /** Seasonal slot (0 … period−1) of observation t, also called for future t ≥ n. Default t mod period. */
  slotOf?: (t: number) => number;
  /**
   * Half-width, in slots, of the triangular kernel that smooths the estimated seasonal indices, or 'auto' to choose
   * 0–4 by leave-one-season-out cross-validation (2 when there are fewer than two full seasons). Default 'auto'.
   */
  seasonalSmoothing?: number | 'auto';
  /** Fixed smoothing parameters (skips fitting); requires `trend` to be 'none' or 'damped'. */
  params?: SmoothingParams;
}

export interface HoltWintersModel {
  period: number;
  trend: TrendKind;
  params: SmoothingParams;
  seasonalSource: SeasonalSource;
  /** Kernel half-width used on the estimated seasonal indices (0 when pooled or absent). */
  seasonalSmoothing: number;
  /** Number of observations fitted. */
  n: number;
  /** Final states after the last observation. */
  level: number;
  slope: number;
  /** Additive seasonal state per slot. */
  seasonal: number[];
  /** One-step-ahead in-sample forecasts. */
  fitted: number[];
  sse: number;
  /**
   * Noise variance: one-step SSE over the residual degrees of freedom, which include those spent on the seasonal
   * indices (each index is fitted to the very observations it is scored on).
   */
  sigma2: number;
  /** Remaining variance of the estimated initial level, relative to sigma2. */
  levelVariance: number;
  /** Remaining variance of each estimated initial seasonal index, relative to sigma2. */
  seasonalVariance: number[];
  aicc: number;
  slotOf: (t: number) => number;
}

export interface IntervalForecast {
  mean: number[];
  lower80: number[];
  upper80: number[];
}

export interface HoltWintersForecast extends IntervalForecast {
  /** Forecast-error variance per horizon (before clipping at zero). */
  variance: number[];
}

/** Standard-normal 90 % quantile: the half-width of a central 80 % interval in standard deviations. */
export const Z80 = 1.2815515655446004;

interface InitialStates {
  level: number;
  slope: number;
  seasonal: Float64Array;
  source: SeasonalSource;
  smoothing: number;
  /** Degrees of freedom the seasonal estimate took from the history (its observations' self-influence). */
  seasonalDf: number;
  /** Variance of each estimated seasonal index, relative to the noise variance. */
  seasonalVariance: Float64Array;
  /** Observations per slot. */
  slotCounts: Float64Array;
}

interface FilterResult {
  sse: number;
  level: number;
  slope: number;
  seasonal: Float64Array;
}

function runFilter(
  y: readonly number[],
  slots: Int32Array,
  init: InitialStates,
  p: SmoothingParams,
  fitted?: number[],
): FilterResult {
  let level = init.level;
  let slope = init.slope;
  const seasonal = Float64Array.from(init.seasonal);
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const k = slots[t];
    const forecast = level + p.phi * slope + seasonal[k];
    if (fitted) fitted.push(forecast);
    const e = y[t] - forecast;
    sse += e * e;
    level = level + p.phi * slope + p.alpha * e;
    slope = p.phi * slope + p.beta * e;
    seasonal[k] += p.gamma * e;
  }
  return { sse, level, slope, seasonal };
}

/** Centred moving average over one season (2×m for even m), linearly extended to the ends; null if too short. */
function seasonalMovingAverage(y: readonly number[], period: number): number[] | null {
  const n = y.length;
  const half = Math.floor(period / 2);
  if (n < period + (period % 2 === 0 ? 1 : 0)) return null;
  const first = half;
  const last = n - 1 - half;
  const ma = new Array<number>(n).fill(0);
  for (let t = first; t <= last; t++) {
    let sum = 0;
    if (period % 2 === 0) {
      sum = 0.5 * (y[t - half] + y[t + half]);
      for (let j = -half + 1; j < half; j++) sum += y[t + j];
    } else {
      for (let j = -half; j <= half; j++) sum += y[t + j];
    }
    ma[t] = sum / period;
  }
  const count = last - first + 1;
  let slope = 0;
  if (count > 1) {
    const meanT = (first + last) / 2;
    let meanMa = 0;
    for (let t = first; t <= last; t++) meanMa += ma[t];
    meanMa /= count;
    let num = 0;
    let den = 0;
    for (let t = first; t <= last; t++) {
      num += (t - meanT) * (ma[t] - meanMa);
      den += (t - meanT) ** 2;
    }
    slope = num / den;
  }
  for (let t = 0; t < first; t++) ma[t] = ma[first] - slope * (first - t);
  for (let t = last + 1; t < n; t++) ma[t] = ma[last] + slope * (t - last);
  return ma;
}

/** Normalised triangular kernel; index j + halfWidth holds the weight of offset j. */
function kernelWeights(halfWidth: number): number[] {
  const raw = Array.from({ length: 2 * halfWidth + 1 }, (_, i) => halfWidth + 1 - Math.abs(i - halfWidth));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}

const wrap = (k: number, m: number) => ((k % m) + m) % m;

function smoothCircular(values: Float64Array, halfWidth: number): Float64Array {
  if (halfWidth <= 0) return values;
  const m = values.length;
  const weights = kernelWeights(halfWidth);
  const out = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    for (let j = -halfWidth; j <= halfWidth; j++) out[k] += weights[j + halfWidth] * values[wrap(k + j, m)];
  }
  return out;
}

function centre(values: Float64Array): Float64Array {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.map((v) => v - mean);
}

function normaliseProfile(profile: readonly number[], period: number): Float64Array {
  if (profile.length !== period) throw new Error(`seasonalProfile must have ${period} values, got ${profile.length}`);
  assertCounts(profile, 'seasonalProfile');
  const mean = profile.reduce((a, b) => a + b, 0) / period;
  if (mean <= 0) throw new Error('seasonalProfile must have a positive mean');
  return Float64Array.from(profile, (f) => f / mean);
}

function initialStates(
  y: readonly number[],
  slots: Int32Array,
  period: number,
  profile: readonly number[] | undefined,
  smoothing: number | 'auto',
): InitialStates {
  const n = y.length;
  if (profile) {
    const factors = normaliseProfile(profile, period);
    const span = Math.min(n, period);
    let ySum = 0;
    let fSum = 0;
    for (let t = 0; t < span; t++) {
      ySum += y[t];
      fSum += factors[slots[t]];
    }
    const level = fSum > 0 ? ySum / fSum : 0;
    return { level, slope: 0, seasonal: factors.map((f) => level * (f - 1)), source: 'pooled', ...noEstimate(period) };
  }
  const ma = seasonalMovingAverage(y, period);
  if (n < period) {
    const span = Math.min(n, 8);
    const level = y.slice(0, span).reduce((a, b) => a + b, 0) / span;
    return { level, slope: 0, seasonal: new Float64Array(period), source: 'none', ...noEstimate(period) };
  }
  const trendLine = ma ?? new Array<number>(n).fill(y.reduce((a, b) => a + b, 0) / n);
  const deviations = y.map((v, t) => v - trendLine[t]);
  const width = smoothing === 'auto' ? crossValidatedSmoothing(deviations, slots, period) : smoothing;
  const seasonal = seasonalIndices(deviations, slots, period, width, -1);
  const slope = n > 1 ? trendLine[1] - trendLine[0] : 0;
  const slotCounts = new Float64Array(period);
  for (let t = 0; t < n; t++) slotCounts[slots[t]] += 1;
  const weights = kernelWeights(width);
  const seasonalVariance = new Float64Array(period);
  for (let k = 0; k < period; k++) {
    for (let j = -width; j <= width; j++) {
      seasonalVariance[k] += weights[j + width] ** 2 / Math.max(slotCounts[wrap(k + j, period)], 1);
    }
  }
  const seasonalDf = weights[width] * slotCounts.filter((c) => c > 0).length;
  return {
    level: trendLine[0] - slope,
    slope,
    seasonal,
    source: 'estimated',
    smoothing: width,
    seasonalDf,
    seasonalVariance,
    slotCounts,
  };
}

type SeasonalEstimate = Pick<InitialStates, 'smoothing' | 'seasonalDf' | 'seasonalVariance' | 'slotCounts'>;

function noEstimate(period: number): SeasonalEstimate {
  return { smoothing: 0, seasonalDf: 0, seasonalVariance: new Float64Array(period), slotCounts: new Float64Array(period) };
}

/** Mean detrended value per slot (optionally leaving out one positional season), centred and smoothed. */
function seasonalIndices(
  deviations: readonly number[],
  slots: Int32Array,
  period: number,
  smoothing: number,
  leaveOutSeason: number,
): Float64Array {
  const sums = new Float64Array(period);
  const counts = new Float64Array(period);
  for (let t = 0; t < deviations.length; t++) {
    if (Math.floor(t / period) === leaveOutSeason) continue;
    sums[slots[t]] += deviations[t];
    counts[slots[t]] += 1;
  }
  const raw = sums.map((s, k) => (counts[k] > 0 ? s / counts[k] : 0));
  return centre(smoothCircular(centre(raw), smoothing));
}

const SMOOTHING_CANDIDATES = [0, 1, 2, 3, 4];
const DEFAULT_SMOOTHING = 2;
/** The kernel must not wrap onto itself: 2 × half-width + 1 <= period. */
const maxSmoothing = (period: number) => Math.floor((period - 1) / 2);

/**
 * How much to smooth depends on how many seasons back each index: with 2–3 noisy years smoothing removes more noise
 * than signal, with many years it only blurs sharp features such as the January jump. Predicting each held-out
 * season from the others measures that trade-off on the data itself.
 */
function crossValidatedSmoothing(deviations: readonly number[], slots: Int32Array, period: number): number {
  const seasons = Math.ceil(deviations.length / period);
  const fallback = Math.min(DEFAULT_SMOOTHING, maxSmoothing(period));
  if (deviations.length < 2 * period) return fallback;
  let best = fallback;
  let bestError = Number.POSITIVE_INFINITY;
  for (const width of SMOOTHING_CANDIDATES.filter((w) => w <= maxSmoothing(period))) {
    let error = 0;
    for (let fold = 0; fold < seasons; fold++) {
      const indices = seasonalIndices(deviations, slots, period, width, fold);
      const end = Math.min(deviations.length, (fold + 1) * period);
      for (let t = fold * period; t < end; t++) error += (deviations[t] - indices[slots[t]]) ** 2;
    }
    if (error < bestError) {
      bestError = error;
      best = width;
    }
  }
  return best;
}

const ALPHA_GRID = [0.01, 0.03, 0.06, 0.1, 0.2, 0.35, 0.5, 0.7];
const GAMMA_GRID = [0, 0.02, 0.05, 0.1, 0.2, 0.35];
const BETA_RATIO_GRID = [0.02, 0.1, 0.3];
const PHI_GRID = [0.8, 0.9, 0.98];
const PHI_MIN = 0.8;
const PHI_MAX = 0.98;

/** Vector x = [alpha, gamma, beta/alpha, phi]; infeasible points return null. */
function paramsOf(x: readonly number[], trend: TrendKind, seasonal: boolean): SmoothingParams | null {
  const [alpha, gamma, ratio, phi] = x;
  const g = seasonal ? gamma : 0;
  if (alpha < 1e-4 || alpha > 0.999 || g < 0 || g > 1 - alpha) return null;
  if (trend === 'none') return { alpha, beta: 0, gamma: g, phi: 0 };
  if (ratio < 0 || ratio > 1 || phi < PHI_MIN || phi > PHI_MAX) return null;
  return { alpha, beta: alpha * ratio, gamma: g, phi };
}

function fitParams(y: readonly number[], slots: Int32Array, init: InitialStates, trend: TrendKind): SmoothingParams {
  const seasonal = init.source !== 'none';
  const objective = (x: readonly number[]): number => {
    const p = paramsOf(x, trend, seasonal);
    return p ? runFilter(y, slots, init, p).sse : Number.POSITIVE_INFINITY;
  };
  let best: number[] = [];
  let bestSse = Number.POSITIVE_INFINITY;
  const gammas = seasonal ? GAMMA_GRID : [0];
  const ratios = trend === 'damped' ? BETA_RATIO_GRID : [0];
  const phis = trend === 'damped' ? PHI_GRID : [PHI_MAX];
  for (const a of ALPHA_GRID) {
    for (const g of gammas) {
      for (const r of ratios) {
        for (const f of phis) {
          const x = [a, g, r, f];
          const sse = objective(x);
          if (sse < bestSse) {
            bestSse = sse;
            best = x;
          }
        }
      }
    }
  }
  // Compass search from the best grid point: deterministic, derivative-free, and enough for 2–4 parameters.
  const dims = [0, ...(seasonal ? [1] : []), ...(trend === 'damped' ? [2, 3] : [])];
  const steps = [0.04, 0.04, 0.1, 0.03];
  for (let iteration = 0; iteration < 60 && dims.some((d) => steps[d] > 1e-3); iteration++) {
    let improved = false;
    for (const d of dims) {
      for (const sign of [1, -1]) {
        const x = best.slice();
        x[d] += sign * steps[d];
        const sse = objective(x);
        if (sse < bestSse - 1e-12 * Math.max(1, bestSse)) {
          bestSse = sse;
          best = x;
          improved = true;
          break;
        }
      }
    }
    if (!improved) for (const d of dims) steps[d] /= 2;
  }
  return paramsOf(best, trend, seasonal)!;
}

function parameterCount(trend: TrendKind, source: SeasonalSource): number {
  return 2 + (source === 'none' ? 0 : 1) + (trend === 'damped' ? 2 : 0);
}

function aiccOf(sse: number, n: number, k: number): number {
  if (n - k - 1 <= 0) return Number.POSITIVE_INFINITY;
  const logLik = sse > 0 ? n * Math.log(sse / n) : Number.NEGATIVE_INFINITY;
  return logLik + 2 * k + (2 * k * (k + 1)) / (n - k - 1);
}

function buildModel(
  y: readonly number[],
  slots: Int32Array,
  init: InitialStates,
  trend: TrendKind,
  params: SmoothingParams,
  period: number,
  slotOf: (t: number) => number,
): HoltWintersModel {
  const fitted: number[] = [];
  const result = runFilter(y, slots, init, params, fitted);
  const n = y.length;
  const k = parameterCount(trend, init.source);
  const { alpha, gamma } = params;
  // The innovations form treats states as known. What it misses is the error of the initial states estimated from
  // the data (the level from about one season, the seasonal indices from the decomposition), which the smoothing
  // washes out by (1 − alpha) per week and (1 − gamma) per visit of a slot.
  const seasonalVariance = Array.from(
    init.seasonalVariance,
    (v, slot) => v * (1 - gamma) ** (2 * init.slotCounts[slot]),
  );
  const levelVariance = (1 - alpha) ** (2 * n) / Math.min(n, period);
  return {
    period,
    trend,
    params,
    seasonalSource: init.source,
    seasonalSmoothing: init.smoothing,
    n,
    level: result.level,
    slope: result.slope,
    seasonal: Array.from(result.seasonal),
    fitted,
    sse: result.sse,
    sigma2: result.sse / Math.max(n - k - init.seasonalDf, 1),
    levelVariance,
    seasonalVariance,
    aicc: aiccOf(result.sse, n, k),
    slotOf,
  };
}

/**
 * Additive Holt–Winters (ETS(A,N,A) or ETS(A,Ad,A) in innovations form) with parameters chosen by minimising the
 * one-step in-sample SSE: a coarse grid, then a compass search. Seasonal indices start from a classical
 * decomposition of the whole history (deviations from a centred yearly moving average, averaged per slot and
 * smoothed across neighbouring weeks), because with 2–3 noisy seasons each weekly index rests on only 2–3
 * observations.
 */
export function fitHoltWinters(history: readonly number[], options: HoltWintersOptions = {}): HoltWintersModel {
  const period = options.period ?? 52;
  assertPeriod(period);
  assertCounts(history);
  if (history.length < 2) throw new Error(`Holt–Winters needs at least 2 observations, got ${history.length}`);
  const smoothing = options.seasonalSmoothing ?? 'auto';
  if (smoothing !== 'auto' && (!Number.isInteger(smoothing) || smoothing < 0 || smoothing > maxSmoothing(period))) {
    throw new Error(`seasonalSmoothing must be 'auto' or an integer in [0, ${maxSmoothing(period)}]`);
  }
  const slotOf = options.slotOf ?? ((t: number) => t % period);
  const slots = Int32Array.from({ length: history.length }, (_, t) => slotOf(t));
  if (slots.some((k) => k < 0 || k >= period)) throw new Error(`slotOf must return integers in [0, ${period})`);
  const init = initialStates(history, slots, period, options.seasonalProfile, smoothing);

  if (options.params) {
    if (options.trend !== 'none' && options.trend !== 'damped') {
      throw new Error("Fixed params need trend 'none' or 'damped'");
    }
    const { alpha, beta, gamma, phi } = options.params;
    if (![alpha, beta, gamma, phi].every((v) => Number.isFinite(v) && v >= 0 && v <= 1)) {
      throw new Error('Fixed smoothing parameters must lie in [0, 1]');
    }
    return buildModel(history, slots, init, options.trend, options.params, period, slotOf);
  }
  const trends: TrendKind[] =
    options.trend === undefined || options.trend === 'auto' ? ['none', 'damped'] : [options.trend];
  let best: HoltWintersModel | undefined;
  for (const trend of trends) {
    const model = buildModel(history, slots, init, trend, fitParams(history, slots, init, trend), period, slotOf);
    // Ties (e.g. a perfect fit) keep the simpler model, which comes first.
    if (!best || model.aicc < best.aicc) best = model;
  }
  return best!;
}

/**
 * Point forecasts and 80 % intervals. The variance grows with the horizon as in the ETS state-space model, plus the
 * estimation variance of the current level and seasonal index, which the state-space formula treats as known: with
 * 2–3 years of weekly data each seasonal index is a mean of a handful of noisy weeks, and leaving that out made the
 * 80 % interval cover only ~65 % of held-out weeks.
 */
export function forecastHoltWinters(model: HoltWintersModel, horizon: number): HoltWintersForecast {
  assertHorizon(horizon);
  const { alpha, beta, gamma, phi } = model.params;
  const mean: number[] = [];
  const lower80: number[] = [];
  const upper80: number[] = [];
  const variance: number[] = [];
  let dampedSum = 0;
  let varianceFactor = 1;
  for (let h = 1; h <= horizon; h++) {
    dampedSum += Math.pow(phi, h);
    const slot = model.slotOf(model.n + h - 1);
    const point = model.level + dampedSum * model.slope + model.seasonal[slot];
    const v = model.sigma2 * (varianceFactor + model.levelVariance + model.seasonalVariance[slot]);
    variance.push(v);
    const halfWidth = Z80 * Math.sqrt(v);
    // Counts cannot be negative; clipping keeps lower <= mean <= upper.
    mean.push(Math.max(point, 0));
    lower80.push(Math.max(point - halfWidth, 0));
    upper80.push(Math.max(point + halfWidth, 0));
    const c = alpha + beta * dampedSum + (h % model.period === 0 ? gamma : 0);
    varianceFactor += c * c;
  }
  return { mean, lower80, upper80, variance };
}

/**
 * Relative seasonal factors (mean 1) of a fitted model, suitable as a pooled `seasonalProfile` for thinner series.
 * All ones when the model has no seasonality or no positive level.
 */
export function seasonalProfileOf(model: HoltWintersModel): number[] {
  const meanSeasonal = model.seasonal.reduce((a, b) => a + b, 0) / model.period;
  const level = model.level + meanSeasonal;
  if (model.seasonalSource === 'none' || !(level > 0)) return new Array<number>(model.period).fill(1);
  return model.seasonal.map((s) => Math.max((level + s - meanSeasonal) / level, 0));
}

export function holtWintersForecast(
  history: readonly number[],
  horizon: number,
  options: HoltWintersOptions = {},
): HoltWintersForecast & { model: HoltWintersModel } {
  const model = fitHoltWinters(history, options);
  return { ...forecastHoltWinters(model, horizon), model };
}
