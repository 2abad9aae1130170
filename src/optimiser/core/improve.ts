import { edgeCost } from './compiled-model.js';
import {
  byFewestOptions,
  edgeTo,
  itemDegree,
  openMinimumGroupsFirst,
  openSessionsGreedily,
  repairUnplaced,
  seatByEjection,
  seatInOpenSession,
} from './construct.js';
import { createRng, type Rng } from './rng.js';
import { type SolutionState } from './solution-state.js';

export interface Score {
  placed: number;
  opened: number;
  cost: number;
}

function scoreOf(state: SolutionState): Score {
  return { placed: state.placed, opened: state.opened, cost: state.cost };
}

/**
 * Which results of a move the search keeps. `strict`: never a worse one (lexicographically). On
 * small runs the search also crosses plateaus and shallow valleys: it keeps a result with more
 * travel at the same placed and sessions (`anyTravel`), and with probability `worse` any worse one
 * that places at most one item fewer (more sessions, or one item fewer); it then returns to the
 * best state it saw (optimise.ts).
 */
export interface Acceptance {
  anyTravel: boolean;
  worse: number;
}

export const STRICT: Acceptance = { anyTravel: false, worse: 0 };

/** Lexicographic: more placed, then fewer new sessions, then lower travel (with a tolerance for float noise). */
function notWorse(after: Score, before: Score, acceptance: Acceptance = STRICT): boolean {
  if (after.placed !== before.placed) return after.placed > before.placed;
  if (after.opened !== before.opened) return after.opened < before.opened;
  return acceptance.anyTravel || after.cost <= before.cost + 1e-6;
}

/** `notWorse`, or a worse result the acceptance lets through (drawing from `rng` only when it may). */
function accepted(after: Score, before: Score, acceptance: Acceptance, rng: Rng): boolean {
  if (notWorse(after, before, acceptance)) return true;
  return acceptance.worse > 0 && after.placed >= before.placed - 1 && rng.next() < acceptance.worse;
}

export function strictlyBetter(after: Score, before: Score): boolean {
  if (after.placed !== before.placed) return after.placed > before.placed;
  if (after.opened !== before.opened) return after.opened < before.opened;
  return after.cost < before.cost - 1e-6;
}

export function openNewSessions(state: SolutionState): number[] {
  const open: number[] = [];
  for (let c = 0; c < state.model.candCount; c++) {
    if (state.candOpen[c] === 1 && !state.isExisting(c)) open.push(c);
  }
  return open;
}

/** Empties new session `s` into other open sessions (with one-step ejections) and closes it. */
export function tryCloseSession(state: SolutionState, s: number): boolean {
  const members = [...(state.candMembers[s] ?? [])];
  const mark = state.beginTransaction();
  for (const j of members) state.unseat(j);
  for (const j of byFewestOptions(state.model, members)) {
    if (!seatInOpenSession(state, j, s) && !seatByEjection(state, j, s)) {
      state.rollback(mark);
      state.commit();
      return false;
    }
  }
  state.close(s);
  state.commit();
  return true;
}

/** Tries to close every new session, smallest first, until a full pass closes none. */
export function closeSessionsPass(state: SolutionState, shouldStop: () => boolean): void {
  for (let improved = true; improved;) {
    improved = false;
    const sessions = openNewSessions(state).sort((a, b) => state.candSize[a] - state.candSize[b] || a - b);
    for (const s of sessions) {
      if (shouldStop()) return;
      if (state.candOpen[s] === 1 && tryCloseSession(state, s)) improved = true;
    }
  }
}

/** Per-candidate counters for ranking sessions, reset through the list of those touched. */
const shareScratch = new WeakMap<object, Int32Array>();

function rankByShared(state: SolutionState, add: (count: (c: number) => void) => void): number[] {
  const model = state.model;
  let counts = shareScratch.get(model);
  if (counts === undefined) {
    counts = new Int32Array(model.candCount);
    shareScratch.set(model, counts);
  }
  const shared = counts;
  const touched: number[] = [];
  add((c) => {
    if (shared[c]++ === 0) touched.push(c);
  });
  touched.sort((a, b) => shared[b] - shared[a] || a - b);
  for (const c of touched) shared[c] = 0;
  return touched;
}

