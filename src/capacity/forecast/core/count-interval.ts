import { Z80 } from './ets.js';

/**
 * Central 80 % interval for a count with the given mean and variance: the 10 % and 90 % quantiles of a Poisson
 * (variance <= mean) or a moment-matched negative binomial (overdispersed). The bounds are whole numbers, so they
 * cover at least 80 %; they are widened to contain the mean itself, which for very small means can lie above the
 * 90 % quantile of 0.
 */
export function countInterval80(mean: number, variance: number): { lower: number; upper: number } {
  if (!Number.isFinite(mean) || mean < 0 || !Number.isFinite(variance) || variance < 0) {
    throw new Error(`countInterval80 needs a finite mean and variance >= 0, got ${mean}, ${variance}`);
  }
  if (mean === 0) return { lower: 0, upper: 0 };
  // Normal approximation once the count is large: the pmf recurrence would underflow and the skew is negligible.
  if (mean > 500) {
    const halfWidth = Z80 * Math.sqrt(Math.max(variance, mean));
    return { lower: Math.max(0, Math.floor(mean - halfWidth)), upper: Math.ceil(mean + halfWidth) };
  }
  let pmf: number;
  let next: (k: number, p: number) => number;
  if (variance <= mean * (1 + 1e-9)) {
    pmf = Math.exp(-mean);
    next = (k, p) => (p * mean) / (k + 1);
  } else {
    const r = (mean * mean) / (variance - mean);
    const q = mean / (r + mean);
    pmf = Math.exp(r * Math.log1p(-q));
    next = (k, p) => (p * (k + r) * q) / (k + 1);
  }
  let cdf = pmf;
  let k = 0;
  let lower: number | undefined;
  while (cdf < 0.9 && k < 100_000) {
    if (lower === undefined && cdf >= 0.1) lower = k;
    pmf = next(k, pmf);
    k += 1;
    cdf += pmf;
  }
  lower ??= k;
  return { lower: Math.min(lower, Math.floor(mean)), upper: Math.max(k, mean) };
}
