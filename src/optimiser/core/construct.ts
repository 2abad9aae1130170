import { edgeCost, type CompiledModel } from './compiled-model.js';
import { type SolutionState } from './solution-state.js';

/** Max-heap of non-negative numbers. */
class NumberHeap {
  private data: number[] = [];

  get size(): number {
    return this.data.length;
  }

  push(value: number): void {
    const data = this.data;
    data.push(value);
    let k = data.length - 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (data[parent] >= value) break;
      data[k] = data[parent];
      k = parent;
    }
    data[k] = value;
  }

  pop(): number {
    const data = this.data;
    const top = data[0];
    const last = data.pop() as number;
    if (data.length > 0) {
      let k = 0;
      for (;;) {
        const left = 2 * k + 1;
        if (left >= data.length) break;
        const right = left + 1;
        const child = right < data.length && data[right] > data[left] ? right : left;
        if (data[child] <= last) break;
        data[k] = data[child];
        k = child;
      }
      data[k] = last;
    }
    return top;
  }
}

export function itemDegree(model: CompiledModel, i: number): number {
  return model.itemEdgeStart[i + 1] - model.itemEdgeStart[i];
}

/** Items ordered most constrained first (fewest options), then by index for determinism. */
export function byFewestOptions(model: CompiledModel, items: number[]): number[] {
  return items.sort((a, b) => itemDegree(model, a) - itemDegree(model, b) || a - b);
}

/** Seats item `i` in the cheapest open session with a free seat, never in `excluded`. */
export function seatInOpenSession(state: SolutionState, i: number, excluded = -1): boolean {
  const model = state.model;
  for (let e = model.itemEdgeStart[i]; e < model.itemEdgeStart[i + 1]; e++) {
    if (model.edgeCand[e] !== excluded && state.canSeat(i, e)) {
      state.seat(i, e);
      return true;
    }
  }
  for (let e = model.itemEdgeStart[i]; e < model.itemEdgeStart[i + 1]; e++) {
    const c = model.edgeCand[e];
    if (c === excluded || state.candOpen[c] === 0 || state.memberClash(i, c)) continue;
    if (state.candSize[c] >= state.capacity(c) && state.enlargeRoom(c)) {
      state.seat(i, e);
      return true;
    }
  }
  return false;
}

/**
 * Moves one member of a full open session to another open session with room, then seats `i`
 * in the freed seat: a depth-one ejection chain.
 */
export function seatByEjection(state: SolutionState, i: number, excluded = -1): boolean {
  const model = state.model;
  for (let e = model.itemEdgeStart[i]; e < model.itemEdgeStart[i + 1]; e++) {
    const c = model.edgeCand[e];
    if (c === excluded || state.candOpen[c] === 0 || state.memberClash(i, c)) continue;
    const members = state.candMembers[c];
    if (members === undefined) continue;
    for (const j of [...members]) {
      for (let f = model.itemEdgeStart[j]; f < model.itemEdgeStart[j + 1]; f++) {
        const target = model.edgeCand[f];
        if (target === c || target === excluded || state.candOpen[target] === 0) continue;
        if (state.candSize[target] >= state.capacity(target) || state.memberClash(j, target)) continue;
        const back = state.itemEdge[j];
        state.unseat(j);
        state.seat(j, f);
        if (!state.memberClash(i, c)) {
          state.seat(i, e);
          return true;
        }
        state.unseat(j);
        state.seat(j, back);
      }
    }
  }
  return false;
}

/** The edge of item `i` to candidate `c`, or -1. */
export function edgeTo(model: CompiledModel, i: number, c: number): number {
  for (let e = model.itemEdgeStart[i]; e < model.itemEdgeStart[i + 1]; e++) {
    if (model.edgeCand[e] === c) return e;
  }
  return -1;
}

/**
 * The unplaced, surviving items of a pool grouped by candidate, so that gathering a candidate's
 * pool members reads only them instead of every edge of the candidate. A pool covering a large
 * share of the model (the first construction) marks its items and scans the candidate's edges
 * instead, which needs no per-edge memory. Either way a candidate yields the same set of items.
 */
