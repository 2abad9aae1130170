import { groupSizeProblem, insideWindow } from '../../booking/rules/booking-rules.js';
import { DEFAULT_MAX_TRAVEL_KM, haversineKm } from '../../shared/geo.js';
import { coversInterval, mergeIntervals, overlapsAny, subtractIntervals } from './intervals.js';
import { COPENHAGEN as DEFAULT_TIME_ZONE } from '../../shared/time/index.js';
import { localDateOf } from './local-time.js';
import {
  type ActivityDef,
  type ExistingSessionDef,
  type Interval,
  type MemberDef,
  type OfficeDef,
  type OptimiserInstance,
  type Proposal,
  type ProposedSession,
  type Violation,
  type WithdrawableSlotDef,
} from './types.js';

interface Booking extends Interval {
  label: string;
}

interface Lookups {
  activities: Map<string, ActivityDef>;
  offices: Map<string, OfficeDef>;
  members: Map<string, MemberDef>;
  existing: Map<string, ExistingSessionDef>;
  roomFree: Map<string, Interval[]>;
  leaderFree: Map<string, Interval[]>;
  withdrawable: Map<string, WithdrawableSlotDef>;
}

function buildLookups(instance: OptimiserInstance): Lookups {
  const roomTaken = new Map<string, Interval[]>();
  const leaderTaken = new Map<string, Interval[]>();
  for (const s of instance.existingSessions) {
    roomTaken.set(s.roomId, [...(roomTaken.get(s.roomId) ?? []), s]);
    for (const l of s.leaderIds) leaderTaken.set(l, [...(leaderTaken.get(l) ?? []), s]);
  }
  return {
    activities: new Map(instance.activities.map((a) => [a.id, a])),
    offices: new Map(instance.offices.map((o) => [o.id, o])),
    members: new Map(instance.members.map((m) => [m.id, m])),
    existing: new Map(instance.existingSessions.map((s) => [s.id, s])),
    roomFree: new Map(instance.rooms.map((r) => [r.id, subtractIntervals(r.free, roomTaken.get(r.id) ?? [])])),
    leaderFree: new Map(instance.leaders.map((l) => [l.id, subtractIntervals(l.free, leaderTaken.get(l.id) ?? [])])),
    withdrawable: new Map((instance.withdrawable ?? []).map((s) => [s.id, s])),
  };
}

function travelKm(member: MemberDef, office: OfficeDef): number {
  if (member.distancesKm !== undefined) return member.distancesKm[office.id] ?? Number.POSITIVE_INFINITY;
  return member.home === undefined ? Number.POSITIVE_INFINITY : haversineKm(member.home, office);
}

function checkNewSession(
  instance: OptimiserInstance,
  lookups: Lookups,
  session: ProposedSession,
  out: Violation[],
): void {
  const v = (code: string, message: string): void => {
    out.push({ code, message, sessionKey: session.key });
  };
  const activity = lookups.activities.get(session.activityId);
  const office = lookups.offices.get(session.officeId);
  const room = instance.rooms.find((r) => r.id === session.roomId);
  if (activity === undefined || office === undefined || room === undefined) {
    v('UNKNOWN_REFERENCE', `session refers to an unknown activity, office or room`);
    return;
  }
  const size = session.itemIds.length;
  const sizeProblem = groupSizeProblem(size, activity.minSize, activity.maxSize);
  if (sizeProblem === 'below') v('SIZE_BELOW_MIN', `${size} members, minimum ${activity.minSize}`);
  if (sizeProblem === 'above') v('SIZE_ABOVE_MAX', `${size} members, maximum ${activity.maxSize}`);
  if (room.officeId !== office.id) v('ROOM_WRONG_OFFICE', `room ${room.id} is not at ${office.id}`);
  if (size > room.seats) v('ROOM_TOO_SMALL', `${size} members in ${room.seats} seats`);
  if (!coversInterval(lookups.roomFree.get(room.id) ?? [], session.start, session.end))
    v('ROOM_NOT_FREE', `room ${room.id} is not free`);
  if (session.end <= session.start) v('EMPTY_INTERVAL', 'session ends before it starts');
  const earliest = Math.max(instance.now ?? instance.horizon.start, instance.horizon.start);
  if (session.start < earliest || session.end > instance.horizon.end)
    v('OUTSIDE_HORIZON', 'session lies outside the planning horizon');
  const date = localDateOf(session.start, instance.timeZone ?? DEFAULT_TIME_ZONE);
  if ((instance.closedDates ?? []).includes(date) || (office.closedDates ?? []).includes(date))
    v('OFFICE_CLOSED', `office closed on ${date}`);
  if (office.inactive === true) v('OFFICE_INACTIVE', `office ${office.id} is deactivated: no new sessions`);
  if (
    session.leaderIds.length !== (activity.leadersPerSession ?? 1) ||
    new Set(session.leaderIds).size !== session.leaderIds.length
  ) {
    v('LEADER_COUNT', `${session.leaderIds.length} leaders`);
  }
  const listed = checkWithdrawals(lookups, session, v);
  for (const leaderId of session.leaderIds) {
    const leader = instance.leaders.find((l) => l.id === leaderId);
    if (leader === undefined) {
      v('UNKNOWN_REFERENCE', `unknown leader ${leaderId}`);
      continue;
    }
    if (leader.role !== activity.leaderRole) v('LEADER_ROLE', `${leaderId} is a ${leader.role}`);
    if (leader.officeIds !== undefined && !leader.officeIds.includes(office.id))
      v('LEADER_NOT_ALLOWED', `${leaderId} may not lead at ${office.id}`);
    // A listed slot's time is the leader's only because the slot is withdrawn; an unlisted one still blocks it.
    const released = listed.filter((s) => s.staffId === leaderId);
    const free =
      released.length === 0
        ? (lookups.leaderFree.get(leaderId) ?? [])
        : mergeIntervals([...(lookups.leaderFree.get(leaderId) ?? []), ...released]);
    if (!coversInterval(free, session.start, session.end)) v('LEADER_NOT_FREE', `${leaderId} is not free`);
  }
}

