import { Z80 } from './ets.js';

/** Above this mean the normal approximation is used: the pmf recurrence would underflow and the skew is negligible. */
const NORMAL_FROM = 500;

function assertMoments(mean: number, variance: number, name: string): void {
  if (!Number.isFinite(mean) || mean < 0 || !Number.isFinite(variance) || variance < 0) {
    throw new Error(`${name} needs a finite mean and variance >= 0, got ${mean}, ${variance}`);
  }
}

/**
 * The smallest k with P(X <= k) >= p for each p (ascending), X a Poisson count (variance <= mean) or a
 * moment-matched negative binomial (overdispersed) with the given mean.
 */
function countQuantiles(mean: number, variance: number, probabilities: readonly number[]): number[] {
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
  const quantiles: number[] = [];
  let cdf = pmf;
  let k = 0;
  for (const p of probabilities) {
    while (cdf < p && k < 100_000) {
      pmf = next(k, pmf);
      k += 1;
      cdf += pmf;
    }
    quantiles.push(k);
  }
  return quantiles;
}

/**
 * Central 80 % interval for a count with the given mean and variance: the 10 % and 90 % quantiles of a Poisson
 * (variance <= mean) or a moment-matched negative binomial (overdispersed). The bounds are whole numbers, so they
 * cover at least 80 %; they are widened to contain the mean itself, which for very small means can lie above the
 * 90 % quantile of 0.
 */
export function countInterval80(mean: number, variance: number): { lower: number; upper: number } {
  assertMoments(mean, variance, 'countInterval80');
  if (mean === 0) return { lower: 0, upper: 0 };
  if (mean > NORMAL_FROM) {
    const halfWidth = Z80 * Math.sqrt(Math.max(variance, mean));
    return { lower: Math.max(0, Math.floor(mean - halfWidth)), upper: Math.ceil(mean + halfWidth) };
  }
  const [lower, upper] = countQuantiles(mean, variance, [0.1, 0.9]);
  return { lower: Math.min(lower, Math.floor(mean)), upper: Math.max(upper, mean) };
}

/**
 * The median (50 % quantile) of the same count distribution: the whole number that minimises the expected absolute
 * error, which for a mean below ln 2 ≈ 0.69 (a Poisson count) is 0. Not a planning figure: medians do not add up.
 */
export function countMedian(mean: number, variance: number): number {
  assertMoments(mean, variance, 'countMedian');
  if (mean === 0) return 0;
  // A large Poisson count's median is about mean + 1/3 (Choi 1994); the overdispersion's extra skew moves it by less
  // than a member at such sizes.
  if (mean > NORMAL_FROM) return Math.floor(mean + 1 / 3);
  return countQuantiles(mean, variance, [0.5])[0];
}
