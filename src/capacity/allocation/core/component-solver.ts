import { loadHighs } from '../../../shared/solver/highs.js';
import type { AllocationNetwork, WeekArcs } from './allocation-network.js';

/** Offices per staff group in the first restricted programme; pricing adds whatever else pays. */
const INITIAL_OFFICES_PER_GROUP = 10;
const MAX_PRICING_ROUNDS = 100;

export interface ComponentOutcome {
  /** 'no-solution': the time limit struck before any feasible point; the caller falls back to greedy. */
  status: 'optimal' | 'time-limit' | 'no-solution' | 'error';
  columns: number;
  rows: number;
  runs: number;
  message?: string;
}

/**
 * Solves one component (one week, one connected set of staff groups and demand nodes) and writes
 * its arc flows into `flows`.
 *
 * The programme is a transportation problem. Columns: x[a] = hours group g works for demand node n
 * along arc a = (g, n), and a slack u[n] = uncovered hours of n. Rows: Σ x[g, ·] <= hours of g;
 * Σ x[·, n] + u[n] = demand of n.
 *
 * Tiers 1 and 2 share one objective, W·Σu + Σ cost[a]·x[a], with W = min(groups, nodes) ·
 * max cost + 1. Why that W keeps tier 1 first: if a solution x leaves more uncovered than the
 * optimum, x is not a maximum flow, so its residual network has an augmenting path
 * source → g1 → n1 ⇢ g2 → n2 ⇢ … → gk → nk → sink, where the dashed steps take hours back from
 * an arc (saving its cost) and the k forward steps are distinct arcs of distinct groups and nodes,
 * so k <= min(groups, nodes). Pushing δ hours along it lowers Σu by δ and raises travel cost by at
 * most δ · k · max cost < δ · W, so the weighted objective strictly falls: x was not optimal.
 * Hence every weighted optimum covers the most hours, and among those minimises travel cost.
 * The bound needs no assumption about hour granularity and keeps W near 10^4–10^5, well inside
 * double-precision simplex tolerances. (Solving tier 1 alone first is the alternative; measured,
 * that pure-slack objective is so degenerate that it was ten times slower.)
 *
 * Tier 3 (hours away from home) is then minimised over the optimal face of that programme, which
 * complementary slackness describes exactly: columns with non-zero reduced cost stay at their
 * value and rows with non-zero duals stay tight. Safe weights for tier 3 would need a grid on the
 * travel costs and a ratio beyond 10^9. The face solve hot-starts from the optimal basis and is
 * accepted only if it does not worsen the weighted objective beyond solver tolerance.
 *
 * At nationwide scale a component has ~100,000 arcs, most of them to offices nobody would travel
 * to. Column generation keeps the programme small without giving up optimality: start with each
 * group's nearest offices, then repeatedly add every arc whose reduced cost (cost − dual of its
 * group row − dual of its node row) is negative, until none is: the restricted optimum is then
 * optimal for the full programme.
 */