class PoolIndex {
  /** Candidates with an edge from the pool, in first-seen order. */
  readonly touched: number[] = [];
  private readonly marks: Uint8Array | undefined;
  private readonly head: Int32Array | undefined;
  private readonly next: Int32Array | undefined;
  private readonly entryItem: Int32Array | undefined;
  /** Per candidate, the length of its list. */
  private readonly size: Int32Array | undefined;

  constructor(
    private readonly state: SolutionState,
    pool: readonly number[],
    alive: Uint8Array,
  ) {
    const model = state.model;
    const members: number[] = [];
    const seen = poolScratch(model).seen;
    let degrees = 0;
    for (const i of pool) {
      if (alive[i] === 0 || state.itemCand[i] >= 0 || seen[i] === 1) continue;
      seen[i] = 1;
      members.push(i);
      degrees += itemDegree(model, i);
    }
    if (degrees * 4 > model.edgeCand.length) {
      this.marks = new Uint8Array(model.items.length);
      const touched = new Uint8Array(model.candCount);
      for (const i of members) {
        seen[i] = 0;
        this.marks[i] = 1;
        for (let e = model.itemEdgeStart[i]; e < model.itemEdgeStart[i + 1]; e++) {
          const c = model.edgeCand[e];
          if (touched[c] === 0) {
            touched[c] = 1;
            this.touched.push(c);
          }
        }
      }
      return;
    }
    const scratch = poolScratch(model);
    // The lists live in the model's scratch arrays (grown when a pool needs more) unless another index holds them.
    const shared = !scratch.busy;
    const head = shared ? scratch.head : new Int32Array(model.candCount).fill(-1);
    if (shared && scratch.next.length < degrees) {
      scratch.next = new Int32Array(Math.max(degrees, 2 * scratch.next.length));
      scratch.entryItem = new Int32Array(scratch.next.length);
    }
    scratch.busy = true;
    this.head = head;
    this.next = shared ? scratch.next : new Int32Array(degrees);
    this.entryItem = shared ? scratch.entryItem : new Int32Array(degrees);
    const size = shared ? scratch.size : new Int32Array(model.candCount);
    this.size = size;
    let n = 0;
    for (const i of members) {
      seen[i] = 0;
      for (let e = model.itemEdgeStart[i]; e < model.itemEdgeStart[i + 1]; e++) {
        const c = model.edgeCand[e];
        if (head[c] < 0) this.touched.push(c);
        this.entryItem[n] = i;
        this.next[n] = head[c];
        head[c] = n++;
        size[c]++;
      }
    }
  }

  /** Pushes onto `out` the pool's items with an edge to `c` that are still unplaced and free at its time. */
  gather(c: number, out: number[]): void {
    const state = this.state;
    out.length = 0;
    if (this.marks !== undefined) {
      const model = state.model;
      for (let k = model.candEdgeStart[c]; k < model.candEdgeStart[c + 1]; k++) {
        const i = model.edgeItem[model.candEdges[k]];
        if (this.marks[i] === 1 && state.itemCand[i] < 0 && !state.memberClash(i, c)) out.push(i);
      }
      return;
    }
    const next = this.next as Int32Array;
    const entryItem = this.entryItem as Int32Array;
    for (let n = (this.head as Int32Array)[c]; n >= 0; n = next[n]) {
      const i = entryItem[n];
      if (state.itemCand[i] < 0 && !state.memberClash(i, c)) out.push(i);
    }
  }

  /** Pool edges to `c` (unplaced or not). */
  count(c: number): number {
    if (this.marks !== undefined) {
      const model = this.state.model;
      let count = 0;
      for (let k = model.candEdgeStart[c]; k < model.candEdgeStart[c + 1]; k++)
        count += this.marks[model.edgeItem[model.candEdges[k]]];
      return count;
    }
    return (this.size as Int32Array)[c];
  }

  /** Gives the shared per-candidate heads back (every list emptied). */
  release(): void {
    if (this.head === undefined) return;
    const size = this.size as Int32Array;
    for (const c of this.touched) {
      this.head[c] = -1;
      size[c] = 0;
    }
    const scratch = poolScratch(this.state.model);
    if (scratch.head === this.head) scratch.busy = false;
  }
}

