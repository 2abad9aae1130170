import fc from 'fast-check';
import { countInterval80 } from './count-interval.js';

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
