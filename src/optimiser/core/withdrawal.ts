import { mergeIntervals } from './intervals.js';
import type {
  ActivityExplanation,
  OptimiserInstance,
  Proposal,
  ProposedSession,
  UnplacedItem,
  WithdrawableSlotDef,
  WithdrawalSummary,
} from './types.js';

const HOUR_MS = 3_600_000;

function roundHours(ms: number): number {
  return Math.round((ms / HOUR_MS) * 10) / 10;
}

function slotsByStaff(instance: OptimiserInstance): Map<string, WithdrawableSlotDef[]> {
  const map = new Map<string, WithdrawableSlotDef[]>();
  for (const slot of instance.withdrawable ?? []) {
    const list = map.get(slot.staffId);
    if (list) list.push(slot);
    else map.set(slot.staffId, [slot]);
  }
  return map;
}

/** The withdrawable slots of the session's leaders that overlap it, in id order: what must go for it to open. */
export function slotsToWithdraw(
  bySlotStaff: Map<string, WithdrawableSlotDef[]>,
  session: Pick<ProposedSession, 'leaderIds' | 'start' | 'end'>,
): string[] {
  const ids: string[] = [];
  for (const leaderId of session.leaderIds) {
    for (const slot of bySlotStaff.get(leaderId) ?? [])
      if (slot.start < session.end && session.start < slot.end) ids.push(slot.id);
  }
  return ids.sort();
}

/** The same instance with every withdrawable slot withdrawn: each leader's own slots' time is free as well. */
export function withWithdrawableTimeFree(instance: OptimiserInstance): OptimiserInstance {
  const bySlotStaff = slotsByStaff(instance);
  return {
    ...instance,
    leaders: instance.leaders.map((leader) => {
      const own = bySlotStaff.get(leader.id);
      return own
        ? { ...leader, free: mergeIntervals([...leader.free, ...own.map((s) => ({ start: s.start, end: s.end }))]) }
        : leader;
    }),
  };
}

function offered(instance: OptimiserInstance): Pick<WithdrawalSummary, 'offeredSlots' | 'offeredHours'> {
  const slots = instance.withdrawable ?? [];
  return { offeredSlots: slots.length, offeredHours: roundHours(slots.reduce((sum, s) => sum + (s.end - s.start), 0)) };
}

function withoutWithdrawals<P extends Proposal>(instance: OptimiserInstance, base: P): P {
  return {
    ...base,
    summary: {
      ...base.summary,
      withdrawal: { ...offered(instance), slots: 0, hours: 0, sessions: 0, membersPlaced: 0 },
    },
  };
}

function describeConvertible(sessions: number, slots: number, hours: number): string {
  return `Opens only with withdrawals: ${sessions} session${sessions === 1 ? '' : 's'} use${sessions === 1 ? 's' : ''} ${hours} convertible hours of unbooked published slots (${slots} slot${slots === 1 ? '' : 's'} withdrawn).`;
}

/**
 * Merges the two passes: `relaxed` solved with every withdrawable slot's time free, `base` with every
 * slot in place. A relaxed session that needs withdrawals is kept only when it seats an item `base`
 * left unplaced (a slot is never given up for members who had a place anyway); the others are dropped
 * and their items listed unplaced. The result is the relaxed one only when it still places more than
 * `base`, so withdrawals are proposed only where they place more members.
 */
