import { itemDayRange, SLOT_CANDIDATE, SLOT_ROOM_ONLY, slotIndex, type CompiledModel } from './compiled-model.js';
import { explainActivities, nearestFix } from './explain.js';
import { type SolutionState } from './solution-state.js';
import {
  type ExistingSessionSeats,
  type Placement,
  type Proposal,
  type ProposedSession,
  type SolveStatus,
  type UnplacedItem,
  type UnplacedReason,
} from './types.js';
import { type MinimumSizePruning } from './upper-bound.js';

export interface ProposalContext {
  fullPruning: MinimumSizePruning;
  status: SolveStatus;
  startedAt: number;
}

function hasExistingInWindow(model: CompiledModel, i: number, office: number): boolean {
  const list = model.existingBySlot.get(model.itemActivity[i] * model.offices.length + office);
  const window = model.items[i].window;
  return list !== undefined && list.some((c) => model.candStart[c] >= window.start && model.candEnd[c] <= window.end);
}

function hasCandidateInWindow(model: CompiledModel, i: number, office: number, first: number, last: number): boolean {
  const window = model.items[i].window;
  for (let d = first; d <= last; d++) {
    const slot = slotIndex(model, model.itemActivity[i], office, d);
    const firstCand = model.slotFirst[slot];
    for (let c = firstCand; firstCand >= 0 && c < firstCand + model.slotCount[slot]; c++) {
      if (model.candStart[c] >= window.start && model.candEnd[c] <= window.end) return true;
    }
  }
  return false;
}

/** Why item `i` has no seat, checked from the most basic cause to the most specific. */
export function diagnoseUnplaced(model: CompiledModel, i: number, context: ProposalContext): UnplacedReason {
  const window = model.items[i].window;
  if (window.end <= model.earliestStart) return 'WINDOW_PASSED';
  const { first, last } = itemDayRange(model, i);
  if (last < first) return 'OUTSIDE_HORIZON';
  const m = model.itemMember[i];
  if (model.reachStart[m] === model.reachStart[m + 1]) return 'TOO_FAR';
  let best = 0;
  let inWindow = false;
  for (let k = model.reachStart[m]; k < model.reachStart[m + 1]; k++) {
    const o = model.reachOffice[k];
    if (hasExistingInWindow(model, i, o)) {
      best = SLOT_CANDIDATE;
      inWindow = true;
      break;
    }
    for (let d = first; d <= last; d++)
      best = Math.max(best, model.slotStatus[slotIndex(model, model.itemActivity[i], o, d)]);
    if (best === SLOT_CANDIDATE && hasCandidateInWindow(model, i, o, first, last)) inWindow = true;
  }
  if (best < SLOT_ROOM_ONLY) return 'NO_ROOM';
  if (best < SLOT_CANDIDATE) return 'NO_LEADER_IN_WINDOW';
  if (!inWindow) return 'NO_ROOM';
  if (context.fullPruning.tooFewNearby[i] === 1) return 'TOO_FEW_NEARBY';
  if (context.fullPruning.alive[i] === 0) return 'MEMBER_BUSY';
  return context.status === 'complete' ? 'CAPACITY' : 'SOLVE_STOPPED';
}

export function sessionKey(activityId: string, officeId: string, roomId: string, start: number): string {
  return `${activityId}@${officeId}/${roomId}/${new Date(start).toISOString()}`;
}

/**
 * Groups of items that share no candidate session (independent but for rooms and leaders), and how
 * many of them are proven optimal in placement: every item of the part placed that the minimum-size
 * bound (over every reachable office) allows.
 */
