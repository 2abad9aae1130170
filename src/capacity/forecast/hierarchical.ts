import { countInterval80 } from './count-interval.js';
import {
  fitHoltWinters,
  forecastHoltWinters,
  type HoltWintersForecast,
  type HoltWintersModel,
  type HoltWintersOptions,
  type IntervalForecast,
} from './holt-winters.js';
import { addIsoWeeks, type IsoWeek, isoWeekSlotOf } from './iso-week.js';
import { assertCounts, assertHorizon } from './validation.js';

export type OfficeForecast = IntervalForecast;

export interface HierarchicalOptions {
  /** ISO week of the first history value; aligns the seasonal slots with ISO week numbers. */
  startIsoWeek?: IsoWeek;
  /** Half-life, in weeks, of the exponential weights behind each office's share. Default 26. */
  shareHalfLifeWeeks?: number;
  /** Weeks of recent history used to measure how noisy offices are around their shares. Default 52. */
  dispersionWeeks?: number;
  /** Options for the model of the summed series (period, trend, pooled seasonal profile, smoothing). */
  model?: Omit<HoltWintersOptions, 'slotOf'>;
}

export interface HierarchicalForecast {
  /** Forecast of the summed series (fund, department or target group), with its fitted model. */
  total: HoltWintersForecast & { model: HoltWintersModel };
  offices: Map<string, OfficeForecast>;
  /** ISO week of each forecast step, when `startIsoWeek` was given. */
  isoWeeks?: IsoWeek[];
  /** Smoothed share of each office; the shares sum to 1 and the office means sum to the total mean. */
  shares: Map<string, number>;
  /**
   * Variance of the offices' counts around their shares of the total, relative to binomial thinning (>= 1), pooled
   * over offices: one office's year holds too few members to estimate its own.
   */
  dispersion: number;
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

/**
 * Forecasts every office by fitting one seasonal model to the summed series and splitting it by smoothed shares.
 * At ~1 new member per office per week the office series are mostly Poisson noise, so an office-level seasonal fit
 * chases noise; the sum carries the seasonality and each office contributes only its share.
 *
 * Office intervals combine three variances: the share of the total's forecast variance, the count noise of the
 * office around its share (binomial thinning, inflated by the measured dispersion), and the uncertainty of the
 * estimated share. The bounds are quantiles of a count distribution with that mean and variance, so they are whole
 * numbers and, at ~1 member a week, cover more than 80 %: for a Poisson mean of 1.2 the interval is 0–3, which
 * covers 97 %, because 0–2 would cover only 88 % and fall short of the 90 % quantile.
 */
export function forecastOffices(
  series: Map<string, number[]>,
  horizon: number,
  options: HierarchicalOptions = {},
): HierarchicalForecast {
  assertHorizon(horizon);
  if (series.size === 0) throw new Error('At least one office series is required');
  const halfLife = options.shareHalfLifeWeeks ?? 26;
  if (!(halfLife > 0)) throw new Error(`shareHalfLifeWeeks must be > 0, got ${halfLife}`);
  const dispersionWeeks = options.dispersionWeeks ?? 52;
  const total = sumSeries(series);
  const n = total.length;

  const model = fitHoltWinters(total, {
    ...options.model,
    ...(options.startIsoWeek ? { slotOf: isoWeekSlotOf(options.startIsoWeek) } : {}),
  });
  const totalForecast = forecastHoltWinters(model, horizon);
  const totalVariance = totalForecast.variance;

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

  const offices = new Map<string, OfficeForecast>();
  for (const id of series.keys()) {
    const share = shares.get(id)!;
    const thinning = dispersion * share * (1 - share);
    const forecast: OfficeForecast = { mean: [], lower80: [], upper80: [] };
    totalForecast.mean.forEach((totalMean, h) => {
      const mean = share * totalMean;
      const variance =
        share * share * totalVariance[h] + thinning * totalMean + totalMean * totalMean * thinning * shareVarianceFactor;
      const { lower, upper } = countInterval80(mean, variance);
      forecast.mean.push(mean);
      forecast.lower80.push(lower);
      forecast.upper80.push(upper);
    });
    offices.set(id, forecast);
  }
  const start = options.startIsoWeek;
  const isoWeeks = start ? Array.from({ length: horizon }, (_, h) => addIsoWeeks(start, n + h)) : undefined;
  return { total: { ...totalForecast, model }, offices, ...(isoWeeks ? { isoWeeks } : {}), shares, dispersion };
}
