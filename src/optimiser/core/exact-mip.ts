import { solveMipModel, type MipSolveResult } from '../../shared/solver/highs.js';
import { compileModel, edgeCost, eligibleLeaders, type CompiledModel } from './compiled-model.js';
import { runHeuristic } from './optimise.js';
import { buildProposal } from './proposal.js';
import { SolutionState } from './solution-state.js';
import {
  type ModelOptions,
  type OptimiserInstance,
  type Proposal,
  type SolveControl,
  type SolveStatus,
} from './types.js';
import { pruneFullReach } from './upper-bound.js';

/** Room (`w`) and leader (`z`) choice columns of one new candidate; absent when the choice is forced. */
interface CandidateColumns {
  y: number;
  rooms: { room: number; col: number }[];
  leaders: { leader: number; col: number }[];
  fixedLeaders: number[];
}

export interface MipFormulation {
  numCols: number;
  colCost: number[];
  rows: { cols: number[]; coefs: number[]; lower: number; upper: number }[];
  /** Column of candidate c's open variable, or undefined. */
  candidate: Map<number, CandidateColumns>;
  /** Weight of one placed item in the objective (tier 1). */
  placeWeight: number;
}

export interface TimedVar {
  start: number;
  end: number;
  col: number;
  group: number;
}

/**
 * Maximal cliques of an interval graph, one per start point that is followed by an end. Each
 * becomes a "at most one at a time" row; with `distinctGroups` only cliques touching two groups
 * (e.g. two items of one member) are emitted, because one group's columns are bounded elsewhere.
 */
export function intervalCliques(vars: TimedVar[], distinctGroups: boolean): number[][] {
  vars.sort((a, b) => a.start - b.start || a.end - b.end);
  const cliques: number[][] = [];
  const active: TimedVar[] = [];
  for (let k = 0; k < vars.length; k++) {
    const v = vars[k];
    for (let a = active.length - 1; a >= 0; a--) if (active[a].end <= v.start) active.splice(a, 1);
    active.push(v);
    const next = vars[k + 1];
    if (next !== undefined && next.start === v.start) continue;
    const maximal = next === undefined || active.some((a) => a.end <= next.start);
    if (!maximal || active.length < 2) continue;
    if (distinctGroups && active.every((a) => a.group === active[0].group)) continue;
    cliques.push(active.map((a) => a.col));
  }
  return cliques;
}

export function groupBy<T>(list: T[], key: (t: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const entry of list) {
    const k = key(entry);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [entry]);
    else g.push(entry);
  }
  return groups;
}

/**
 * The fixed-charge assignment model as a MIP over the compiled model's candidates and edges:
 * x (item seated via edge), y (new session opened), w (room), z (leader). The lexicographic
 * objective is folded into one: placing an item outweighs every session, and travel plus dates
 * together weigh less than a quarter of one session.
 */
