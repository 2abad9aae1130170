import { createRequire } from 'node:module';
import type highsLoaderType from 'highs';
import type { Highs } from 'highs';

// The package ships CommonJS types whose default export TypeScript cannot call under NodeNext; require() gives the loader itself.
const highsLoader = createRequire(import.meta.url)('highs') as typeof highsLoaderType.default;

export type HighsSolution = ReturnType<Highs['solve']>;

export interface SolveOptions {
  timeLimitSeconds?: number;
  /** Relative MIP gap at which HiGHS may stop (default: HiGHS's own, 1e-4). */
  mipRelGap?: number;
}

let loaded: Promise<Highs> | undefined;

/** One WebAssembly instance per process; each solve creates a fresh native solver inside it. */
export function loadHighs(): Promise<Highs> {
  loaded ??= highsLoader();
  return loaded;
}

/**
 * Solves a model written in CPLEX LP format. The call blocks the event loop for the
 * whole solve, so callers run it in a queue worker (sandboxed processor) or a worker thread,
 * never on the API's request path.
 */
export async function solveLp(lp: string, options: SolveOptions = {}): Promise<HighsSolution> {
  const highs = await loadHighs();
  return highs.solve(lp, {
    output_flag: false,
    ...(options.timeLimitSeconds !== undefined ? { time_limit: options.timeLimitSeconds } : {}),
    ...(options.mipRelGap !== undefined ? { mip_rel_gap: options.mipRelGap } : {}),
  });
}