export function combineWithdrawalPasses<P extends Proposal>(instance: OptimiserInstance, base: P, relaxed: P): P {
  const bySlotStaff = slotsByStaff(instance);
  const placedInBase = new Set(base.placements.map((p) => p.itemId));
  const kept: ProposedSession[] = [];
  const dropped = new Set<string>();
  for (const session of relaxed.newSessions) {
    const withdrawn = slotsToWithdraw(bySlotStaff, session);
    if (withdrawn.length === 0) kept.push(session);
    else if (session.itemIds.some((id) => !placedInBase.has(id)))
      kept.push({ ...session, withdrawnSlotIds: withdrawn });
    else dropped.add(session.key);
  }
  const placements = relaxed.placements.filter((p) => p.session.kind !== 'new' || !dropped.has(p.session.key));
  if (placements.length <= base.placements.length) return withoutWithdrawals(instance, base);

  const activityOf = new Map(instance.items.map((i) => [i.id, i.activityId]));
  const freed: UnplacedItem[] = relaxed.placements
    .filter((p) => p.session.kind === 'new' && dropped.has(p.session.key))
    .map((p) => ({
      itemId: p.itemId,
      memberId: p.memberId,
      activityId: activityOf.get(p.itemId) ?? '',
      reason: 'CAPACITY',
    }));
  const unplaced = [...relaxed.unplaced, ...freed].sort((a, b) =>
    a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0,
  );

  const slotIds = new Set(kept.flatMap((s) => s.withdrawnSlotIds ?? []));
  const slotMs = (instance.withdrawable ?? [])
    .filter((s) => slotIds.has(s.id))
    .reduce((sum, s) => sum + (s.end - s.start), 0);
  const withdrawingSessions = kept.filter((s) => (s.withdrawnSlotIds?.length ?? 0) > 0);
  const withdrawal: WithdrawalSummary = {
    ...offered(instance),
    slots: slotIds.size,
    hours: roundHours(slotMs),
    sessions: withdrawingSessions.length,
    membersPlaced: placements.length - base.placements.length,
  };

  const baseOpened = new Map((base.activities ?? []).map((a) => [a.activityId, a.sessionsOpened]));
  const activities: ActivityExplanation[] | undefined = relaxed.activities?.map((a) => {
    const own = kept.filter((s) => s.activityId === a.activityId);
    const placedHere = placements.filter((p) => activityOf.get(p.itemId) === a.activityId).length;
    const entry: ActivityExplanation = {
      activityId: a.activityId,
      items: a.items,
      placed: placedHere,
      sessionsOpened: own.length,
    };
    const needing = own.filter((s) => (s.withdrawnSlotIds?.length ?? 0) > 0);
    if (needing.length > 0 && (baseOpened.get(a.activityId) ?? 0) === 0) {
      const ids = new Set(needing.flatMap((s) => s.withdrawnSlotIds ?? []));
      const ms = (instance.withdrawable ?? [])
        .filter((s) => ids.has(s.id))
        .reduce((sum, s) => sum + (s.end - s.start), 0);
      entry.explanation = describeConvertible(needing.length, ids.size, roundHours(ms));
    } else if (own.length === 0 && a.explanation !== undefined) {
      entry.explanation = a.explanation;
    }
    return entry;
  });

  const placed = placements.length;
  const upperBound = Math.max(relaxed.summary.upperBound, placed);
  return {
    ...relaxed,
    newSessions: kept,
    placements,
    unplaced,
    ...(activities ? { activities } : {}),
    summary: {
      ...relaxed.summary,
      placed,
      unplaced: unplaced.length,
      sessionsOpened: kept.length,
      travelKm: Math.round(placements.reduce((sum, p) => sum + p.travelKm, 0) * 10) / 10,
      upperBound,
      gap: upperBound === 0 ? 0 : (upperBound - placed) / upperBound,
      withdrawal,
    },
  };
}

/**
 * Two passes of `solve`: first with every published slot blocking its leader's time (as without this
 * module), then — when the instance offers withdrawable slots and the first pass left items unplaced —
 * with their time free; combineWithdrawalPasses keeps the second only where withdrawals place more.
 * The second pass is marked `secondPassFor` so that its HiGHS polish gets a budget sized by the items
 * the first pass left unplaced (it cannot add others): deterministic and bounded by that count.
 */
export async function optimiseWithWithdrawals<P extends Proposal>(
  instance: OptimiserInstance,
  solve: (instance: OptimiserInstance) => Promise<P>,
): Promise<P> {
  const base = await solve(instance);
  if ((instance.withdrawable?.length ?? 0) === 0) return base;
  if (base.summary.unplaced === 0 || base.summary.status !== 'complete') return withoutWithdrawals(instance, base);
  // Its own budget: the polish is sized by the items the first pass left unplaced (see `secondPassFor`).
  const relaxed = await solve({
    ...withWithdrawableTimeFree(instance),
    secondPassFor: { unplaced: base.summary.unplaced },
  });
  if (relaxed.summary.status !== 'complete') return withoutWithdrawals(instance, base);
  const combined = combineWithdrawalPasses(instance, base, relaxed);
  return {
    ...combined,
    summary: { ...combined.summary, elapsedMs: base.summary.elapsedMs + relaxed.summary.elapsedMs },
  };
}
