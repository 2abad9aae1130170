import { compileModel } from './compiled-model.js';
import { polishByParts } from './decompose.js';
import { lpPlacedBound, LP_BOUND_MAX_EDGES } from './lp-bound.js';
import { runHeuristic } from './optimise.js';
import { buildProposal } from './proposal.js';
import type { HeuristicOptions, OptimiserInstance, Proposal, ProposalSummary } from './types.js';
import { pruneModelItems } from './upper-bound.js';

export interface PolishOptions extends HeuristicOptions {
  /** Items per part of the decomposed HiGHS polish (whole members per part). Default 600; 0 skips the polish. */
  polishMaxItems?: number;
  /** Branch-and-bound nodes per part: the deterministic budget. Default 1,000. */
  polishMaxNodes?: number;
  /** Items solved by HiGHS in all parts together: the run's deterministic budget. Default: see `defaultPolishBudget`. */
  polishMaxSolvedItems?: number;
  /** HiGHS's wall-clock safety net for the whole polish. Default: see `defaultPolishTimeLimitMs`. */
  polishTimeLimitMs?: number;
  /** Skip the LP bound (the minimum-size bound is reported instead). */
  skipLpBound?: boolean;
}

export interface PolishedProposal extends Proposal {
  /** Which solver produced the proposal. */
  method: 'heuristic' | 'heuristic+highs';
}

/**
 * Items HiGHS may solve over all parts of a run: every item three times over up to 2,000 items (the
 * demo fund's eight weeks are about 600), then 2,000 items up to 20,000 (the demo year); none beyond,
 * because a part of 600 items costs HiGHS 10–30 s and a nationwide run must finish in about 30 s
 * (its gap is then the heuristic's; `polishMaxSolvedItems` turns the polish on for it).
 */
export function defaultPolishBudget(items: number): number {
  return items <= 2_000 ? 3 * items : items <= 20_000 ? 2_000 : 0;
}

/**
 * The item count the polish's default budget and safety net are sized by: every item, but on a
 * withdrawal run's second pass only the items its first pass left unplaced, the only ones it can add.
 * (The budget never exceeds a first pass's: a run too large to polish is not polished in its second pass either.)
 */
export function polishSize(instance: Pick<OptimiserInstance, 'items' | 'secondPassFor'>): number {
  return instance.secondPassFor === undefined
    ? instance.items.length
    : Math.min(instance.items.length, instance.secondPassFor.unplaced);
}

/** The polish's wall-clock safety net: three minutes plus 100 ms per item (a node budget, not this, ends a part). */
export function defaultPolishTimeLimitMs(items: number): number {
  return 180_000 + 100 * Math.min(items, 20_000);
}

function withBound(summary: ProposalSummary, bound: number, method: ProposalSummary['boundMethod']): ProposalSummary {
  const upperBound = Math.max(summary.placed, bound);
  return {
    ...summary,
    upperBound,
    boundMethod: method,
    gap: upperBound === 0 ? 0 : (upperBound - summary.placed) / upperBound,
    ...(summary.placed >= upperBound ? { partsProvenOptimal: summary.components } : {}),
  };
}

/**
 * The heuristic; then the bound: the LP relaxation over every reachable office where the model is
 * uncapped and fits, else the minimum-size bound; then — only where the heuristic may have left
 * members unplaced (placed below the bound) — the decomposed HiGHS polish (decompose.ts): the run
 * is split into regional parts, each solved exactly from the heuristic's answer with the rest held
 * fixed and a node budget, and a part's answer is kept only where it is better.
 */
export async function optimiseAndPolish(
  instance: OptimiserInstance,
  options: PolishOptions = {},
): Promise<PolishedProposal> {
  const startedAt = Date.now();
  options.onProgress?.(0, 'compiling');
  const compiled = compileModel(instance, options);
  options.onProgress?.(0.1, 'compiled');
  const run = runHeuristic(compiled, options, startedAt);
  const model = run.model;
  const heuristic = buildProposal(model, run.state, { fullPruning: run.fullPruning, status: run.status, startedAt });
  let bound = heuristic.summary.upperBound;
  let boundMethod: ProposalSummary['boundMethod'] = 'minimum-size';
  const uncapped = !Number.isFinite(model.maxOfficesPerItem);
  if (
    options.skipLpBound !== true &&
    uncapped &&
    run.status === 'complete' &&
    heuristic.summary.placed < bound &&
    model.edgeCand.length <= LP_BOUND_MAX_EDGES &&
    options.shouldStop?.() !== true
  ) {
    options.onProgress?.(0.92, 'bound');
    const lp = await lpPlacedBound(model);
    if (lp.placed !== undefined && lp.placed < bound) {
      bound = lp.placed;
      boundMethod = 'lp-relaxation';
    }
  }
  const result: PolishedProposal = {
    ...heuristic,
    summary: { ...withBound(heuristic.summary, bound, boundMethod), elapsedMs: Date.now() - startedAt },
    method: 'heuristic',
  };
  const maxPartItems = options.polishMaxItems ?? 600;
  const sized = polishSize(instance);
  const budget =
    options.polishMaxSolvedItems ?? Math.min(defaultPolishBudget(instance.items.length), defaultPolishBudget(sized));
  if (
    maxPartItems <= 0 ||
    budget <= 0 ||
    run.status !== 'complete' ||
    heuristic.summary.placed >= bound ||
    options.shouldStop?.()
  ) {
    options.onProgress?.(1, 'done');
    return result;
  }
  options.onProgress?.(0.95, 'polish');
  const items = sized;
  const report = await polishByParts(model, run.state, {
    maxPartItems,
    maxNodesPerPart: options.polishMaxNodes ?? 1_000,
    maxSolvedItems: budget,
    // The run's own time limit, when the caller gave one, bounds the polish too.
    timeLimitMs:
      options.polishTimeLimitMs ??
      (options.timeLimitMs !== undefined
        ? Math.max(1, startedAt + options.timeLimitMs - Date.now())
        : defaultPolishTimeLimitMs(items)),
    alive: pruneModelItems(model).alive,
    ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
  });
  options.onProgress?.(1, 'done');
  const polished = buildProposal(model, run.state, { fullPruning: run.fullPruning, status: run.status, startedAt });
  // A single part holding the whole run, proven optimal by HiGHS over every reachable office, proves the run's optimum.
  const proven = report.wholeRunProven && uncapped;
  const finalBound = proven ? Math.min(bound, polished.summary.placed) : bound;
  const method = report.partsImproved > 0 ? 'heuristic+highs' : 'heuristic';
  const summary = withBound(polished.summary, finalBound, proven && finalBound < bound ? 'highs' : boundMethod);
  return {
    ...polished,
    summary: {
      ...summary,
      partsProvenOptimal:
        summary.placed >= summary.upperBound ? summary.components : polished.summary.partsProvenOptimal,
      polish: report,
      elapsedMs: Date.now() - startedAt,
    },
    method,
  };
}