export function buildMipFormulation(
  model: CompiledModel,
  objective: 'lexicographic' | 'placed' = 'lexicographic',
): MipFormulation {
  const E = model.edgeCand.length;
  const n = model.items.length;
  const placeWeight = n + 1;
  const placedOnly = objective === 'placed';
  let costSum = 0;
  for (let i = 0; i < n; i++) {
    let worst = 0;
    for (let e = model.itemEdgeStart[i]; e < model.itemEdgeStart[i + 1]; e++)
      worst = Math.max(worst, edgeCost(model, e));
    costSum += worst;
  }
  const costScale = 0.25 / (costSum + 1);
  const colCost: number[] = [];
  for (let e = 0; e < E; e++) colCost.push(placedOnly ? -1 : -placeWeight + costScale * edgeCost(model, e));
  const rows: MipFormulation['rows'] = [];
  const candidate = new Map<number, CandidateColumns>();
  const roomVars: TimedVar[] = [];
  const leaderVars: TimedVar[] = [];
  for (let c = 0; c < model.candCount; c++) {
    const from = model.candEdgeStart[c];
    const to = model.candEdgeStart[c + 1];
    if (from === to) continue;
    const edgeCols: number[] = [];
    for (let k = from; k < to; k++) edgeCols.push(model.candEdges[k]);
    if (model.candExisting[c] >= 0) {
      rows.push({ cols: edgeCols, coefs: edgeCols.map(() => 1), lower: 0, upper: model.candCapacity[c] });
      continue;
    }
    const y = colCost.length;
    colCost.push(placedOnly ? 0 : 1);
    const activity = model.activities[model.candActivity[c]];
    const entry: CandidateColumns = { y, rooms: [], leaders: [], fixedLeaders: [] };
    candidate.set(c, entry);
    for (const e of edgeCols) rows.push({ cols: [e, y], coefs: [1, -1], lower: -Infinity, upper: 0 });
    rows.push({
      cols: [...edgeCols, y],
      coefs: [...edgeCols.map(() => 1), -activity.minSize],
      lower: 0,
      upper: Infinity,
    });
    const roomList = model.candRooms[c];
    const seatsOf = (r: number): number => Math.min(activity.maxSize, model.roomSeats[r]);
    if (roomList.length === 1) {
      rows.push({
        cols: [...edgeCols, y],
        coefs: [...edgeCols.map(() => 1), -seatsOf(roomList[0])],
        lower: -Infinity,
        upper: 0,
      });
      roomVars.push({
        start: model.candStart[c],
        end: model.candEnd[c],
        col: y,
        group: roomList[0] * model.calendar.days.length + model.candDay[c],
      });
    } else {
      for (const r of roomList) {
        const col = colCost.length;
        colCost.push(0);
        entry.rooms.push({ room: r, col });
        roomVars.push({
          start: model.candStart[c],
          end: model.candEnd[c],
          col,
          group: r * model.calendar.days.length + model.candDay[c],
        });
      }
      rows.push({
        cols: [...edgeCols, ...entry.rooms.map((w) => w.col)],
        coefs: [...edgeCols.map(() => 1), ...roomList.map((r) => -seatsOf(r))],
        lower: -Infinity,
        upper: 0,
      });
      rows.push({
        cols: [...entry.rooms.map((w) => w.col), y],
        coefs: [...entry.rooms.map(() => 1), -1],
        lower: 0,
        upper: 0,
      });
    }
    const leaders = eligibleLeaders(model, c);
    if (leaders.length === activity.leadersPerSession) {
      entry.fixedLeaders = [...leaders];
      for (const l of leaders)
        leaderVars.push({
          start: model.candStart[c],
          end: model.candEnd[c],
          col: y,
          group: l * model.calendar.days.length + model.candDay[c],
        });
    } else {
      for (const l of leaders) {
        const col = colCost.length;
        colCost.push(0);
        entry.leaders.push({ leader: l, col });
        leaderVars.push({
          start: model.candStart[c],
          end: model.candEnd[c],
          col,
          group: l * model.calendar.days.length + model.candDay[c],
        });
      }
      rows.push({
        cols: [...entry.leaders.map((z) => z.col), y],
        coefs: [...entry.leaders.map(() => 1), -activity.leadersPerSession],
        lower: 0,
        upper: 0,
      });
    }
  }
  for (let i = 0; i < n; i++) {
    const cols: number[] = [];
    for (let e = model.itemEdgeStart[i]; e < model.itemEdgeStart[i + 1]; e++) cols.push(e);
    if (cols.length > 1) rows.push({ cols, coefs: cols.map(() => 1), lower: -Infinity, upper: 1 });
  }
  for (const vars of [roomVars, leaderVars]) {
    for (const group of groupBy(vars, (v) => v.group).values()) {
      for (const clique of intervalCliques(group, false))
        rows.push({ cols: clique, coefs: clique.map(() => 1), lower: -Infinity, upper: 1 });
    }
  }
  for (const items of model.memberItems) {
    if (items.length < 2) continue;
    const vars: TimedVar[] = [];
    for (const i of items) {
      for (let e = model.itemEdgeStart[i]; e < model.itemEdgeStart[i + 1]; e++) {
        const c = model.edgeCand[e];
        vars.push({ start: model.candStart[c], end: model.candEnd[c], col: e, group: i });
      }
    }
    for (const clique of intervalCliques(vars, true))
      rows.push({ cols: clique, coefs: clique.map(() => 1), lower: -Infinity, upper: 1 });
  }
  return { numCols: colCost.length, colCost, rows, candidate, placeWeight };
}

/** The rows as HiGHS takes them: bounds and a CSR matrix with each row's columns in ascending order. */
export function rowsAsCsr(
  rows: readonly { cols: number[]; coefs: number[]; lower: number; upper: number }[],
  numCols: number,
) {
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    const order = row.cols.map((col, k) => ({ col, coef: row.coefs[k] })).sort((a, b) => a.col - b.col);
    for (const { col, coef } of order) {
      indices.push(col);
      values.push(coef);
    }
    starts.push(indices.length);
  }
  return {
    numRows: rows.length,
    rowLower: Float64Array.from(rows.map((r) => r.lower)),
    rowUpper: Float64Array.from(rows.map((r) => r.upper)),
    matrix: {
      format: 'csr' as const,
      numRows: rows.length,
      numCols,
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
  };
}

export function toModelData(f: MipFormulation, relaxed = false): Parameters<typeof solveMipModel>[0] {
  return {
    numCols: f.numCols,
    colCost: Float64Array.from(f.colCost),
    colLower: new Float64Array(f.numCols),
    colUpper: new Float64Array(f.numCols).fill(1),
    ...rowsAsCsr(f.rows, f.numCols),
    ...(relaxed ? {} : { integrality: new Int32Array(f.numCols).fill(1) }),
  } as Parameters<typeof solveMipModel>[0];
}

