/** Dense row-major square or rectangular matrix: `rows[i][j]`. Small (tens of rows), so plain arrays suffice. */
export type Matrix = number[][];

/**
 * Cholesky factor L (lower triangular, A = L Lᵀ) of a symmetric positive-definite matrix; throws when A is not
 * positive definite.
 */
export function cholesky(a: Matrix): Matrix {
  const n = a.length;
  const l: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i][j];
      for (let k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(sum > 0)) throw new Error(`Matrix is not positive definite (pivot ${i} is ${sum})`);
        l[i][i] = Math.sqrt(sum);
      } else {
        l[i][j] = sum / l[j][j];
      }
    }
  }
  return l;
}

/** Solves A X = B for X given the Cholesky factor L of A; B has one column per right-hand side. */
export function choleskySolve(l: Matrix, b: Matrix): Matrix {
  const n = l.length;
  const columns = b[0]?.length ?? 0;
  const x: Matrix = b.map((row) => row.slice());
  for (let c = 0; c < columns; c++) {
    for (let i = 0; i < n; i++) {
      let sum = x[i][c];
      for (let k = 0; k < i; k++) sum -= l[i][k] * x[k][c];
      x[i][c] = sum / l[i][i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = x[i][c];
      for (let k = i + 1; k < n; k++) sum -= l[k][i] * x[k][c];
      x[i][c] = sum / l[i][i];
    }
  }
  return x;
}

export function identity(n: number): Matrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  const rows = a.length;
  const inner = b.length;
  const columns = b[0]?.length ?? 0;
  const out: Matrix = Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < inner; k++) {
      const aik = a[i][k];
      if (aik === 0) continue;
      for (let j = 0; j < columns; j++) out[i][j] += aik * b[k][j];
    }
  }
  return out;
}

export function transpose(a: Matrix): Matrix {
  const columns = a[0]?.length ?? 0;
  return Array.from({ length: columns }, (_, j) => a.map((row) => row[j]));
}
