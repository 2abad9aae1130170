import { compileModel, withUncappedItems, type CompiledModel } from './compiled-model.js';
import {
  byFewestOptions,
  edgeTo,
  openMinimumGroupsFirst,
  openSessionsGreedily,
  repairUnplaced,
  seatInOpenSession,
} from './construct.js';
import {
  closeSessionsPass,
  openNewSessions,
  reduceTravelPass,
  ruinAndRecreate,
  ruinAroundUnplaced,
  STRICT,
  strictlyBetter,
  type Acceptance,
} from './improve.js';
import { buildProposal } from './proposal.js';
import { createRng } from './rng.js';
import { SolutionState } from './solution-state.js';
import { type HeuristicOptions, type Proposal, type SolveStatus } from './types.js';
import { pruneFullReach, pruneModelItems, type MinimumSizePruning } from './upper-bound.js';

/**
 * The safety net when the caller sets none, in CPU time of the process: it fits the run's size (a
 * minute, plus 2 ms per item: about 4 minutes nationwide), so on a slow or loaded machine the
 * iteration budget, not the clock, ends the search and the result stays the same.
 */
export function defaultTimeLimitMs(items: number): number {
  return 60_000 + 2 * items;
}
const DEFAULT_SEARCH_EFFORT = 12;
/** Caps the search at large sizes (25,000-member and nationwide runs reach it); small instances never reach it. */
const MAX_SEARCH_ITERATIONS = 25_000;
/**
 * Caps the lazy pass's short search (effort 4). Nationwide its effort budget reached the main cap
 * (25,000, about 13 s of CPU) while it placed 164 of its 169 in the first 8,000 iterations and one
 * more per about 3,000 after; 12,500 keeps 25,000-member runs (12,272) as they were.
 */
const LAZY_MAX_ITERATIONS = 12_500;
/**
 * Up to this many items (the demo fund's eight weeks are about 600) the search crosses plateaus and
 * shallow valleys (`SMALL_RUN_ACCEPTANCE`, keeping the best state seen) with twice the effort: a
 * strict search stopped one to three items short of HiGHS's optimum on small runs whatever its
 * effort, because the regrouping that places them passes through states with more travel or one
 * item fewer. Larger runs keep the strict search: copying the best state would cost too much there.
 */
export const SMALL_RUN_MAX_ITEMS = 1_000;
const SMALL_RUN_SEARCH_EFFORT = 24;
const SMALL_RUN_ACCEPTANCE: Acceptance = { anyTravel: true, worse: 0.1 };
/** Above this many items the second (minimum-groups-first) construction costs more than it gains. */
const MINIMUM_FIRST_MAX_ITEMS = 20_000;

interface StopWatch {
  shouldStop: () => boolean;
  status: () => SolveStatus;
}

function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

/**
 * A caller's `timeLimitMs` is wall clock. The default safety net counts the process's CPU time
 * instead, so that a machine shared with other work (a loaded CI runner) does not cut the search and
 * change its result: only a search that really runs away reaches it.
 */
function createStopWatch(startedAt: number, options: HeuristicOptions, items: number): StopWatch {
  const deadline = startedAt + (options.timeLimitMs ?? Number.POSITIVE_INFINITY);
  const cpuDeadline =
    options.timeLimitMs === undefined ? cpuMs() + defaultTimeLimitMs(items) : Number.POSITIVE_INFINITY;
  let status: SolveStatus = 'complete';
  let polls = 0;
  return {
    shouldStop: () => {
      if (status !== 'complete') return true;
      if (options.shouldStop?.() === true) status = 'stopped';
      else if (Date.now() > deadline || ((++polls & 255) === 0 && cpuMs() > cpuDeadline)) status = 'time-limit';
      return status !== 'complete';
    },
    status: () => status,
  };
}

function aliveItems(model: CompiledModel, alive: Uint8Array): number[] {
  const items: number[] = [];
  for (let i = 0; i < model.items.length; i++) if (alive[i] === 1) items.push(i);
  return byFewestOptions(model, items);
}

/**
 * Construction: fill existing sessions, then either the largest groups first or minimum groups for
 * the least flexible members first (both are built; the lexicographically better one is kept),
 * then repair.
 */