/** Column values describing a heuristic solution, to warm-start HiGHS. */
function startFromState(
  model: CompiledModel,
  f: MipFormulation,
  state: SolutionState,
): { indices: Int32Array; values: Float64Array } {
  const values = new Float64Array(f.numCols);
  for (let i = 0; i < model.items.length; i++) if (state.itemEdge[i] >= 0) values[state.itemEdge[i]] = 1;
  for (const [c, cols] of f.candidate) {
    if (state.candOpen[c] === 0) continue;
    values[cols.y] = 1;
    for (const w of cols.rooms) if (w.room === state.candRoom[c]) values[w.col] = 1;
    for (const z of cols.leaders) if ((state.candLeaders[c] ?? []).includes(z.leader)) values[z.col] = 1;
  }
  return { indices: Int32Array.from(values.keys()), values };
}

function stateFromColumns(model: CompiledModel, f: MipFormulation, colValue: Float64Array): SolutionState {
  const state = new SolutionState(model);
  for (const [c, cols] of f.candidate) {
    if (colValue[cols.y] < 0.5) continue;
    const room =
      cols.rooms.length === 0 ? model.candRooms[c][0] : (cols.rooms.find((w) => colValue[w.col] > 0.5)?.room ?? -1);
    const leaders =
      cols.leaders.length === 0
        ? cols.fixedLeaders
        : cols.leaders.filter((z) => colValue[z.col] > 0.5).map((z) => z.leader);
    state.openWith(c, room, leaders);
  }
  for (let e = 0; e < model.edgeCand.length; e++) {
    if (colValue[e] > 0.5) state.seat(model.edgeItem[e], e);
  }
  return state;
}

export interface ExactOptions extends SolveControl, ModelOptions {
  /** Start HiGHS from the heuristic's proposal. Default false (a cold solve, as the benchmark baseline). */
  warmStart?: boolean;
  /** Branch-and-bound nodes HiGHS may explore: a deterministic budget (the time limit is only a safety net). */
  maxNodes?: number;
}

export interface ExactResult {
  proposal: Proposal;
  mip: Omit<MipSolveResult, 'colValue'> & { columns: number; rows: number };
  /** Proven bound on items placed from HiGHS's dual bound (when it proved one). */
  placedBound: number;
  /** The state HiGHS returned, over `model`. */
  state: SolutionState;
  model: CompiledModel;
}

/** Solves a compiled model exactly, optionally from a starting solution of that model. */
export async function solveExactModel(
  model: CompiledModel,
  start: SolutionState | undefined,
  options: ExactOptions = {},
  startedAt = Date.now(),
): Promise<ExactResult> {
  const formulation = buildMipFormulation(model);
  const data = toModelData(formulation);
  const result = await solveMipModel(data, {
    mipRelGap: 0,
    mipAbsGap: 0.5,
    ...(options.timeLimitMs !== undefined ? { timeLimitSeconds: options.timeLimitMs / 1000 } : {}),
    ...(options.shouldStop !== undefined ? { shouldStop: options.shouldStop } : {}),
    ...(start !== undefined ? { start: startFromState(model, formulation, start) } : {}),
    ...(options.maxNodes !== undefined ? { highsOptions: { mip_max_nodes: options.maxNodes } } : {}),
  });
  const state = result.hasSolution ? stateFromColumns(model, formulation, result.colValue) : new SolutionState(model);
  const status: SolveStatus =
    result.status === 'optimal' ? 'complete' : result.status === 'interrupted' ? 'stopped' : 'time-limit';
  const proposal = buildProposal(model, state, { fullPruning: pruneFullReach(model), status, startedAt });
  const { colValue: _ignored, ...mip } = result;
  // objective >= dual bound and sessions <= placed, so placed * (placeWeight - 1) <= 0.25 - dualBound.
  const placedBound = Math.floor((0.25 - result.dualBound) / (formulation.placeWeight - 1) + 1e-9);
  return {
    proposal,
    mip: { ...mip, columns: formulation.numCols, rows: formulation.rows.length },
    placedBound,
    state,
    model,
  };
}

/**
 * Solves the same model as the heuristic exactly with HiGHS (tiers 1–2 proven optimal: the
 * absolute gap is below one session). Meant for instances up to a few hundred members, for tests
 * and as the benchmark's baseline.
 */
export async function solveExact(instance: OptimiserInstance, options: ExactOptions = {}): Promise<ExactResult> {
  const startedAt = Date.now();
  const compiled = compileModel(instance, options);
  const heuristic = options.warmStart === true ? runHeuristic(compiled, options) : undefined;
  return solveExactModel(heuristic?.model ?? compiled, heuristic?.state, options, startedAt);
}