interface PoolScratch {
  head: Int32Array;
  next: Int32Array;
  entryItem: Int32Array;
  size: Int32Array;
  busy: boolean;
  seen: Uint8Array;
}
const poolScratches = new WeakMap<CompiledModel, PoolScratch>();

function poolScratch(model: CompiledModel): PoolScratch {
  let scratch = poolScratches.get(model);
  if (scratch === undefined) {
    scratch = {
      head: new Int32Array(model.candCount).fill(-1),
      next: new Int32Array(1024),
      entryItem: new Int32Array(1024),
      size: new Int32Array(model.candCount),
      busy: false,
      seen: new Uint8Array(model.items.length),
    };
    poolScratches.set(model, scratch);
  }
  return scratch;
}

/**
 * Greedy construction: repeatedly opens the new session that can seat the most of the
 * still-unplaced `pool` (at least its minimum size), filling it with the least flexible members.
 * Heap keys are upper bounds that only shrink, so stale entries are re-checked when popped.
 */
export function openSessionsGreedily(
  state: SolutionState,
  pool: readonly number[],
  alive: Uint8Array,
  shouldStop: () => boolean,
): void {
  const model = state.model;
  const C = model.candCount;
  const index = new PoolIndex(state, pool, alive);
  try {
    const heap = new NumberHeap();
    const keyOf = (gain: number, c: number): number => gain * C + (C - 1 - c);
    for (const c of index.touched) {
      if (state.candOpen[c] === 1) continue;
      const gain = Math.min(index.count(c), model.candCapacity[c]);
      if (gain >= model.candMin[c]) heap.push(keyOf(gain, c));
    }
    const members: number[] = [];
    let steps = 0;
    while (heap.size > 0) {
      if ((++steps & 255) === 0 && shouldStop()) return;
      const key = heap.pop();
      const gainKey = Math.floor(key / C);
      const c = C - 1 - (key - gainKey * C);
      if (state.candOpen[c] === 1) continue;
      index.gather(c, members);
      const gain = Math.min(members.length, model.candCapacity[c]);
      if (gain < model.candMin[c]) continue;
      if (gain < gainKey) {
        heap.push(keyOf(gain, c));
        continue;
      }
      if (!state.open(c, gain)) continue;
      seatGroup(state, c, members);
    }
  } finally {
    index.release();
  }
}

/**
 * Placement-first construction: repeatedly opens the candidate whose least flexible `min`
 * members are the least flexible of all (sum of their option counts), seating exactly those.
 * Leftovers then fill open sessions. This protects members with few options, which the
 * largest-group-first greedy can strand.
 */
export function openMinimumGroupsFirst(
  state: SolutionState,
  pool: readonly number[],
  alive: Uint8Array,
  shouldStop: () => boolean,
): void {
  const model = state.model;
  const C = model.candCount;
  const index = new PoolIndex(state, pool, alive);
  const members: number[] = [];
  const smallest: number[] = [];
  // The score is the sum of the `min` smallest option counts; only an opened group needs its members sorted.
  const gather = (c: number): number => {
    index.gather(c, members);
    const min = model.candMin[c];
    if (members.length < min) return -1;
    smallest.length = 0;
    for (const i of members) {
      const degree = itemDegree(model, i);
      if (smallest.length === min && degree >= smallest[min - 1]) continue;
      let at = smallest.length < min ? smallest.length : min - 1;
      while (at > 0 && smallest[at - 1] > degree) {
        smallest[at] = smallest[at - 1];
        at--;
      }
      smallest[at] = degree;
    }
    let score = 0;
    for (let k = 0; k < min; k++) score += smallest[k];
    return score;
  };
  const LIMIT = 1 << 20;
  const keyOf = (score: number, c: number): number => (LIMIT - Math.min(score, LIMIT - 1)) * C + (C - 1 - c);
  try {
    const heap = new NumberHeap();
    for (const c of index.touched) {
      // The pool's edges to `c` bound what `gather` finds: fewer than the minimum scores nothing.
      if (state.candOpen[c] === 1 || index.count(c) < model.candMin[c]) continue;
      const score = gather(c);
      if (score >= 0) heap.push(keyOf(score, c));
    }
    let steps = 0;
    while (heap.size > 0) {
      if ((++steps & 255) === 0 && shouldStop()) return;
      const key = heap.pop();
      const rank = Math.floor(key / C);
      const c = C - 1 - (key - rank * C);
      if (state.candOpen[c] === 1) continue;
      const score = gather(c);
      if (score < 0) continue;
      const current = keyOf(score, c);
      if (current < key) {
        heap.push(current);
        continue;
      }
      if (!state.open(c, members.length)) continue;
      members.sort((a, b) => itemDegree(model, a) - itemDegree(model, b) || a - b);
      seatGroup(state, c, members.slice(0, model.candMin[c]));
    }
  } finally {
    index.release();
  }
}

