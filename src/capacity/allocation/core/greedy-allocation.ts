import type { AllocationNetwork, WeekArcs } from './allocation-network.js';

/**
 * "Home office first, then nearest": every demand node first takes hours from staff whose own
 * office it is, then, in a second pass, from the nearest qualified staff with hours left. Nodes
 * needing a skill go first in each pass, since their staff are scarcer. Writes into `flows`
 * (indexed like the week's arcs) and only uses arcs in `arcSubset` when given.
 */
export function greedyWeekFlows(
  network: AllocationNetwork,
  weekArcs: WeekArcs,
  flows: Float64Array,
  arcSubset?: readonly number[],
): void {
  const arcs = arcSubset ?? Array.from({ length: weekArcs.arcGroup.length }, (_, k) => k);
  const week = weekArcs.week;
  const groupLeft = new Map<number, number>();
  const nodeLeft = new Map<number, number>();
  const incoming = new Map<number, number[]>();
  for (const k of arcs) {
    const g = weekArcs.arcGroup[k];
    const n = weekArcs.arcNode[k];
    groupLeft.set(g, network.groups[g].hours[week]);
    nodeLeft.set(n, network.nodes[n].hours);
    const list = incoming.get(n);
    if (list) list.push(k);
    else incoming.set(n, [k]);
  }
  const order = [...incoming.keys()].sort((a, b) => {
    const skillA = network.classes[network.nodes[a].cls].skill === null ? 1 : 0;
    const skillB = network.classes[network.nodes[b].cls].skill === null ? 1 : 0;
    return skillA - skillB || a - b;
  });
  const take = (n: number, k: number): void => {
    const g = weekArcs.arcGroup[k];
    const amount = Math.min(nodeLeft.get(n) as number, groupLeft.get(g) as number);
    if (amount <= 0) return;
    flows[k] += amount;
    nodeLeft.set(n, (nodeLeft.get(n) as number) - amount);
    groupLeft.set(g, (groupLeft.get(g) as number) - amount);
  };
  for (const n of order) {
    for (const k of incoming.get(n) as number[]) if (weekArcs.arcOwn[k]) take(n, k);
  }
  for (const n of order) {
    const candidates = (incoming.get(n) as number[]).filter((k) => !weekArcs.arcOwn[k]);
    candidates.sort(
      (a, b) => weekArcs.arcKm[a] - weekArcs.arcKm[b] || weekArcs.arcCost[a] - weekArcs.arcCost[b] || a - b,
    );
    for (const k of candidates) take(n, k);
  }
}
