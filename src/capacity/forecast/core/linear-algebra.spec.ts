import fc from 'fast-check';
import { cholesky, choleskySolve, identity, multiply, transpose } from './linear-algebra.js';

describe('linear algebra', () => {
  it('factors a positive-definite matrix and solves with it', () => {
    // A = L Lᵀ with L = [[2, 0], [1, 3]]: A = [[4, 2], [2, 10]].
    const a = [
      [4, 2],
      [2, 10],
    ];
    expect(cholesky(a)).toEqual([
      [2, 0],
      [1, 3],
    ]);
    // A x = [8, 16]: 4x + 2y = 8 and 2x + 10y = 16 give y = 4/3, x = 4/3.
    const x = choleskySolve(cholesky(a), [[8], [16]]);
    expect(x[0][0]).toBeCloseTo(4 / 3, 12);
    expect(x[1][0]).toBeCloseTo(4 / 3, 12);
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() =>
      cholesky([
        [1, 2],
        [2, 1],
      ]),
    ).toThrow('not positive definite');
  });

  it('solves random positive-definite systems (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.array(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n, maxLength: n }), {
            minLength: n,
            maxLength: n,
          }),
        ),
        (b) => {
          const n = b.length;
          // Bᵀ B + I is symmetric positive definite.
          const a = multiply(transpose(b), b).map((row, i) => row.map((v, j) => v + identity(n)[i][j]));
          const x = choleskySolve(cholesky(a), identity(n));
          const product = multiply(a, x);
          return product.every((row, i) => row.every((v, j) => Math.abs(v - (i === j ? 1 : 0)) < 1e-8));
        },
      ),
      { numRuns: 50 },
    );
  });
});