export function countComponents(
  model: CompiledModel,
  state?: SolutionState,
  alive?: Uint8Array,
): { parts: number; provenOptimal: number } {
  const parent = new Int32Array(model.candCount);
  for (let c = 0; c < parent.length; c++) parent[c] = c;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  let isolatedItems = 0;
  for (let i = 0; i < model.items.length; i++) {
    const from = model.itemEdgeStart[i];
    const to = model.itemEdgeStart[i + 1];
    if (from === to) isolatedItems++;
    for (let e = from + 1; e < to; e++) {
      const a = find(model.edgeCand[from]);
      const b = find(model.edgeCand[e]);
      if (a !== b) parent[a] = b;
    }
  }
  const roots = new Set<number>();
  for (let c = 0; c < model.candCount; c++) {
    if (model.candEdgeStart[c] < model.candEdgeStart[c + 1]) roots.add(find(c));
  }
  // A part falls short when one of its items is unplaced although the bound lets it live.
  const short = new Set<number>();
  let isolatedShort = 0;
  if (state !== undefined && alive !== undefined) {
    for (let i = 0; i < model.items.length; i++) {
      if (state.itemCand[i] >= 0 || alive[i] === 0) continue;
      if (model.itemEdgeStart[i] === model.itemEdgeStart[i + 1]) isolatedShort++;
      else short.add(find(model.edgeCand[model.itemEdgeStart[i]]));
    }
  }
  const parts = roots.size + isolatedItems;
  return { parts, provenOptimal: state === undefined ? 0 : parts - short.size - isolatedShort };
}

export function buildProposal(model: CompiledModel, state: SolutionState, context: ProposalContext): Proposal {
  const newSessions: ProposedSession[] = [];
  const existingSeats: ExistingSessionSeats[] = [];
  const refs = new Map<number, Placement['session']>();
  for (let c = 0; c < model.candCount; c++) {
    if (state.candOpen[c] === 0) continue;
    const itemIndices = [...(state.candMembers[c] ?? [])].sort((a, b) => a - b);
    const itemIds = itemIndices.map((i) => model.items[i].id);
    const memberIds = itemIndices.map((i) => model.items[i].memberId);
    const s = model.candExisting[c];
    if (s >= 0) {
      if (itemIds.length === 0) continue;
      existingSeats.push({ sessionId: model.existing[s].id, itemIds, memberIds });
      refs.set(c, { kind: 'existing', sessionId: model.existing[s].id });
      continue;
    }
    const activityId = model.activities[model.candActivity[c]].def.id;
    const officeId = model.offices[model.candOffice[c]].id;
    const roomId = model.rooms[state.candRoom[c]].id;
    const key = sessionKey(activityId, officeId, roomId, model.candStart[c]);
    refs.set(c, { kind: 'new', key });
    newSessions.push({
      key,
      activityId,
      officeId,
      roomId,
      start: model.candStart[c],
      end: model.candEnd[c],
      leaderIds: (state.candLeaders[c] ?? []).map((l) => model.leaders[l].id),
      itemIds,
      memberIds,
    });
  }
  const placements: Placement[] = [];
  const unplaced: UnplacedItem[] = [];
  let travelKm = 0;
  model.items.forEach((item, i) => {
    const e = state.itemEdge[i];
    if (e >= 0) {
      const km = model.edgeKm[e];
      travelKm += km;
      placements.push({
        itemId: item.id,
        memberId: item.memberId,
        session: refs.get(model.edgeCand[e]) as Placement['session'],
        travelKm: Math.round(km * 10) / 10,
      });
    } else {
      const reason = diagnoseUnplaced(model, i, context);
      unplaced.push({
        itemId: item.id,
        memberId: item.memberId,
        activityId: item.activityId,
        reason,
        hint: nearestFix(model, state, i, reason),
      });
    }
  });
  const upperBound = context.fullPruning.aliveCount;
  return {
    newSessions,
    existingSeats,
    placements,
    unplaced,
    activities: explainActivities(model, state),
    summary: {
      items: model.items.length,
      placed: state.placed,
      unplaced: unplaced.length,
      sessionsOpened: state.opened,
      seatsInExistingSessions: existingSeats.reduce((sum, s) => sum + s.itemIds.length, 0),
      travelKm: Math.round(travelKm * 10) / 10,
      upperBound,
      boundMethod: 'minimum-size',
      gap: upperBound === 0 ? 0 : (upperBound - state.placed) / upperBound,
      status: context.status,
      elapsedMs: Date.now() - context.startedAt,
      candidateSessions: model.candCount,
      ...(({ parts, provenOptimal }) => ({ components: parts, partsProvenOptimal: provenOptimal }))(
        countComponents(model, state, context.fullPruning.alive),
      ),
    },
  };
}