export async function solveComponent(
  network: AllocationNetwork,
  weekArcs: WeekArcs,
  arcs: readonly number[],
  flows: Float64Array,
  timeLimitSeconds: number,
): Promise<ComponentOutcome> {
  const highs = await loadHighs();
  const codes = highs.constants.modelStatus;
  const week = weekArcs.week;

  const groupRow = new Map<number, number>();
  for (const k of arcs) if (!groupRow.has(weekArcs.arcGroup[k])) groupRow.set(weekArcs.arcGroup[k], groupRow.size);
  const nodeRow = new Map<number, number>();
  for (const k of arcs)
    if (!nodeRow.has(weekArcs.arcNode[k])) nodeRow.set(weekArcs.arcNode[k], groupRow.size + nodeRow.size);
  const nodeCount = nodeRow.size;
  const numRows = groupRow.size + nodeCount;

  const arcCount = arcs.length;
  const rowG = new Int32Array(arcCount);
  const rowN = new Int32Array(arcCount);
  const cost = new Float64Array(arcCount);
  const upper = new Float64Array(arcCount);
  let maxCost = 0;
  for (let i = 0; i < arcCount; i++) {
    const k = arcs[i];
    const g = weekArcs.arcGroup[k];
    const n = weekArcs.arcNode[k];
    rowG[i] = groupRow.get(g) as number;
    rowN[i] = nodeRow.get(n) as number;
    cost[i] = weekArcs.arcCost[k];
    upper[i] = Math.min(network.groups[g].hours[week], network.nodes[n].hours);
    maxCost = Math.max(maxCost, cost[i]);
  }
  const coverageWeight = Math.min(groupRow.size, nodeCount) * maxCost + 1;
  const tolerance = 1e-7 * (1 + coverageWeight);

  // Columns 0 .. nodeCount-1 are the slacks; arcs follow in the order they enter the programme.
  const columnArc: number[] = [];
  const inModel = new Uint8Array(arcCount);
  const initial: number[] = [];
  let lastGroup = -1;
  let lastOffice = -1;
  let officesSeen = 0;
  for (let i = 0; i < arcCount; i++) {
    const k = arcs[i];
    const g = weekArcs.arcGroup[k];
    const office = network.nodes[weekArcs.arcNode[k]].office;
    if (g !== lastGroup) {
      lastGroup = g;
      lastOffice = -1;
      officesSeen = 0;
    }
    if (office !== lastOffice) {
      lastOffice = office;
      officesSeen++;
    }
    if (officesSeen <= INITIAL_OFFICES_PER_GROUP) initial.push(i);
  }

  const slackUpper = new Float64Array(nodeCount);
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  for (const [g, row] of groupRow) {
    rowLower[row] = -highs.infinity;
    rowUpper[row] = network.groups[g].hours[week];
  }
  for (const [n, row] of nodeRow) {
    rowLower[row] = rowUpper[row] = slackUpper[row - groupRow.size] = network.nodes[n].hours;
  }

  const arcColumns = (batch: readonly number[]) => {
    const starts = new Int32Array(batch.length + 1);
    const indices = new Int32Array(2 * batch.length);
    batch.forEach((i, j) => {
      starts[j + 1] = 2 * (j + 1);
      indices[2 * j] = rowG[i];
      indices[2 * j + 1] = rowN[i];
      inModel[i] = 1;
      columnArc.push(i);
    });
    return {
      cost: Float64Array.from(batch, (i) => cost[i]),
      lower: new Float64Array(batch.length),
      upper: Float64Array.from(batch, (i) => upper[i]),
      matrix: {
        format: 'csc' as const,
        numRows,
        numCols: batch.length,
        starts,
        indices,
        values: new Float64Array(2 * batch.length).fill(1),
      },
    };
  };

  return highs.withModel((model): ComponentOutcome => {
    model.options.set({ output_flag: false, time_limit: Math.max(0.001, timeLimitSeconds) });
    model.passModel({
      numCols: nodeCount,
      numRows,
      colCost: new Float64Array(nodeCount).fill(coverageWeight),
      colLower: new Float64Array(nodeCount),
      colUpper: slackUpper,
      rowLower,
      rowUpper,
      matrix: {
        format: 'csc',
        numRows,
        numCols: nodeCount,
        starts: Int32Array.from({ length: nodeCount + 1 }, (_, j) => j),
        indices: Int32Array.from({ length: nodeCount }, (_, j) => groupRow.size + j),
        values: new Float64Array(nodeCount).fill(1),
      },
    });
    if (initial.length > 0) model.addCols(arcColumns(initial));

    let runs = 0;
    const outcome = (status: ComponentOutcome['status'], message?: string): ComponentOutcome => ({
      status,
      columns: nodeCount + columnArc.length,
      rows: numRows,
      runs,
      ...(message ? { message } : {}),
    });
    const writeFlows = (x: Float64Array): void => {
      columnArc.forEach((i, j) => (flows[arcs[i]] = Math.max(0, x[nodeCount + j])));
    };
    const weighted = (x: Float64Array): number => {
      let sum = 0;
      for (let j = 0; j < nodeCount; j++) sum += coverageWeight * x[j];
      columnArc.forEach((i, j) => (sum += cost[i] * x[nodeCount + j]));
      return sum;
    };
    const reducedCost = (i: number, y: Float64Array): number => cost[i] - y[rowG[i]] - y[rowN[i]];
    const hasPrimal = (): boolean =>
      Number(model.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;

    for (let round = 0; ; round++) {
      const { modelStatus } = model.run();
      runs++;
      if (modelStatus === codes.timeLimit || modelStatus === codes.iterationLimit) {
        if (!hasPrimal()) return outcome('no-solution');
        writeFlows(model.getSolution().colValue);
        return outcome('time-limit');
      }
      if (modelStatus !== codes.optimal) return outcome('error', `HiGHS stopped with model status ${modelStatus}`);
      const { rowDual } = model.getSolution();
      const entering: number[] = [];
      for (let i = 0; i < arcCount; i++) if (!inModel[i] && reducedCost(i, rowDual) < -tolerance) entering.push(i);
      if (entering.length === 0) break;
      if (round === MAX_PRICING_ROUNDS) return outcome('error', 'column generation did not converge');
      model.addCols(arcColumns(entering));
    }

    const solution = model.getSolution();
    writeFlows(solution.colValue);
    const awayHours = columnArc.reduce(
      (sum, i, j) => sum + weekArcs.arcAway[arcs[i]] * solution.colValue[nodeCount + j],
      0,
    );
    if (awayHours <= 1e-9) return outcome('optimal');

    const y = solution.rowDual;
    const tied: number[] = [];
    for (let i = 0; i < arcCount; i++) if (!inModel[i] && Math.abs(reducedCost(i, y)) <= tolerance) tied.push(i);
    if (tied.length > 0) model.addCols(arcColumns(tied));
    const numCols = nodeCount + columnArc.length;
    const x = new Float64Array(numCols);
    x.set(solution.colValue);
    const lower = new Float64Array(numCols);
    const upperNow = new Float64Array(numCols);
    const faceCost = new Float64Array(numCols);
    for (let j = 0; j < numCols; j++) {
      const i = j < nodeCount ? -1 : columnArc[j - nodeCount];
      const rc = i < 0 ? coverageWeight - y[groupRow.size + j] : reducedCost(i, y);
      const bound = i < 0 ? slackUpper[j] : upper[i];
      if (Math.abs(rc) > tolerance) lower[j] = upperNow[j] = x[j];
      else upperNow[j] = bound;
      if (i >= 0) faceCost[j] = weekArcs.arcAway[arcs[i]];
    }
    model.changeColsBounds({ kind: 'range', from: 0, to: numCols - 1 }, lower, upperNow);
    const tightLower = Float64Array.from(rowLower);
    for (const row of groupRow.values()) if (Math.abs(y[row]) > tolerance) tightLower[row] = solution.rowValue[row];
    model.changeRowsBounds({ kind: 'range', from: 0, to: numRows - 1 }, tightLower, rowUpper);
    model.changeColsCost({ kind: 'range', from: 0, to: numCols - 1 }, faceCost);
    const { modelStatus } = model.run();
    runs++;
    if (modelStatus === codes.timeLimit) return outcome('time-limit');
    if (modelStatus !== codes.optimal)
      return outcome('optimal', `hours away from home not minimised: HiGHS status ${modelStatus}`);
    const face = model.getSolution().colValue;
    const before = weighted(x);
    if (weighted(face) > before + 1e-9 * Math.abs(before) + 1e-6) {
      return outcome('optimal', 'hours away from home not minimised: the tie-break would have cost coverage or travel');
    }
    writeFlows(face);
    return outcome('optimal');
  });
}
