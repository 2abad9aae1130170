import { buildAllocationNetwork, type AllocationNetwork, type WeekArcs } from './allocation-network.js';
import { buildAllocationResult, emptyTotals } from './allocation-result.js';
import { solveComponent } from './component-solver.js';
import {
  ALLOCATION_DEFAULTS,
  type AllocationInput,
  type AllocationOptions,
  type AllocationResult,
  type AllocationStats,
  type AllocationStatus,
} from './allocation.types.js';
import { greedyWeekFlows } from './greedy-allocation.js';
import { validateAllocationInput } from './validate-allocation-input.js';

function emptyStats(): AllocationStats {
  return { components: 0, variables: 0, rows: 0, lpRuns: 0, greedyFallbacks: 0 };
}

function resultWithoutAllocation(
  status: AllocationStatus,
  startedAt: number,
  messages: string[],
  demandHours = 0,
): AllocationResult {
  return {
    status,
    assignments: [],
    uncovered: [],
    totals: { ...emptyTotals(), demandHours },
    stats: emptyStats(),
    solveMs: Math.round((performance.now() - startedAt) * 10) / 10,
    messages,
  };
}

/**
 * Weeks never share hours, and a group and a demand node interact only through an arc, so the
 * week's arcs split into connected components that are solved as separate, smaller programmes.
 */
function weekComponents(network: AllocationNetwork, weekArcs: WeekArcs): number[][] {
  const groupCount = network.groups.length;
  const localNode = new Map<number, number>();
  weekArcs.nodes.forEach((n, i) => localNode.set(n, groupCount + i));
  const parent = Int32Array.from({ length: groupCount + weekArcs.nodes.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const arcCount = weekArcs.arcGroup.length;
  for (let k = 0; k < arcCount; k++) {
    const a = find(weekArcs.arcGroup[k]);
    const b = find(localNode.get(weekArcs.arcNode[k]) as number);
    if (a !== b) parent[a] = b;
  }
  const byRoot = new Map<number, number[]>();
  for (let k = 0; k < arcCount; k++) {
    const root = find(weekArcs.arcGroup[k]);
    const list = byRoot.get(root);
    if (list) list.push(k);
    else byRoot.set(root, [k]);
  }
  return [...byRoot.values()];
}

/**
 * Assigns staff hours to offices, weeks and activities so that, in this order, the fewest demand
 * hours stay uncovered, travel cost (km plus a penalty per cross-office visit) is least, and staff
 * with a home office spend the fewest hours away from it.
 *
 * Each week splits into independent components, each solved by `solveComponent` (which explains
 * how the tier order is kept). When the time limit runs out, the remaining components get the
 * greedy allocation, so the result is always feasible and says so in its status.
 *
 * The programme is a transportation problem (totally unimodular), so with whole-hour inputs the
 * optimal flows are whole hours too, and an integer brute force finds the same tiers.
 */
export async function allocateStaff(
  input: AllocationInput,
  options: AllocationOptions = {},
): Promise<AllocationResult> {
  const startedAt = performance.now();
  const problems = validateAllocationInput(input);
  if (problems.length > 0) return resultWithoutAllocation('error', startedAt, problems);

  const network = buildAllocationNetwork(input);
  if (network.nodes.length === 0) return resultWithoutAllocation('empty', startedAt, []);

  const deadline = startedAt + (options.timeLimitSeconds ?? ALLOCATION_DEFAULTS.timeLimitSeconds) * 1000;
  const stats = emptyStats();
  const messages: string[] = [];
  let status: AllocationStatus = 'optimal';
  const flowsByWeek: Float64Array[] = [];

  for (const weekArcs of network.byWeek) {
    const flows = new Float64Array(weekArcs.arcGroup.length);
    flowsByWeek.push(flows);
    for (const arcs of weekComponents(network, weekArcs)) {
      stats.components++;
      const remainingSeconds = (deadline - performance.now()) / 1000;
      if (remainingSeconds <= 0) {
        greedyWeekFlows(network, weekArcs, flows, arcs);
        stats.greedyFallbacks++;
        status = 'time-limit';
        continue;
      }
      const outcome = await solveComponent(network, weekArcs, arcs, flows, remainingSeconds);
      stats.variables += outcome.columns;
      stats.rows += outcome.rows;
      stats.lpRuns += outcome.runs;
      if (outcome.message) messages.push(outcome.message);
      if (outcome.status === 'error') return resultWithoutAllocation('error', startedAt, messages);
      if (outcome.status === 'no-solution') {
        greedyWeekFlows(network, weekArcs, flows, arcs);
        stats.greedyFallbacks++;
      }
      if (outcome.status !== 'optimal') status = 'time-limit';
    }
  }
  if (status === 'time-limit') {
    messages.push(
      stats.greedyFallbacks > 0
        ? `time limit reached: ${stats.greedyFallbacks} of ${stats.components} components fell back to the greedy allocation`
        : 'time limit reached: some components are not optimal in every tier',
    );
  }
  return buildAllocationResult(network, flowsByWeek, { status, stats, startedAt, messages });
}

/** The baseline: greedy "home office first, then nearest", measured the same way as the optimiser. */
export function allocateGreedy(input: AllocationInput): AllocationResult {
  const startedAt = performance.now();
  const problems = validateAllocationInput(input);
  if (problems.length > 0) return resultWithoutAllocation('error', startedAt, problems);
  const network = buildAllocationNetwork(input);
  if (network.nodes.length === 0) return resultWithoutAllocation('empty', startedAt, []);
  const flowsByWeek = network.byWeek.map((weekArcs) => {
    const flows = new Float64Array(weekArcs.arcGroup.length);
    greedyWeekFlows(network, weekArcs, flows);
    return flows;
  });
  return buildAllocationResult(network, flowsByWeek, {
    status: 'heuristic',
    stats: emptyStats(),
    startedAt,
    messages: [],
  });
}
