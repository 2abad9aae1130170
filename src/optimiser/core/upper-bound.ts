import { forEachFeasibleCandidate, forEachFeasibleExisting, type CompiledModel } from './compiled-model.js';

/** Lists the candidates item `i` can use, calling `visit(cand)` for each; stops when `visit` returns true. */
type CandidateEnumerator = (i: number, visit: (cand: number) => boolean | void) => void;

export interface MinimumSizePruning {
  /** 1 when the item survives: it has a session that could still reach its minimum size. */
  alive: Uint8Array;
  aliveCount: number;
  /** Items that had sessions to attend but none of them can gather a minimum-size group. */
  tooFewNearby: Uint8Array;
}

/**
 * A relaxation that keeps minimum sizes but drops capacities, leader/room conflicts and member
 * clashes between items: a new session can only form if at least `min` surviving items could
 * attend it, and an item survives only if it can attend an existing session with seats or a
 * surviving new session. Iterated to a fixpoint, the survivors are a valid upper bound on the
 * number of items any feasible proposal places.
 */
function pruneByMinimumSize(model: CompiledModel, enumerate: CandidateEnumerator): MinimumSizePruning {
  const n = model.items.length;
  const alive = new Uint8Array(n);
  const tooFewNearby = new Uint8Array(n);
  const potential = new Int32Array(model.candCount);
  const { candExisting, candMin } = model;
  for (let i = 0; i < n; i++) {
    let any = false;
    enumerate(i, (c) => {
      any = true;
      potential[c]++;
    });
    if (any) alive[i] = 1;
  }
  // Per item, the viable candidate its last check stopped at: while that one stays viable the item
  // does, so the next round needs no enumeration for it (a round's dying items are the same).
  const witness = new Int32Array(n).fill(-1);
  for (let changed = true; changed;) {
    changed = false;
    const dying: number[] = [];
    for (let i = 0; i < n; i++) {
      if (alive[i] === 0) continue;
      const w = witness[i];
      if (w >= 0 && (candExisting[w] >= 0 || potential[w] >= candMin[w])) continue;
      let viable = false;
      enumerate(i, (c) => {
        if (candExisting[c] >= 0 || potential[c] >= candMin[c]) {
          viable = true;
          witness[i] = c;
        }
        return viable;
      });
      if (!viable) dying.push(i);
    }
    for (const i of dying) {
      alive[i] = 0;
      tooFewNearby[i] = 1;
      enumerate(i, (c) => {
        potential[c]--;
      });
      changed = true;
    }
  }
  let aliveCount = 0;
  for (let i = 0; i < n; i++) aliveCount += alive[i];
  return { alive, aliveCount, tooFewNearby };
}

/** Pruning over the compiled model's own edges (what the heuristic and MIP can use). */
export function pruneModelItems(model: CompiledModel): MinimumSizePruning {
  return pruneByMinimumSize(model, (i, visit) => {
    for (let e = model.itemEdgeStart[i]; e < model.itemEdgeStart[i + 1]; e++)
      if (visit(model.edgeCand[e]) === true) return;
  });
}

/** Pruning over every reachable office, ignoring `maxOfficesPerItem`: a bound for the real problem. */
export function pruneFullReach(model: CompiledModel): MinimumSizePruning {
  return pruneByMinimumSize(model, (i, visit) => {
    let stopped = false;
    forEachFeasibleExisting(model, i, (c) => (stopped = visit(c) === true));
    if (!stopped) forEachFeasibleCandidate(model, i, Number.POSITIVE_INFINITY, (c) => visit(c));
  });
}
