import { solveMipModel } from '../../shared/solver/highs.js';
import { type CompiledModel } from './compiled-model.js';
import { groupBy, intervalCliques, toModelData, type MipFormulation, type TimedVar } from './exact-mip.js';
import { coversInterval } from './intervals.js';

export interface LpBound {
  /** Valid upper bound on items placed: the LP relaxation's optimum, rounded down; undefined when not solved. */
  placed: number | undefined;
  /** The LP's optimum before rounding. */
  lpValue: number | undefined;
  ms: number;
}

/** Above this many item→session edges the LP is not solved and the minimum-size bound stands alone. */
export const LP_BOUND_MAX_EDGES = 1_500_000;

/** Members of `list` free throughout [at, at + 1 ms). */
function freeAt(
  free: readonly (readonly { start: number; end: number }[])[],
  list: readonly number[],
  at: number,
): number {
  let count = 0;
  for (const r of list) if (coversInterval(free[r], at, at + 1)) count++;
  return count;
}

/**
 * A compact relaxation of the exact model, for the bound only: x (item seated via edge, ≤ y of its
 * session), y (new session open, fractional), each session between its minimum and its largest
 * room's size, one session per item, members' overlapping sessions at most one. Rooms and leaders
 * are counted rather than assigned: at any moment the open sessions of an office need no more rooms
 * than it has free then, and the sessions drawing on one list of eligible leaders need no more
 * leaders than that list has free then. Every proposal satisfies all of these, so the LP optimum
 * bounds the items any proposal can place.
 */
export function buildBoundFormulation(model: CompiledModel): MipFormulation {
  const E = model.edgeCand.length;
  const colCost: number[] = new Array<number>(E).fill(-1);
  const rows: MipFormulation['rows'] = [];
  const yOf = new Int32Array(model.candCount).fill(-1);
  const roomVars: TimedVar[] = [];
  const leaderVars: (TimedVar & { weight: number; list: number })[] = [];
  const days = model.calendar.days.length;
  for (let c = 0; c < model.candCount; c++) {
    const from = model.candEdgeStart[c];
    const to = model.candEdgeStart[c + 1];
    if (from === to) continue;
    const edgeCols: number[] = [];
    for (let k = from; k < to; k++) edgeCols.push(model.candEdges[k]);
    if (model.candExisting[c] >= 0) {
      if (edgeCols.length > model.candCapacity[c])
        rows.push({ cols: edgeCols, coefs: edgeCols.map(() => 1), lower: 0, upper: model.candCapacity[c] });
      continue;
    }
    const y = colCost.length;
    colCost.push(0);
    yOf[c] = y;
    const activity = model.activities[model.candActivity[c]];
    for (const e of edgeCols) rows.push({ cols: [e, y], coefs: [1, -1], lower: -Infinity, upper: 0 });
    rows.push({
      cols: [...edgeCols, y],
      coefs: [...edgeCols.map(() => 1), -activity.minSize],
      lower: 0,
      upper: Infinity,
    });
    if (edgeCols.length > model.candCapacity[c])
      rows.push({
        cols: [...edgeCols, y],
        coefs: [...edgeCols.map(() => 1), -model.candCapacity[c]],
        lower: -Infinity,
        upper: 0,
      });
    const o = model.candOffice[c];
    roomVars.push({ start: model.candStart[c], end: model.candEnd[c], col: y, group: o * days + model.candDay[c] });
    const list = model.roleOfficeListId[activity.role * model.offices.length + o];
    leaderVars.push({
      start: model.candStart[c],
      end: model.candEnd[c],
      col: y,
      group: list * days + model.candDay[c],
      weight: activity.leadersPerSession,
      list: activity.role * model.offices.length + o,
    });
  }
  const colInfo = new Map<number, { start: number; weight: number; list: number }>();
  for (const v of leaderVars) colInfo.set(v.col, { start: v.start, weight: v.weight, list: v.list });
  for (const group of groupBy(roomVars, (v) => v.group).values()) {
    const office = Math.floor(group[0].group / days);
    for (const clique of intervalCliques(group, false)) {
      const at = Math.max(...clique.map((col) => (colInfo.get(col) as { start: number }).start));
      const rooms = freeAt(model.roomFree, model.officeRooms[office], at);
      if (clique.length > rooms)
        rows.push({ cols: clique, coefs: clique.map(() => 1), lower: -Infinity, upper: rooms });
    }
  }
  for (const group of groupBy(leaderVars, (v) => v.group).values()) {
    const leaders = model.roleOfficeLeaders[group[0].list];
    for (const clique of intervalCliques(group, false)) {
      const info = clique.map((col) => colInfo.get(col) as { start: number; weight: number });
      const at = Math.max(...info.map((v) => v.start));
      const free = freeAt(model.leaderFree, leaders, at);
      const demand = info.reduce((sum, v) => sum + v.weight, 0);
      if (demand > free) rows.push({ cols: clique, coefs: info.map((v) => v.weight), lower: -Infinity, upper: free });
    }
  }
  for (let i = 0; i < model.items.length; i++) {
    const cols: number[] = [];
    for (let e = model.itemEdgeStart[i]; e < model.itemEdgeStart[i + 1]; e++) cols.push(e);
    if (cols.length > 1) rows.push({ cols, coefs: cols.map(() => 1), lower: -Infinity, upper: 1 });
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
  return { numCols: colCost.length, colCost, rows, candidate: new Map(), placeWeight: 1 };
}

/**
 * The LP relaxation's bound on items placed (rounded down). Only a bound for the model's own edges:
 * pass the uncapped model when claiming a bound for the stated problem.
 */
export async function lpPlacedBound(model: CompiledModel, timeLimitMs = 60_000): Promise<LpBound> {
  const started = Date.now();
  if (model.edgeCand.length === 0) return { placed: 0, lpValue: 0, ms: 0 };
  if (model.edgeCand.length > LP_BOUND_MAX_EDGES) return { placed: undefined, lpValue: undefined, ms: 0 };
  const formulation = buildBoundFormulation(model);
  const result = await solveMipModel(toModelData(formulation, true), {
    timeLimitSeconds: timeLimitMs / 1000,
    // An iteration budget keeps the bound the same on every run; the time limit is only a safety net.
    highsOptions: { solver: 'simplex', simplex_iteration_limit: Math.max(200_000, 40 * formulation.rows.length) },
  });
  if (result.status !== 'optimal' || !result.hasSolution)
    return { placed: undefined, lpValue: undefined, ms: Date.now() - started };
  const lpValue = -result.objective;
  return { placed: Math.floor(lpValue + 1e-6), lpValue, ms: Date.now() - started };
}