/** The session's withdrawn slots, each known, needed and of one of its leaders; and none of its leaders' slots left out. */
function checkWithdrawals(
  lookups: Lookups,
  session: ProposedSession,
  v: (code: string, message: string) => void,
): WithdrawableSlotDef[] {
  const listed: WithdrawableSlotDef[] = [];
  const ids = new Set(session.withdrawnSlotIds ?? []);
  for (const id of ids) {
    const slot = lookups.withdrawable.get(id);
    if (slot === undefined) v('WITHDRAWN_SLOT_UNKNOWN', `slot ${id} is not a withdrawable slot`);
    else if (!session.leaderIds.includes(slot.staffId) || !(slot.start < session.end && session.start < slot.end))
      v('WITHDRAWN_SLOT_UNNEEDED', `slot ${id} does not overlap the session of its leader`);
    else listed.push(slot);
  }
  for (const slot of lookups.withdrawable.values()) {
    if (
      !ids.has(slot.id) &&
      session.leaderIds.includes(slot.staffId) &&
      slot.start < session.end &&
      session.start < slot.end
    ) {
      v('SLOT_NOT_WITHDRAWN', `session overlaps slot ${slot.id} of ${slot.staffId}, which it does not withdraw`);
    }
  }
  return listed;
}

function checkDoubleBookings(bookings: Map<string, Booking[]>, code: string, out: Violation[]): void {
  for (const [resource, list] of bookings) {
    list.sort((a, b) => a.start - b.start);
    for (let k = 1; k < list.length; k++) {
      for (let j = k - 1; j >= 0; j--) {
        if (list[j].end > list[k].start)
          out.push({ code, message: `${resource} is in ${list[j].label} and ${list[k].label} at once` });
      }
    }
  }
}

function addBooking(map: Map<string, Booking[]>, key: string, booking: Booking): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [booking]);
  else list.push(booking);
}

/**
 * Verifies every hard constraint of a proposal against the instance, without using any of the
 * solver's data structures. An empty list means the proposal can be applied as it is.
 */
