import { assertCounts } from './validation.js';

/** How the seasonal states combine with the level: added (A), multiplied (M) or absent (N). */
export type SeasonType = 'N' | 'A' | 'M';

export type SeasonalSource = 'estimated' | 'pooled' | 'none';

/** Starting states of an exponential-smoothing model, estimated from the history before any smoothing. */
export interface InitialStates {
  level: number;
  slope: number;
  /** Per slot: deviations summing to 0 (A), factors averaging 1 (M), or zeros (N). */
  seasonal: Float64Array;
  source: SeasonalSource;
  /** Kernel half-width used on the seasonal estimate (0 when pooled or absent). */
  smoothing: number;
  /** Degrees of freedom the seasonal estimate took from the history (its observations' self-influence). */
  seasonalDf: number;
  /**
   * Sampling variance of each seasonal index's effect on a forecast, relative to the one-step noise variance at that
   * forecast (an index averages c noisy weeks, so about 1/c; less after smoothing across neighbouring weeks).
   */
  seasonalVariance: Float64Array;
  /** Observations per slot. */
  slotCounts: Float64Array;
}

/** Centred moving average over one season (2×m for even m), linearly extended to the ends; null if too short. */
export function seasonalMovingAverage(y: readonly number[], period: number): number[] | null {
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
export function kernelWeights(halfWidth: number): number[] {
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

export function normaliseProfile(profile: readonly number[], period: number): Float64Array {
  if (profile.length !== period) throw new Error(`seasonalProfile must have ${period} values, got ${profile.length}`);
  assertCounts(profile, 'seasonalProfile');
  const mean = profile.reduce((a, b) => a + b, 0) / period;
  if (mean <= 0) throw new Error('seasonalProfile must have a positive mean');
  return Float64Array.from(profile, (f) => f / mean);
}

/**
 * Mean detrended value per slot (optionally leaving out one positional season), centred and smoothed. Multiplicative
 * indices are smoothed and centred as deviations from 1, which keeps them averaging 1.
 */
function seasonalIndices(
  detrended: readonly number[],
  slots: Int32Array,
  period: number,
  smoothing: number,
  leaveOutSeason: number,
): Float64Array {
  const sums = new Float64Array(period);
  const counts = new Float64Array(period);
  for (let t = 0; t < detrended.length; t++) {
    if (Math.floor(t / period) === leaveOutSeason) continue;
    sums[slots[t]] += detrended[t];
    counts[slots[t]] += 1;
  }
  const raw = sums.map((s, k) => (counts[k] > 0 ? s / counts[k] : 0));
  return centre(smoothCircular(centre(raw), smoothing));
}

const SMOOTHING_CANDIDATES = [0, 1, 2, 3, 4];
/** Share of the held-out variance a seasonal pattern must explain to count (weekly inflow: 30–60 %). */
const MIN_SEASONAL_GAIN = 0.05;
const DEFAULT_SMOOTHING = 2;
/** The kernel must not wrap onto itself: 2 × half-width + 1 <= period. */
export const maxSmoothing = (period: number) => Math.floor((period - 1) / 2);

/**
 * How much to smooth depends on how many seasons back each index: with 2–3 noisy years smoothing removes more noise
 * than signal, with many years it only blurs sharp features such as the January jump. Predicting each held-out
 * season from the others measures that trade-off on the data itself.
 */
function crossValidatedSmoothing(detrended: readonly number[], slots: Int32Array, period: number): number {
  const seasons = Math.ceil(detrended.length / period);
  const fallback = Math.min(DEFAULT_SMOOTHING, maxSmoothing(period));
  if (detrended.length < 2 * period) return fallback;
  let best = fallback;
  let bestError = Number.POSITIVE_INFINITY;
  for (const width of SMOOTHING_CANDIDATES.filter((w) => w <= maxSmoothing(period))) {
    let error = 0;
    for (let fold = 0; fold < seasons; fold++) {
      const indices = seasonalIndices(detrended, slots, period, width, fold);
      const end = Math.min(detrended.length, (fold + 1) * period);
      for (let t = fold * period; t < end; t++) error += (detrended[t] - indices[slots[t]]) ** 2;
    }
    if (error < bestError) {
      bestError = error;
      best = width;
    }
  }
  return best;
}

export interface SeasonalAnalysis {
  /** Kernel half-width chosen by leave-one-season-out cross-validation. */
  smoothing: number;
  /**
   * Whether the seasonal indices predict the season left out better than no seasonal pattern at all, by at least
   * `MIN_SEASONAL_GAIN` of its variance (nearly flat indices on pure noise win or lose by chance). With fewer
   * than two full seasons there is nothing to hold out, and 52 indices fitted to a single year would only copy its
   * noise, so the answer is no.
   */
  predicts: boolean;
}

/**
 * Cross-validates the additive decomposition once per history, so that every seasonal form (A or M) uses the same
 * smoothing and their likelihoods compare like with like.
 */
export function analyseSeasonality(y: readonly number[], slots: Int32Array, period: number): SeasonalAnalysis {
  const fallback = Math.min(DEFAULT_SMOOTHING, maxSmoothing(period));
  const ma = seasonalMovingAverage(y, period);
  if (!ma || y.length < 2 * period) return { smoothing: fallback, predicts: false };
  const detrended = y.map((v, t) => v - ma[t]);
  const width = crossValidatedSmoothing(detrended, slots, period);
  const seasons = Math.ceil(detrended.length / period);
  let withIndices = 0;
  let without = 0;
  for (let fold = 0; fold < seasons; fold++) {
    const indices = seasonalIndices(detrended, slots, period, width, fold);
    const end = Math.min(detrended.length, (fold + 1) * period);
    for (let t = fold * period; t < end; t++) {
      withIndices += (detrended[t] - indices[slots[t]]) ** 2;
      without += detrended[t] ** 2;
    }
  }
  return { smoothing: width, predicts: withIndices < (1 - MIN_SEASONAL_GAIN) * without };
}

function noEstimate(
  period: number,
): Pick<InitialStates, 'smoothing' | 'seasonalDf' | 'seasonalVariance' | 'slotCounts'> {
  return {
    smoothing: 0,
    seasonalDf: 0,
    seasonalVariance: new Float64Array(period),
    slotCounts: new Float64Array(period),
  };
}

export interface InitialStateOptions {
  /** Pooled seasonal profile (relative factors per slot), replacing the series' own seasonal estimate. */
  profile?: readonly number[];
  /** Kernel half-width of the seasonal smoothing, or 'auto' for leave-one-season-out cross-validation. */
  smoothing: number | 'auto';
}

/**
 * Periods (weeks) on either side of a period whose deseasonalised mean is the trend where the season-long average has
 * no room: a quarter of the season, 13 weeks.
 */
const endTrendHalfWidth = (period: number) => Math.max(1, Math.round(period / 4));

/**
 * The detrended history again, with the trend of the first and last half season (where the centred season-long average
 * only extends its straight line) taken as the mean of the deseasonalised history within a quarter either side (moved
 * along that line's slope to the week). A
 * level shift in the last half year otherwise stays out of the extended trend, so the weeks after it are read as
 * seasonal: their indices move by the shift over the number of seasons, the others the opposite way once the indices
 * are centred, and the weeks ahead are forecast too high after a fall and too low after a rise (on the bench's
 * histories, half a year after a 25 % step, by 8 members a week where the search had not kept the shift).
 */
function withLocalEnds(
  y: readonly number[],
  slots: Int32Array,
  period: number,
  season: SeasonType,
  trendLine: number[],
  width: number,
): { trend: number[]; detrended: number[] } {
  const n = y.length;
  const half = Math.floor(period / 2);
  const first = seasonalIndices(detrend(y, trendLine, season), slots, period, width, -1);
  const deseasonalised = y.map((v, t) =>
    season === 'M' ? v / Math.max(1 + first[slots[t]], 1e-3) : v - first[slots[t]],
  );
  // The slope the centred average was extended with at its ends (the same at both).
  const slope = n > 1 ? trendLine[n - 1] - trendLine[n - 2] : 0;
  const halfWidth = endTrendHalfWidth(period);
  const trend = trendLine.map((value, t) => {
    if (t >= half && t <= n - 1 - half) return value;
    // The mean of the deseasonalised weeks within a quarter either side, moved along the straight line the average
    // was extended with, to t: no lag behind a trend where the window is cut off by the history's end.
    const from = Math.max(0, t - halfWidth);
    const to = Math.min(n - 1, t + halfWidth);
    let sum = 0;
    for (let u = from; u <= to; u++) sum += deseasonalised[u];
    return sum / (to - from + 1) + slope * (t - (from + to) / 2);
  });
  if (season === 'M' && trend.some((v) => !(v > 0)))
    return { trend: trendLine, detrended: detrend(y, trendLine, season) };
  return { trend, detrended: detrend(y, trend, season) };
}

const detrend = (y: readonly number[], trend: readonly number[], season: SeasonType) =>
  season === 'M' ? y.map((v, t) => v / trend[t] - 1) : y.map((v, t) => v - trend[t]);

/**
 * Starting states from a classical decomposition of the whole history: a centred yearly moving average (in the first
 * and last half year the deseasonalised history's local mean, see `withLocalEnds`) gives level and slope; deviations
 * from it (A) or ratios to it (M), averaged per slot and smoothed across neighbouring weeks, give the seasonal states. With 2–3 noisy seasons each weekly index rests on only 2–3 observations, which is why
 * they are smoothed and why their sampling variance is kept for the forecast intervals. Returns null when the
 * multiplicative form is impossible (a non-positive moving average).
 */
export function initialStates(
  y: readonly number[],
  slots: Int32Array,
  period: number,
  season: SeasonType,
  options: InitialStateOptions,
): InitialStates | null {
  const n = y.length;
  if (options.profile && season !== 'N') {
    const factors = normaliseProfile(options.profile, period);
    const span = Math.min(n, period);
    let ySum = 0;
    let fSum = 0;
    for (let t = 0; t < span; t++) {
      ySum += y[t];
      fSum += factors[slots[t]];
    }
    const level = fSum > 0 ? ySum / fSum : 0;
    const seasonal = season === 'M' ? factors : factors.map((f) => level * (f - 1));
    return { level, slope: 0, seasonal, source: 'pooled', ...noEstimate(period) };
  }
  const ma = seasonalMovingAverage(y, period);
  if (season === 'N' || n < period) {
    if (season !== 'N') return null;
    const span = Math.min(n, 8);
    const level = y.slice(0, span).reduce((a, b) => a + b, 0) / span;
    const slope = ma && n > 1 ? ma[1] - ma[0] : 0;
    return {
      level: ma ? ma[0] - slope : level,
      slope,
      seasonal: new Float64Array(period),
      source: 'none',
      ...noEstimate(period),
    };
  }
  const averaged = ma ?? new Array<number>(n).fill(y.reduce((a, b) => a + b, 0) / n);
  if (season === 'M' && averaged.some((v) => !(v > 0))) return null;
  const width =
    options.smoothing === 'auto'
      ? crossValidatedSmoothing(detrend(y, averaged, season), slots, period)
      : options.smoothing;
  const { trend: trendLine, detrended } = ma
    ? withLocalEnds(y, slots, period, season, averaged, width)
    : { trend: averaged, detrended: detrend(y, averaged, season) };
  const indices = seasonalIndices(detrended, slots, period, width, -1);
  const seasonal = season === 'M' ? indices.map((d) => Math.max(1 + d, 1e-3)) : indices;
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