/** Seats up to capacity of `members` in freshly opened `c`; closes it again if the minimum is not met. */
function seatGroup(state: SolutionState, c: number, members: number[]): void {
  const model = state.model;
  const capacity = state.capacity(c);
  const edges = new Map<number, number>();
  for (const i of members) edges.set(i, edgeTo(model, i, c));
  members.sort(
    (a, b) =>
      itemDegree(model, a) - itemDegree(model, b) ||
      edgeCost(model, edges.get(a) as number) - edgeCost(model, edges.get(b) as number) ||
      a - b,
  );
  for (const i of members) {
    if (state.candSize[c] >= capacity) break;
    if (!state.memberClash(i, c)) state.seat(i, edges.get(i) as number);
  }
  if (state.candSize[c] < model.candMin[c]) {
    for (const i of [...(state.candMembers[c] ?? [])]) state.unseat(i);
    state.close(c);
  }
}

/**
 * Opens a session for unplaced item `i` by gathering other unplaced members and, if needed,
 * members that sessions above their minimum can spare. Tries candidates needing the fewest such
 * moves first, then the cheapest.
 */
/** Cheapest edges examined when forming a group; bounds repair work on dense instances. */
const MAX_GROUP_OPTIONS = 60;

export function formGroupFor(state: SolutionState, i: number, alive: Uint8Array, maxTries = 6): boolean {
  const model = state.model;
  if (maxTries <= 0) return false;
  // The options tried are the first `maxTries` that can open, by fewest steals then edge order. Edges
  // come in edge order, so once that many are kept an option needing as many steals as the worst kept
  // cannot enter: it is skipped without checking whether it can open, and when the worst kept needs
  // none, no later option can enter at all. (Checking `canOpen` before the tries, not between them,
  // gives the same answers: a failed try is rolled back.)
  //
  // `canOpen` and `stealsNeeded` only read the state, so the cheaper (`canOpen`) goes first. Once the
  // kept options are full, one needing fewer steals than the worst kept needs more free members than
  // `min - worst`; the unplaced items with an edge to `c` (counted while the search keeps them, `i`
  // among them) bound those free members, so a candidate with too few is skipped unread.
  const kept: { c: number; e: number; steals: number }[] = [];
  const unplacedOf = alive[i] === 1 ? state.keptFreeCounts(alive) : undefined;
  const lastEdge = Math.min(model.itemEdgeStart[i + 1], model.itemEdgeStart[i] + MAX_GROUP_OPTIONS);
  for (let e = model.itemEdgeStart[i]; e < lastEdge; e++) {
    const full = kept.length >= maxTries;
    if (full && kept[kept.length - 1].steals === 0) break;
    const c = model.edgeCand[e];
    if (state.candOpen[c] === 1 || state.memberClash(i, c)) continue;
    if (full && unplacedOf !== undefined && unplacedOf[c] <= model.candMin[c] - kept[kept.length - 1].steals) continue;
    if (!state.canOpen(c)) continue;
    const steals = stealsNeeded(state, i, c, alive);
    if (steals === Number.POSITIVE_INFINITY || (full && steals >= kept[kept.length - 1].steals)) continue;
    let at = kept.length;
    while (at > 0 && kept[at - 1].steals > steals) at--;
    kept.splice(at, 0, { c, e, steals });
    if (kept.length > maxTries) kept.pop();
  }
  for (const option of kept) {
    if (tryFormGroup(state, i, option.c, option.e, alive)) return true;
  }
  return false;
}