function constructSolution(model: CompiledModel, alive: Uint8Array, stop: StopWatch): SolutionState {
  const items = aliveItems(model, alive);
  const build = (minimumFirst: boolean): SolutionState => {
    const state = new SolutionState(model);
    for (const i of items) seatInOpenSession(state, i);
    if (minimumFirst) {
      openMinimumGroupsFirst(state, items, alive, stop.shouldStop);
      for (const i of items) if (state.itemCand[i] < 0) seatInOpenSession(state, i);
    }
    openSessionsGreedily(state, items, alive, stop.shouldStop);
    repairUnplaced(state, items, alive, stop.shouldStop);
    closeSessionsPass(state, stop.shouldStop);
    return state;
  };
  const largestFirst = build(false);
  if (stop.shouldStop() || items.length > MINIMUM_FIRST_MAX_ITEMS) return largestFirst;
  const minimumFirst = build(true);
  const better =
    minimumFirst.placed !== largestFirst.placed
      ? minimumFirst.placed > largestFirst.placed
      : minimumFirst.opened !== largestFirst.opened
        ? minimumFirst.opened < largestFirst.opened
        : minimumFirst.cost < largestFirst.cost;
  return better ? minimumFirst : largestFirst;
}

function unplacedAlive(state: SolutionState, alive: Uint8Array): number[] {
  const list: number[] = [];
  for (let i = 0; i < alive.length; i++) if (alive[i] === 1 && state.itemCand[i] < 0) list.push(i);
  return list;
}

/**
 * Ruin-and-recreate rounds: half of them regroup around an unplaced item (tier 1) when there is
 * one, the rest start from a small session (tier 2). The budget is counted in iterations so that
 * runs repeat exactly.
 */
function searchSessions(
  state: SolutionState,
  alive: Uint8Array,
  options: HeuristicOptions,
  stop: StopWatch,
  report: (f: number) => void,
  maxIterations = MAX_SEARCH_ITERATIONS,
  acceptance: Acceptance = STRICT,
  defaultEffort = DEFAULT_SEARCH_EFFORT,
): void {
  const rng = createRng(options.seed ?? 1);
  let sessions = openNewSessions(state);
  let unplaced = unplacedAlive(state, alive);
  const iterations = Math.min(
    maxIterations,
    Math.round((options.searchEffort ?? defaultEffort) * (sessions.length + unplaced.length)),
  );
  // A search that may keep worse states returns to the best one it saw (also when stopped).
  const keepsWorse = acceptance.anyTravel || acceptance.worse > 0;
  let best = keepsWorse ? state.snapshot() : undefined;
  for (let it = 0; it < iterations; it++) {
    if (best !== undefined && strictlyBetter(state, best)) best = state.snapshot();
    if (stop.shouldStop()) break;
    if (it % 64 === 0) {
      sessions = openNewSessions(state);
      unplaced = unplacedAlive(state, alive);
    }
    if (it % 1024 === 0) report(it / iterations);
    if (unplaced.length > 0 && rng.next() < 0.5) {
      const u = unplaced[rng.int(unplaced.length)];
      if (state.itemCand[u] < 0) ruinAroundUnplaced(state, u, rng, alive, stop.shouldStop, acceptance);
      continue;
    }
    if (sessions.length === 0) continue;
    const a = sessions[rng.int(sessions.length)];
    const b = sessions[rng.int(sessions.length)];
    const seed = state.candSize[b] < state.candSize[a] ? b : a;
    if (state.candOpen[seed] === 0) continue;
    ruinAndRecreate(state, seed, rng, alive, stop.shouldStop, acceptance);
  }
  if (best !== undefined && strictlyBetter(best, state)) state.restore(best);
}

export interface HeuristicRun {
  state: SolutionState;
  /** The model the state belongs to: the input, or the input extended by the lazy pass. */
  model: CompiledModel;
  status: SolveStatus;
  fullPruning: MinimumSizePruning;
}

/** Carries a solution over to a model with the same candidates and more edges. */
function transferState(from: SolutionState, model: CompiledModel): SolutionState {
  const state = new SolutionState(model);
  for (let c = 0; c < model.candCount; c++) {
    if (from.candOpen[c] === 1 && model.candExisting[c] < 0)
      state.openWith(c, from.candRoom[c], [...(from.candLeaders[c] ?? [])]);
  }
  for (let i = 0; i < model.items.length; i++) {
    const c = from.itemCand[i];
    if (c >= 0) state.seat(i, edgeTo(model, i, c));
  }
  return state;
}