/** Open new sessions that the members of `s` could also attend, most shared members first. */
function relatedSessions(state: SolutionState, s: number): number[] {
  const model = state.model;
  return rankByShared(state, (count) => {
    for (const j of state.candMembers[s] ?? []) {
      for (let e = model.itemEdgeStart[j]; e < model.itemEdgeStart[j + 1]; e++) {
        const c = model.edgeCand[e];
        if (c !== s && state.candOpen[c] === 1 && !state.isExisting(c)) count(c);
      }
    }
  });
}

/** Open new sessions holding members who could share a session with unplaced item `u`, most such members first. */
export function sessionsAround(state: SolutionState, u: number): number[] {
  const model = state.model;
  return rankByShared(state, (count) => {
    for (let e = model.itemEdgeStart[u]; e < model.itemEdgeStart[u + 1]; e++) {
      const c = model.edgeCand[e];
      for (let k = model.candEdgeStart[c]; k < model.candEdgeStart[c + 1]; k++) {
        const s = state.itemCand[model.edgeItem[model.candEdges[k]]];
        if (s >= 0 && !state.isExisting(s)) count(s);
      }
    }
  });
}

function pickSome(list: readonly number[], count: number, rng: Rng): number[] {
  const chosen: number[] = [];
  for (let k = 0; k < list.length && chosen.length < count; k++) {
    const pick = rng.next() < 0.7 ? k : k + rng.int(list.length - k);
    if (!chosen.includes(list[pick])) chosen.push(list[pick]);
  }
  return chosen;
}

/**
 * Ruin and recreate: closes `ruined` sessions, then re-seats their members together with nearby
 * unplaced items (and `extra`). Keeps the result only if it is not lexicographically worse;
 * returns whether it was strictly better.
 */
function ruinAndRecreateSessions(
  state: SolutionState,
  ruined: readonly number[],
  extra: readonly number[],
  rng: Rng,
  alive: Uint8Array,
  shouldStop: () => boolean,
  acceptance: Acceptance,
): boolean {
  const before = scoreOf(state);
  const mark = state.beginTransaction();
  const freed: number[] = [...extra];
  for (const c of ruined) {
    for (const j of [...(state.candMembers[c] ?? [])]) {
      state.unseat(j);
      freed.push(j);
    }
    state.close(c);
  }
  const pool = [...new Set([...freed, ...unplacedNear(state, freed, alive, 40)])];
  recreate(state, pool, alive, rng, shouldStop);
  const after = scoreOf(state);
  const keep = accepted(after, before, acceptance, rng);
  if (!keep) state.rollback(mark);
  state.commit();
  return keep && strictlyBetter(after, before);
}

/** Ruins session `seed` and up to three related sessions. */
export function ruinAndRecreate(
  state: SolutionState,
  seed: number,
  rng: Rng,
  alive: Uint8Array,
  shouldStop: () => boolean,
  acceptance: Acceptance = STRICT,
): boolean {
  const related = pickSome(relatedSessions(state, seed), 1 + rng.int(3), rng);
  return ruinAndRecreateSessions(state, [seed, ...related], [], rng, alive, shouldStop, acceptance);
}

/**
 * Ruins one to three sessions around unplaced item `u`, then rebuilds with a session for `u`
 * opened first (trying its most promising candidates) and everything else recreated around it.
 */
