export function assertCounts(series: readonly number[], name = 'history'): void {
  for (let i = 0; i < series.length; i++) {
    const v = series[i];
    if (!Number.isFinite(v) || v < 0) throw new Error(`${name}[${i}] must be a finite number >= 0, got ${v}`);
  }
}

export function assertHorizon(horizon: number): void {
  if (!Number.isInteger(horizon) || horizon < 0) {
    throw new Error(`horizon must be a non-negative integer, got ${horizon}`);
  }
}

export function assertPeriod(period: number): void {
  if (!Number.isInteger(period) || period < 2) throw new Error(`period must be an integer >= 2, got ${period}`);
}