/**
 * The lazy half of "every reachable office": under the memory cap, items left unplaced that reach
 * more offices than the cap are modelled again with all of them, and repair and a short search run
 * on the extended model from the current solution.
 */
function extendUnplaced(
  run: HeuristicRun,
  model: CompiledModel,
  options: HeuristicOptions,
  stop: StopWatch,
): { model: CompiledModel; state: SolutionState } {
  if (!Number.isFinite(model.maxOfficesPerItem)) return { model, state: run.state };
  const extra: number[] = [];
  for (let i = 0; i < model.items.length; i++) {
    const m = model.itemMember[i];
    if (
      run.state.itemCand[i] < 0 &&
      run.fullPruning.alive[i] === 1 &&
      model.reachStart[m + 1] - model.reachStart[m] > model.maxOfficesPerItem
    )
      extra.push(i);
  }
  if (extra.length === 0 || stop.shouldStop()) return { model, state: run.state };
  const extended = withUncappedItems(model, extra);
  const state = transferState(run.state, extended);
  const alive = pruneModelItems(extended).alive;
  repairUnplaced(state, byFewestOptions(extended, extra), alive, stop.shouldStop);
  const before = options.searchEffort;
  searchSessions(
    state,
    alive,
    { ...options, searchEffort: Math.min(before ?? DEFAULT_SEARCH_EFFORT, 4) },
    stop,
    () => undefined,
    LAZY_MAX_ITERATIONS,
  );
  return { model: extended, state };
}

/** Runs the heuristic on a compiled model and returns its raw state. */
export function runHeuristic(
  model: CompiledModel,
  options: HeuristicOptions = {},
  startedAt = Date.now(),
): HeuristicRun {
  const stop = createStopWatch(startedAt, options, model.items.length);
  const progress = (fraction: number, note?: string): void =>
    options.onProgress?.(Math.min(1, Math.max(0, fraction)), note);
  const fullPruning = pruneFullReach(model);
  const modelPruning = pruneModelItems(model);
  progress(0.15, 'upper bound');
  const state = constructSolution(model, modelPruning.alive, stop);
  progress(0.35, 'constructed');
  const small = model.items.length <= SMALL_RUN_MAX_ITEMS;
  if (!stop.shouldStop())
    searchSessions(
      state,
      modelPruning.alive,
      options,
      stop,
      (f) => progress(0.35 + 0.55 * f, 'local search'),
      MAX_SEARCH_ITERATIONS,
      small ? SMALL_RUN_ACCEPTANCE : STRICT,
      small ? SMALL_RUN_SEARCH_EFFORT : DEFAULT_SEARCH_EFFORT,
    );
  if (!stop.shouldStop()) closeSessionsPass(state, stop.shouldStop);
  if (!stop.shouldStop()) reduceTravelPass(state, stop.shouldStop);
  const extended = extendUnplaced({ state, model, status: stop.status(), fullPruning }, model, options, stop);
  return { state: extended.state, model: extended.model, status: stop.status(), fullPruning };
}

export function optimiseCompiled(
  model: CompiledModel,
  options: HeuristicOptions = {},
  startedAt = Date.now(),
): Proposal {
  const run = runHeuristic(model, options, startedAt);
  const proposal = buildProposal(run.model, run.state, { fullPruning: run.fullPruning, status: run.status, startedAt });
  options.onProgress?.(1, 'done');
  return proposal;
}

/**
 * Fills group sessions for the instance: the lexicographic objective is most items placed, then
 * fewest new sessions, then least travel, then earliest dates. Pure and synchronous; deterministic
 * for the same input and options unless the time limit or `shouldStop` cuts the search short, in
 * which case the best proposal found so far is returned with status 'time-limit' or 'stopped'.
 */
export function optimiseSessions(
  instance: Parameters<typeof compileModel>[0],
  options: HeuristicOptions = {},
): Proposal {
  const startedAt = Date.now();
  options.onProgress?.(0, 'compiling');
  const model = compileModel(instance, options);
  options.onProgress?.(0.1, 'compiled');
  return optimiseCompiled(model, options, startedAt);
}