export function ruinAroundUnplaced(
  state: SolutionState,
  u: number,
  rng: Rng,
  alive: Uint8Array,
  shouldStop: () => boolean,
  acceptance: Acceptance = STRICT,
): boolean {
  const around = pickSome(sessionsAround(state, u), 1 + rng.int(3), rng);
  if (around.length > 0 && rng.next() < 0.3) {
    for (const c of pickSome(relatedSessions(state, around[0]), 1 + rng.int(2), rng))
      if (!around.includes(c)) around.push(c);
  }
  if (rng.next() < 0.5) {
    const model = state.model;
    const e = model.itemEdgeStart[u] + rng.int(model.itemEdgeStart[u + 1] - model.itemEdgeStart[u]);
    const blockers = state.resourceBlockers(model.edgeCand[e]);
    if (blockers.length > 0) {
      const blocker = blockers[rng.int(blockers.length)];
      if (!around.includes(blocker)) around.push(blocker);
    }
  }
  if (around.length === 0) return false;
  const before = scoreOf(state);
  const mark = state.beginTransaction();
  const freed: number[] = [u];
  for (const c of around) {
    for (const j of [...(state.candMembers[c] ?? [])]) {
      state.unseat(j);
      freed.push(j);
    }
    state.close(c);
  }
  const pool = [...new Set([...freed, ...unplacedNear(state, freed, alive, 40)])];
  const anchors = anchorCandidates(state, u, pool, alive, 3);
  let best: { anchor: number; seed: number; score: Score } | undefined;
  for (const anchor of anchors) {
    const seed = rng.int(0x7fffffff);
    const inner = state.beginTransaction();
    rebuildAround(state, u, anchor, pool, alive, seed, shouldStop);
    const score = scoreOf(state);
    state.rollback(inner);
    state.commit();
    if (best === undefined || strictlyBetter(score, best.score)) best = { anchor, seed, score };
  }
  if (best !== undefined && accepted(best.score, before, acceptance, rng)) {
    rebuildAround(state, u, best.anchor, pool, alive, best.seed, shouldStop);
  } else {
    state.rollback(mark);
  }
  state.commit();
  return best !== undefined && strictlyBetter(best.score, before);
}

/** New candidates of `u` ranked by how many of `pool` could join, then by cost. */
function anchorCandidates(
  state: SolutionState,
  u: number,
  pool: readonly number[],
  alive: Uint8Array,
  limit: number,
): number[] {
  const model = state.model;
  const inPool = new Set(pool);
  const ranked: { c: number; gain: number; e: number }[] = [];
  for (let e = model.itemEdgeStart[u]; e < model.itemEdgeStart[u + 1]; e++) {
    const c = model.edgeCand[e];
    if (state.candOpen[c] === 1 || state.memberClash(u, c)) continue;
    let gain = 0;
    for (let k = model.candEdgeStart[c]; k < model.candEdgeStart[c + 1]; k++) {
      const j = model.edgeItem[model.candEdges[k]];
      if (inPool.has(j) && alive[j] === 1 && state.itemCand[j] < 0) gain++;
    }
    if (gain >= model.candMin[c]) ranked.push({ c, gain: Math.min(gain, model.candCapacity[c]), e });
  }
  ranked.sort((a, b) => b.gain - a.gain || a.e - b.e);
  const chosen: number[] = [];
  for (const r of ranked) {
    if (chosen.length >= limit) break;
    if (state.canOpen(r.c)) chosen.push(r.c);
  }
  return chosen;
}

/** Opens `anchor` for `u` with the least flexible pool members, then recreates the rest of the pool. */
function rebuildAround(
  state: SolutionState,
  u: number,
  anchor: number,
  pool: number[],
  alive: Uint8Array,
  seed: number,
  shouldStop: () => boolean,
): void {
  const model = state.model;
  const inPool = new Set(pool);
  const joiners: { j: number; e: number }[] = [];
  for (let k = model.candEdgeStart[anchor]; k < model.candEdgeStart[anchor + 1]; k++) {
    const e = model.candEdges[k];
    const j = model.edgeItem[e];
    if (j !== u && inPool.has(j) && alive[j] === 1 && state.itemCand[j] < 0) joiners.push({ j, e });
  }
  if (state.open(anchor, joiners.length + 1)) {
    state.seat(u, edgeTo(model, u, anchor));
    joiners.sort((a, b) => itemDegree(model, a.j) - itemDegree(model, b.j) || a.j - b.j);
    for (const { j, e } of joiners) {
      if (state.candSize[anchor] >= state.capacity(anchor)) break;
      if (!state.memberClash(j, anchor)) state.seat(j, e);
    }
  }
  recreate(
    state,
    pool.filter((j) => state.itemCand[j] < 0),
    alive,
    createRng(seed),
    shouldStop,
  );
}

interface FoundCounts {
  /** Per candidate, items found so far in this call with an edge to it (valid where `stampOf` is the call's stamp). */
  count: Int32Array;
  stampOf: Int32Array;
  stamp: number;
}
const foundScratch = new WeakMap<object, FoundCounts>();

function foundCounts(model: SolutionState['model']): FoundCounts {
  let counts = foundScratch.get(model);
  if (counts === undefined) {
    counts = { count: new Int32Array(model.candCount), stampOf: new Int32Array(model.candCount), stamp: 0 };
    foundScratch.set(model, counts);
  }
  return counts;
}

