import { assertCounts, assertHorizon, assertPeriod } from './validation.js';

/** "Same week last year": the forecast for h weeks ahead repeats the value observed `period` weeks before it. */
export function seasonalNaive(history: readonly number[], horizon: number, period = 52): number[] {
  assertHorizon(horizon);
  assertPeriod(period);
  assertCounts(history);
  if (horizon === 0) return [];
  if (history.length < period) {
    throw new Error(`Seasonal naive needs at least one season (${period} values), got ${history.length}`);
  }
  const n = history.length;
  return Array.from({ length: horizon }, (_, i) => history[n - period + (i % period)]);
}

/** Mean absolute error of the in-sample seasonal-naive forecast: the MASE denominator. */
export function seasonalNaiveScale(history: readonly number[], period = 52): number {
  if (history.length <= period) return Number.NaN;
  let sum = 0;
  for (let t = period; t < history.length; t++) sum += Math.abs(history[t] - history[t - period]);
  return sum / (history.length - period);
}
