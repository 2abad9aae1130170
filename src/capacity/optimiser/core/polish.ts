import { compileModel } from './compiled-model.js';
import { solveExactModel } from './exact-mip.js';
import { lpPlacedBound, LP_BOUND_MAX_EDGES } from './lp-bound.js';
import { runHeuristic } from './optimise.js';
import { buildProposal } from './proposal.js';
import type { HeuristicOptions, OptimiserInstance, Proposal, ProposalSummary } from './types.js';

export interface PolishOptions extends HeuristicOptions {
  /** Instances with more items than this keep the heuristic's answer (HiGHS would not prove them quickly). Default 600. */
  polishMaxItems?: number;
  /** Branch-and-bound nodes for the polish: the deterministic budget. Default 2,000. */
  polishMaxNodes?: number;
  /** HiGHS's wall-clock safety net for the polish. Default 60 s. */
  polishTimeLimitMs?: number;
  /** Skip the LP bound (the minimum-size bound is reported instead). */
  skipLpBound?: boolean;
}

export interface PolishedProposal extends Proposal {
  /** Which solver produced the proposal. */
  method: 'heuristic' | 'heuristic+highs';
}

/** Lexicographic comparison on the objective: placed, then sessions opened, then travel. */
function isBetter(candidate: Proposal, incumbent: Proposal): boolean {
  const a = candidate.summary;
  const b = incumbent.summary;
  if (a.placed !== b.placed) return a.placed > b.placed;
  if (a.sessionsOpened !== b.sessionsOpened) return a.sessionsOpened < b.sessionsOpened;
  return a.travelKm < b.travelKm - 1e-6;
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
 * members unplaced (placed below the bound) and the instance is small enough — the exact model
 * warm-started from the heuristic's answer with a node budget, keeping whichever is better.
 */
export async function optimiseAndPolish(instance: OptimiserInstance, options: PolishOptions = {}): Promise<PolishedProposal> {
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
  const result: PolishedProposal = { ...heuristic, summary: { ...withBound(heuristic.summary, bound, boundMethod), elapsedMs: Date.now() - startedAt }, method: 'heuristic' };
  const small = instance.items.length <= (options.polishMaxItems ?? 600);
  if (!small || run.status !== 'complete' || heuristic.summary.placed >= bound || options.shouldStop?.()) {
    options.onProgress?.(1, 'done');
    return result;
  }
  options.onProgress?.(0.95, 'polish');
  const exact = await solveExactModel(model, run.state, {
    maxNodes: options.polishMaxNodes ?? 2_000,
    timeLimitMs: options.polishTimeLimitMs ?? 60_000,
    ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
  }, startedAt);
  options.onProgress?.(1, 'done');
  // Proven optimal only counts when the model is uncapped: then it is optimal for the stated problem.
  const proven = exact.mip.status === 'optimal' && uncapped;
  const mipBound = proven ? exact.proposal.summary.placed : Math.min(bound, exact.placedBound);
  if (!isBetter(exact.proposal, heuristic)) {
    return {
      ...result,
      summary: {
        ...withBound(result.summary, Math.min(bound, mipBound), mipBound < bound ? 'highs' : boundMethod),
        ...(proven && exact.proposal.summary.placed === heuristic.summary.placed ? { partsProvenOptimal: result.summary.components } : {}),
        elapsedMs: Date.now() - startedAt,
      },
    };
  }
  const finalBound = Math.min(bound, mipBound);
  return {
    ...exact.proposal,
    summary: {
      ...withBound(exact.proposal.summary, finalBound, mipBound < bound ? 'highs' : boundMethod),
      ...(proven ? { partsProvenOptimal: exact.proposal.summary.components } : {}),
      elapsedMs: Date.now() - startedAt,
    },
    method: 'heuristic+highs',
  };
}