/**
 * Unplaced surviving items that could share a session with one of `items` (at most `limit`): per
 * candidate of `items`, in edge order, its unplaced items in its edge order. A candidate all of whose
 * unplaced items were already found (its unplaced count equals its found count) is not read: reading
 * it would add nothing. So every candidate read adds an item, and a call reads at most `limit + 1`.
 */
function unplacedNear(state: SolutionState, items: readonly number[], alive: Uint8Array, limit: number): number[] {
  const model = state.model;
  const free = state.freeCounts(alive);
  const { itemEdgeStart, edgeCand, candEdgeStart, candEdges, edgeItem } = model;
  const found = foundCounts(model);
  const stamp = ++found.stamp;
  const { count: foundOf, stampOf } = found;
  const list: number[] = [];
  const isFound = new Set<number>();
  for (const j of items) {
    for (let e = itemEdgeStart[j]; e < itemEdgeStart[j + 1]; e++) {
      const c = edgeCand[e];
      const count = free[c];
      if (count === 0 || (stampOf[c] === stamp && foundOf[c] >= count)) continue;
      // Every unplaced item of `c` seen: the rest of its edges cannot add one.
      let seen = 0;
      for (let k = candEdgeStart[c]; k < candEdgeStart[c + 1] && seen < count; k++) {
        const u = edgeItem[candEdges[k]];
        if (alive[u] === 1 && state.itemCand[u] < 0) {
          seen++;
          if (isFound.has(u)) continue;
          isFound.add(u);
          list.push(u);
          if (list.length >= limit) return list;
          for (let f = itemEdgeStart[u]; f < itemEdgeStart[u + 1]; f++) {
            const d = edgeCand[f];
            if (stampOf[d] !== stamp) {
              stampOf[d] = stamp;
              foundOf[d] = 0;
            }
            foundOf[d]++;
          }
        }
      }
    }
  }
  return list;
}

/**
 * Re-seats `pool` (unplaced): either open sessions first and then the largest new groups, or
 * minimum-size groups for the least flexible members first; repair handles what is left.
 */
export function recreate(
  state: SolutionState,
  pool: number[],
  alive: Uint8Array,
  rng: Rng | undefined,
  shouldStop: () => boolean,
): void {
  const ordered = byFewestOptions(state.model, pool);
  if (rng !== undefined && rng.next() < 0.2) shuffle(ordered, rng);
  if (rng !== undefined && rng.next() < 0.5) {
    openMinimumGroupsFirst(state, ordered, alive, shouldStop);
    for (const j of ordered) if (state.itemCand[j] < 0) seatInOpenSession(state, j);
  } else {
    for (const j of ordered) if (state.itemCand[j] < 0) seatInOpenSession(state, j);
  }
  openSessionsGreedily(state, ordered, alive, shouldStop);
  repairUnplaced(state, ordered, alive, shouldStop);
}

function shuffle(list: number[], rng: Rng): void {
  for (let k = list.length - 1; k > 0; k--) {
    const j = rng.int(k + 1);
    [list[k], list[j]] = [list[j], list[k]];
  }
}

/** Tier 3–4: moves members to cheaper open sessions while every session keeps its minimum. */
export function reduceTravelPass(state: SolutionState, shouldStop: () => boolean): void {
  const model = state.model;
  for (let improved = true, rounds = 0; improved && rounds < 5; rounds++) {
    improved = false;
    for (let i = 0; i < model.items.length; i++) {
      if ((i & 1023) === 0 && shouldStop()) return;
      const current = state.itemEdge[i];
      if (current < 0) continue;
      const source = state.itemCand[i];
      if (state.candSize[source] <= model.candMin[source]) continue;
      const currentCost = edgeCost(model, current);
      for (let e = model.itemEdgeStart[i]; e < model.itemEdgeStart[i + 1]; e++) {
        if (e === current || edgeCost(model, e) >= currentCost - 1e-9) continue;
        const c = model.edgeCand[e];
        if (state.candOpen[c] === 0 || state.candSize[c] >= state.capacity(c)) continue;
        state.unseat(i);
        if (state.memberClash(i, c)) {
          state.seat(i, current);
          continue;
        }
        state.seat(i, e);
        improved = true;
        break;
      }
    }
  }
}
