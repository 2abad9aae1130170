import fc from 'fast-check';
import { countInterval80, countMedian } from './count-interval.js';

function poissonMass(mean: number, lower: number, upper: number): number {
  let pmf = Math.exp(-mean);
  let mass = 0;
  for (let k = 0; k <= upper; k++) {
    if (k >= lower) mass += pmf;
    pmf = (pmf * mean) / (k + 1);
  }
  return mass;
}

describe('countInterval80', () => {
  it('gives the 10 % and 90 % Poisson quantiles when the variance equals the mean', () => {
    expect(countInterval80(1.2, 1.2)).toEqual({ lower: 0, upper: 3 });
    expect(countInterval80(10, 10)).toEqual({ lower: 6, upper: 14 });
  });

  it('is [0, 0] for a zero mean and contains the mean when it is tiny', () => {
    expect(countInterval80(0, 0)).toEqual({ lower: 0, upper: 0 });
    expect(countInterval80(0.05, 0.05)).toEqual({ lower: 0, upper: 0.05 });
  });

  it('widens for overdispersed counts', () => {
    const poisson = countInterval80(5, 5);
    const overdispersed = countInterval80(5, 20);
    expect(overdispersed.upper).toBeGreaterThan(poisson.upper);
    expect(overdispersed.lower).toBeLessThanOrEqual(poisson.lower);
  });

  it('uses a normal approximation for large counts that stays close to the Poisson quantiles', () => {
    const { lower, upper } = countInterval80(1000, 1000);
    expect(lower).toBeGreaterThanOrEqual(955);
    expect(lower).toBeLessThanOrEqual(960);
    expect(upper).toBeGreaterThanOrEqual(1040);
    expect(upper).toBeLessThanOrEqual(1045);
  });

  it('throws for negative or non-finite input', () => {
    expect(() => countInterval80(-1, 1)).toThrow();
    expect(() => countInterval80(1, Number.NaN)).toThrow();
  });

  it('covers at least 80 % of a Poisson count and contains its mean (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 200, noNaN: true }), (mean) => {
        const { lower, upper } = countInterval80(mean, mean);
        return lower <= mean && mean <= upper && poissonMass(mean, lower, upper) >= 0.8 - 1e-9;
      }),
    );
  });
});

describe('countMedian', () => {
  it('is the Poisson median: 0 up to a mean of ln 2, then about the mean', () => {
    expect(countMedian(0, 0)).toBe(0);
    expect(countMedian(0.45, 0.45)).toBe(0);
    expect(countMedian(0.69, 0.69)).toBe(0);
    expect(countMedian(0.7, 0.7)).toBe(1);
    expect(countMedian(1.2, 1.2)).toBe(1);
    expect(countMedian(10, 10)).toBe(10);
    expect(countMedian(1000, 1000)).toBe(1000);
  });

  it('moves down for overdispersed counts, whose mass piles up at 0', () => {
    // Negative binomial with mean 1 and variance 4: P(0) = 0.25^(1/3) ≈ 0.63.
    expect(countMedian(1, 4)).toBe(0);
    expect(countMedian(3, 3)).toBe(3);
    expect(countMedian(3, 30)).toBeLessThan(3);
  });

  it('lies inside the 80 % interval (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 800, noNaN: true }),
        fc.double({ min: 1, max: 5, noNaN: true }),
        (mean, dispersion) => {
          const median = countMedian(mean, mean * dispersion);
          const { lower, upper } = countInterval80(mean, mean * dispersion);
          expect(Number.isInteger(median)).toBe(true);
          expect(median).toBeGreaterThanOrEqual(lower);
          expect(median).toBeLessThanOrEqual(upper);
        },
      ),
    );
  });

  it('throws for a negative or non-finite mean or variance', () => {
    expect(() => countMedian(-1, 1)).toThrow('countMedian needs');
    expect(() => countMedian(1, Number.NaN)).toThrow('countMedian needs');
  });
});