export function checkProposal(instance: OptimiserInstance, proposal: Proposal): Violation[] {
  const out: Violation[] = [];
  const lookups = buildLookups(instance);
  const maxTravelKm = instance.maxTravelKm ?? DEFAULT_MAX_TRAVEL_KM;
  const items = new Map(instance.items.map((i) => [i.id, i]));
  const newSessions = new Map(proposal.newSessions.map((s) => [s.key, s]));
  if (newSessions.size !== proposal.newSessions.length)
    out.push({ code: 'DUPLICATE_SESSION', message: 'two new sessions share a key' });
  const roomBookings = new Map<string, Booking[]>();
  const leaderBookings = new Map<string, Booking[]>();
  for (const session of proposal.newSessions) {
    checkNewSession(instance, lookups, session, out);
    addBooking(roomBookings, session.roomId, { start: session.start, end: session.end, label: session.key });
    for (const l of session.leaderIds)
      addBooking(leaderBookings, l, { start: session.start, end: session.end, label: session.key });
  }
  checkDoubleBookings(roomBookings, 'ROOM_DOUBLE_BOOKED', out);
  checkDoubleBookings(leaderBookings, 'LEADER_DOUBLE_BOOKED', out);

  const seatsTaken = new Map<string, number>();
  const sessionMembers = new Map<string, string[]>();
  const memberBookings = new Map<string, Booking[]>();
  const seen = new Set<string>();
  for (const placement of proposal.placements) {
    const v = (code: string, message: string): void => {
      out.push({ code, message, itemId: placement.itemId });
    };
    const item = items.get(placement.itemId);
    if (item === undefined) {
      v('UNKNOWN_ITEM', 'placement of an unknown item');
      continue;
    }
    if (seen.has(item.id)) v('DUPLICATE_ITEM', 'item placed more than once');
    seen.add(item.id);
    if (placement.memberId !== item.memberId) v('MEMBER_MISMATCH', 'placement names another member');
    const ref = placement.session;
    let slot: { activityId: string; officeId: string; start: number; end: number } | undefined;
    if (ref.kind === 'new') {
      slot = newSessions.get(ref.key);
      sessionMembers.set(ref.key, [...(sessionMembers.get(ref.key) ?? []), item.id]);
    } else {
      slot = lookups.existing.get(ref.sessionId);
      seatsTaken.set(ref.sessionId, (seatsTaken.get(ref.sessionId) ?? 0) + 1);
    }
    if (slot === undefined) {
      v('UNKNOWN_SESSION', 'placement refers to an unknown session');
      continue;
    }
    if (slot.activityId !== item.activityId)
      v('ACTIVITY_MISMATCH', `item wants ${item.activityId}, session is ${slot.activityId}`);
    if (!insideWindow(item.window, slot)) v('OUTSIDE_WINDOW', 'session is outside the programme window');
    const member = lookups.members.get(item.memberId);
    const office = lookups.offices.get(slot.officeId);
    if (member === undefined || office === undefined) {
      v('UNKNOWN_REFERENCE', 'unknown member or office');
      continue;
    }
    if (office.island !== member.island)
      v('WRONG_ISLAND', `member on ${member.island ?? 'mainland'} sent to ${office.island ?? 'mainland'}`);
    if (travelKm(member, office) > maxTravelKm) v('TOO_FAR', `${office.id} is beyond ${maxTravelKm} km`);
    if (overlapsAny(mergeIntervals(member.busy), slot.start, slot.end))
      v('MEMBER_BUSY', 'member has another booking then');
    addBooking(memberBookings, member.id, { start: slot.start, end: slot.end, label: item.id });
  }
  checkDoubleBookings(memberBookings, 'MEMBER_DOUBLE_BOOKED', out);

  for (const session of proposal.newSessions) {
    const listed = [...session.itemIds].sort().join(',');
    const placed = [...(sessionMembers.get(session.key) ?? [])].sort().join(',');
    if (listed !== placed)
      out.push({
        code: 'SESSION_MEMBERS_MISMATCH',
        message: 'session members differ from placements',
        sessionKey: session.key,
      });
  }
  for (const [sessionId, taken] of seatsTaken) {
    const existing = lookups.existing.get(sessionId) as ExistingSessionDef;
    const start = Math.max(instance.now ?? instance.horizon.start, instance.horizon.start);
    if (existing.booked + taken > existing.capacity)
      out.push({ code: 'EXISTING_OVERBOOKED', message: `${sessionId} gets ${taken} more than its free seats` });
    if (existing.start < start) out.push({ code: 'OUTSIDE_HORIZON', message: `${sessionId} has already started` });
  }
  const accounted = new Set([...seen, ...proposal.unplaced.map((u) => u.itemId)]);
  if (
    accounted.size !== instance.items.length ||
    proposal.placements.length + proposal.unplaced.length !== instance.items.length
  ) {
    out.push({
      code: 'ITEM_UNACCOUNTED',
      message: 'every item must be either placed or listed as unplaced exactly once',
    });
  }
  if (
    proposal.summary.placed !== proposal.placements.length ||
    proposal.summary.sessionsOpened !== proposal.newSessions.length
  ) {
    out.push({ code: 'SUMMARY_MISMATCH', message: 'summary counts differ from the proposal' });
  }
  return out;
}
