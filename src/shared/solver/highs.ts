import { createRequire } from 'node:module';
import type highsLoaderType from 'highs';
import type { Highs, ModelData } from 'highs';

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

export interface MipSolveOptions extends SolveOptions {
  /** Absolute gap at which HiGHS may stop (default HiGHS's own, 1e-6). */
  mipAbsGap?: number;
  /** Polled at HiGHS's MIP checkpoints; returning true interrupts the solve (best incumbent is kept). */
  shouldStop?: () => boolean;
  /** Sparse starting solution (e.g. from a heuristic); HiGHS checks and may reject it. */
  start?: { indices: Int32Array; values: Float64Array };
  /** Further HiGHS options by name (e.g. `solver`, `mip_max_nodes`). */
  highsOptions?: Record<string, string | number | boolean>;
}

export interface MipSolveResult {
  status: 'optimal' | 'time-limit' | 'interrupted' | 'infeasible' | 'other';
  /** HiGHS's numeric model status (`highs.constants.modelStatus`). */
  modelStatus: number;
  hasSolution: boolean;
  colValue: Float64Array;
  objective: number;
  /** Best proven bound on the objective. */
  dualBound: number;
  mipGap: number;
  runTimeSeconds: number;
}

/**
 * Solves a structured MIP with the persistent API, which, unlike `solveLp`, can take a starting
 * solution and be interrupted from a callback. Blocks the event loop like `solveLp`; the native
 * model is always disposed.
 */
export async function solveMipModel(data: ModelData, options: MipSolveOptions = {}): Promise<MipSolveResult> {
  const highs = await loadHighs();
  const model = highs.createModel(data);
  try {
    model.options.set({
      output_flag: false,
      ...(options.timeLimitSeconds !== undefined ? { time_limit: options.timeLimitSeconds } : {}),
      ...(options.mipRelGap !== undefined ? { mip_rel_gap: options.mipRelGap } : {}),
      ...(options.mipAbsGap !== undefined ? { mip_abs_gap: options.mipAbsGap } : {}),
      ...options.highsOptions,
    });
    if (options.start !== undefined) model.setSolution(options.start);
    const shouldStop = options.shouldStop;
    const { modelStatus } = model.run(
      shouldStop === undefined
        ? {}
        : {
            [highs.constants.callbackType.mipInterrupt]: (event) => {
              if (shouldStop()) event.interrupt();
            },
          },
    );
    const codes = highs.constants.modelStatus;
    const status =
      modelStatus === codes.optimal
        ? 'optimal'
        : modelStatus === codes.timeLimit
          ? 'time-limit'
          : modelStatus === codes.interrupted
            ? 'interrupted'
            : modelStatus === codes.infeasible
              ? 'infeasible'
              : 'other';
    const hasSolution = Number(model.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
    return {
      status,
      modelStatus,
      hasSolution,
      colValue: hasSolution ? model.getSolution().colValue : new Float64Array(data.numCols),
      objective: hasSolution ? model.getObjectiveValue() : Number.NaN,
      dualBound: Number(model.info.get('mip_dual_bound')),
      mipGap: Number(model.info.get('mip_gap')),
      runTimeSeconds: model.getRunTime(),
    };
  } finally {
    model.dispose();
  }
}