function tryFormGroup(state: SolutionState, i: number, c: number, edge: number, alive: Uint8Array): boolean {
  const model = state.model;
  const mark = state.beginTransaction();
  if (!state.open(c, model.candMin[c])) {
    state.commit();
    return false;
  }
  state.seat(i, edge);
  const capacity = state.capacity(c);
  for (let k = model.candEdgeStart[c]; k < model.candEdgeStart[c + 1] && state.candSize[c] < capacity; k++) {
    const e = model.candEdges[k];
    const j = model.edgeItem[e];
    if (j !== i && alive[j] === 1 && state.itemCand[j] < 0 && !state.memberClash(j, c)) state.seat(j, e);
  }
  const spare = new Map<number, number>();
  for (let k = model.candEdgeStart[c]; k < model.candEdgeStart[c + 1] && state.candSize[c] < model.candMin[c]; k++) {
    const e = model.candEdges[k];
    const j = model.edgeItem[e];
    const source = state.itemCand[j];
    if (source < 0 || source === c) continue;
    const left = spare.get(source) ?? state.candSize[source] - model.candMin[source];
    if (left <= 0 || state.memberClash(j, c)) continue;
    state.unseat(j);
    state.seat(j, e);
    spare.set(source, left - 1);
  }
  const ok = state.candSize[c] >= model.candMin[c];
  if (!ok) state.rollback(mark);
  state.commit();
  return ok;
}

/** Members that must be taken from other sessions to give `c` its minimum with `i`; infinite if impossible. */
function stealsNeeded(state: SolutionState, i: number, c: number, alive: Uint8Array): number {
  const model = state.model;
  let free = 1;
  let spareable = 0;
  const min = model.candMin[c];
  const spare = spareScratch(model);
  const stamp = ++spare.stamp;
  // Cheap tests first: the member-clash test only matters for an item that would count.
  for (let k = model.candEdgeStart[c]; k < model.candEdgeStart[c + 1]; k++) {
    const j = model.edgeItem[model.candEdges[k]];
    if (j === i) continue;
    const source = state.itemCand[j];
    if (source < 0) {
      if (alive[j] === 0 || state.memberClash(j, c)) continue;
      if (++free >= min) return 0;
    } else {
      const left =
        spare.stampOf[source] === stamp ? spare.left[source] : state.candSize[source] - model.candMin[source];
      if (left <= 0 || state.memberClash(j, c)) continue;
      spareable++;
      spare.left[source] = left - 1;
      spare.stampOf[source] = stamp;
    }
  }
  const needed = min - free;
  return spareable >= needed ? needed : Number.POSITIVE_INFINITY;
}

interface SpareScratch {
  left: Int32Array;
  stampOf: Int32Array;
  stamp: number;
}
const spareScratches = new WeakMap<CompiledModel, SpareScratch>();

function spareScratch(model: CompiledModel): SpareScratch {
  let scratch = spareScratches.get(model);
  if (scratch === undefined) {
    scratch = { left: new Int32Array(model.candCount), stampOf: new Int32Array(model.candCount), stamp: 0 };
    spareScratches.set(model, scratch);
  }
  return scratch;
}

/** Tier-1 repair: tries to place every unplaced surviving item without unplacing anyone. */
export function repairUnplaced(
  state: SolutionState,
  items: readonly number[],
  alive: Uint8Array,
  shouldStop: () => boolean,
): void {
  let steps = 0;
  for (const i of items) {
    if ((++steps & 63) === 0 && shouldStop()) return;
    if (alive[i] === 0 || state.itemCand[i] >= 0) continue;
    if (seatInOpenSession(state, i)) continue;
    if (seatByEjection(state, i)) continue;
    formGroupFor(state, i, alive);
  }
}
