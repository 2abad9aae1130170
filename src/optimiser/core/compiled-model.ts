import { insideWindow } from '../../booking/rules/booking-rules.js';
import { DEFAULT_MAX_TRAVEL_KM, haversineKm, mayBeWithinKm } from '../../shared/geo.js';
import { coversInterval, mergeIntervals, overlapsAny, subtractIntervals } from './intervals.js';
import { COPENHAGEN as DEFAULT_TIME_ZONE } from '../../shared/time/index.js';
import { buildDayCalendar, parseHhmm, type DayCalendar } from './local-time.js';
import {
  type ActivityDef,
  type ExistingSessionDef,
  type Interval,
  type LeaderDef,
  type LeaderRole,
  type MemberDef,
  type ModelOptions,
  type OfficeDef,
  type OptimiserInstance,
  type ProgrammeItemDef,
  type RoomDef,
} from './types.js';

/**
 * Offices per item kept when the uncapped model would not fit in memory (see EDGE_BUDGET); the items
 * this leaves unplaced get every reachable office in a second pass (optimise.ts).
 */
export const DEFAULT_MAX_OFFICES_PER_ITEM = 8;
/**
 * Estimated item→session edges up to which every reachable office is modelled. A nationwide run
 * (100,000 members, 500 offices) would need about 60 million (over 2 GB); the demo fund about 40,000.
 */
export const EDGE_BUDGET = 4_000_000;
/** Tier-4 weight: one day later costs as much as this many km of travel, so dates only break ties. */
export const DAY_COST_KM = 1e-4;

const ROLES: readonly LeaderRole[] = ['jobConsultant', 'adviser'];

export class OptimiserInputError extends Error {
  override name = 'OptimiserInputError';
}

export interface CompiledActivity {
  def: ActivityDef;
  minSize: number;
  maxSize: number;
  leadersPerSession: number;
  role: number;
  times: { hhmm: string; durationMs: number }[];
}

/** Per (activity, office, day): whether a room, and then also leaders, were found at some standard time. */
export const SLOT_NOTHING = 0;
export const SLOT_ROOM_ONLY = 1;
export const SLOT_CANDIDATE = 2;

/**
 * The instance compiled to indexed, typed arrays: candidate sessions (new and existing with seats)
 * and item→candidate edges that already respect windows, reach, islands, member busy time, rooms
 * and leaders. The heuristic and the exact MIP both read this one model.
 */
export interface CompiledModel {
  instance: OptimiserInstance;
  maxTravelKm: number;
  /** Offices per item with new candidates; Infinity when every reachable office is modelled. */
  maxOfficesPerItem: number;
  /** Items modelled with every reachable office even under a cap (the lazy second pass). */
  uncappedItems: ReadonlySet<number>;
  earliestStart: number;
  calendar: DayCalendar;
  activities: CompiledActivity[];
  offices: OfficeDef[];
  rooms: RoomDef[];
  leaders: LeaderDef[];
  members: MemberDef[];
  items: ProgrammeItemDef[];
  existing: ExistingSessionDef[];

  roomFree: Interval[][];
  roomSeats: Int32Array;
  officeRooms: number[][];
  leaderFree: Interval[][];
  leaderRole: Int32Array;
  /** Leaders of a role allowed at an office: index role * offices + office. */
  roleOfficeLeaders: number[][];
  /** Identical leader lists share an id, so eligibility can be cached across offices. */
  roleOfficeListId: Int32Array;
  leaderListCache: Map<string, number[]>;
  candLeaderCache: (readonly number[] | undefined)[];
  memberBusy: Interval[][];
  /** Reachable offices per member, nearest first (uncapped): CSR. */
  reachStart: Int32Array;
  reachOffice: Int32Array;
  reachKm: Float64Array;

  itemMember: Int32Array;
  itemActivity: Int32Array;
  memberItems: number[][];

  candCount: number;
  candActivity: Int32Array;
  candOffice: Int32Array;
  candDay: Int32Array;
  candStart: Float64Array;
  candEnd: Float64Array;
  /** Index into `existing`, or -1 for a new candidate. */
  candExisting: Int32Array;
  /** Seats left (existing) or the largest possible size (new). */
  candCapacity: Int32Array;
  /** Minimum group size: 0 for existing sessions. */
  candMin: Int32Array;
  /** Rooms that could host a new candidate (seats >= min, free); the booked room for an existing one. */
  candRooms: number[][];
  /** First new candidate of (activity, office, day), -1 if none: index (a * offices + o) * days + d. */
  slotFirst: Int32Array;
  slotCount: Uint8Array;
  slotStatus: Uint8Array;
  /** Existing sessions with seats by activity * offices + office. */
  existingBySlot: Map<number, number[]>;

  itemEdgeStart: Int32Array;
  edgeCand: Int32Array;
  edgeItem: Int32Array;
  edgeKm: Float32Array;
  candEdgeStart: Int32Array;
  candEdges: Int32Array;
}

function indexById<T extends { id: string }>(list: readonly T[], what: string): Map<string, number> {
  const map = new Map<string, number>();
  list.forEach((entry, i) => {
    if (map.has(entry.id)) throw new OptimiserInputError(`Duplicate ${what} id '${entry.id}'`);
    map.set(entry.id, i);
  });
  return map;
}

function lookup(map: Map<string, number>, id: string, what: string): number {
  const index = map.get(id);
  if (index === undefined) throw new OptimiserInputError(`Unknown ${what} '${id}'`);
  return index;
}

function compileActivities(defs: readonly ActivityDef[]): CompiledActivity[] {
  return defs.map((def) => {
    const leadersPerSession = def.leadersPerSession ?? 1;
    if (def.minSize < 1 || def.maxSize < def.minSize || leadersPerSession < 1) {
      throw new OptimiserInputError(`Activity '${def.id}' has invalid size or leader limits`);
    }
    return {
      def,
      minSize: def.minSize,
      maxSize: def.maxSize,
      leadersPerSession,
      role: ROLES.indexOf(def.leaderRole),
      times: def.times.map((t) => {
        parseHhmm(t.start);
        return { hhmm: t.start, durationMs: t.durationMinutes * 60_000 };
      }),
    };
  });
}

interface Growable {
  cand: Int32Array;
  km: Float32Array;
  item: Int32Array;
  length: number;
}

function pushEdge(edges: Growable, item: number, cand: number, km: number): void {
  if (edges.length === edges.cand.length) {
    const size = edges.cand.length * 2;
    const cand = new Int32Array(size);
    cand.set(edges.cand);
    const kmArr = new Float32Array(size);
    kmArr.set(edges.km);
    const itemArr = new Int32Array(size);
    itemArr.set(edges.item);
    edges.cand = cand;
    edges.km = kmArr;
    edges.item = itemArr;
  }
  edges.cand[edges.length] = cand;
  edges.km[edges.length] = km;
  edges.item[edges.length] = item;
  edges.length++;
}

function computeReach(
  members: readonly MemberDef[],
  offices: readonly OfficeDef[],
  officeIndex: Map<string, number>,
  maxTravelKm: number,
): { reachStart: Int32Array; reachOffice: Int32Array; reachKm: Float64Array } {
  const starts = new Int32Array(members.length + 1);
  const officeList: number[] = [];
  const kmList: number[] = [];
  const pairs: { o: number; km: number }[] = [];
  members.forEach((member, m) => {
    pairs.length = 0;
    if (member.distancesKm !== undefined) {
      for (const [officeId, km] of Object.entries(member.distancesKm)) {
        const o = officeIndex.get(officeId);
        if (o !== undefined && km <= maxTravelKm && offices[o].island === member.island) pairs.push({ o, km });
      }
    } else if (member.home !== undefined) {
      const home = member.home;
      offices.forEach((office, o) => {
        if (office.island !== member.island || !mayBeWithinKm(home, office, maxTravelKm)) return;
        const km = haversineKm(home, office);
        if (km <= maxTravelKm) pairs.push({ o, km });
      });
    }
    pairs.sort((a, b) => a.km - b.km || a.o - b.o);
    for (const p of pairs) {
      officeList.push(p.o);
      kmList.push(p.km);
    }
    starts[m + 1] = officeList.length;
  });
  return { reachStart: starts, reachOffice: Int32Array.from(officeList), reachKm: Float64Array.from(kmList) };
}

/** First and last calendar day an item's window could use, or an empty range. */
export function itemDayRange(model: CompiledModel, i: number): { first: number; last: number } {
  const window = model.items[i].window;
  const from = Math.max(window.start, model.earliestStart);
  const to = Math.min(window.end, model.instance.horizon.end);
  if (to <= from) return { first: 0, last: -1 };
  return { first: model.calendar.dayIndexOf(from), last: model.calendar.dayIndexOf(to - 1) };
}

export function slotIndex(model: CompiledModel, activity: number, office: number, day: number): number {
  return (activity * model.offices.length + office) * model.calendar.days.length + day;
}

/**
 * Leaders that may lead candidate `c`, ignoring other sessions of this proposal. Cached per
 * (leader list, time), because every office shares the job consultants' list.
 */
export function eligibleLeaders(model: CompiledModel, c: number): readonly number[] {
  const cached = model.candLeaderCache[c];
  if (cached !== undefined) return cached;
  const listId =
    model.roleOfficeListId[model.activities[model.candActivity[c]].role * model.offices.length + model.candOffice[c]];
  const start = model.candStart[c];
  const end = model.candEnd[c];
  const key = `${listId}|${start}|${end}`;
  let list = model.leaderListCache.get(key);
  if (list === undefined) {
    list = model.roleOfficeLeaders[
      model.activities[model.candActivity[c]].role * model.offices.length + model.candOffice[c]
    ].filter((l) => coversInterval(model.leaderFree[l], start, end));
    model.leaderListCache.set(key, list);
  }
  model.candLeaderCache[c] = list;
  return list;
}

function countFreeLeaders(
  model: CompiledModel,
  role: number,
  office: number,
  start: number,
  end: number,
  needed: number,
): boolean {
  let found = 0;
  for (const l of model.roleOfficeLeaders[role * model.offices.length + office]) {
    if (coversInterval(model.leaderFree[l], start, end) && ++found >= needed) return true;
  }
  return false;
}

function internLists(lists: number[][]): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from(
    lists.map((list) => {
      const key = list.join(',');
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
      }
      return id;
    }),
  );
}

function markDemand(model: CompiledModel, demand: Uint8Array): void {
  const { items, itemMember, itemActivity, reachStart, reachOffice } = model;
  for (let i = 0; i < items.length; i++) {
    const { first, last } = itemDayRange(model, i);
    if (last < first) continue;
    const m = itemMember[i];
    for (let k = reachStart[m]; k < reachStart[m + 1]; k++) {
      const base = slotIndex(model, itemActivity[i], reachOffice[k], 0);
      for (let d = first; d <= last; d++) demand[base + d] = 1;
    }
  }
}

function isClosed(
  model: CompiledModel,
  closedGlobal: Set<string>,
  closedByOffice: Set<string>[],
  office: number,
  day: number,
): boolean {
  const info = model.calendar.days[day];
  if (model.offices[office].inactive === true) return true;
  return (
    info.weekday === 0 || info.weekday === 6 || closedGlobal.has(info.date) || closedByOffice[office].has(info.date)
  );
}

/** Creates the new candidate sessions for every (activity, office, day) some item could use. */
function generateCandidates(
  model: CompiledModel,
  demand: Uint8Array,
): {
  activity: number[];
  office: number[];
  day: number[];
  start: number[];
  end: number[];
  capacity: number[];
  rooms: number[][];
} {
  const out = {
    activity: [] as number[],
    office: [] as number[],
    day: [] as number[],
    start: [] as number[],
    end: [] as number[],
    capacity: [] as number[],
    rooms: [] as number[][],
  };
  const closedGlobal = new Set(model.instance.closedDates ?? []);
  const closedByOffice = model.offices.map((o) => new Set(o.closedDates ?? []));
  const days = model.calendar.days.length;
  const horizonEnd = model.instance.horizon.end;
  for (let d = 0; d < days; d++) {
    for (let a = 0; a < model.activities.length; a++) {
      const activity = model.activities[a];
      for (let o = 0; o < model.offices.length; o++) {
        const slot = slotIndex(model, a, o, d);
        if (demand[slot] === 0 || isClosed(model, closedGlobal, closedByOffice, o, d)) continue;
        let status = SLOT_NOTHING;
        for (const time of activity.times) {
          const start = model.calendar.instantAt(d, time.hhmm);
          const end = start + time.durationMs;
          if (start < model.earliestStart || end > horizonEnd) continue;
          const rooms = model.officeRooms[o].filter(
            (r) => model.roomSeats[r] >= activity.minSize && coversInterval(model.roomFree[r], start, end),
          );
          if (rooms.length === 0) continue;
          status = Math.max(status, SLOT_ROOM_ONLY);
          if (!countFreeLeaders(model, activity.role, o, start, end, activity.leadersPerSession)) continue;
          status = SLOT_CANDIDATE;
          if (model.slotFirst[slot] < 0) model.slotFirst[slot] = out.activity.length;
          model.slotCount[slot]++;
          const maxSeats = rooms.reduce((best, r) => Math.max(best, model.roomSeats[r]), 0);
          out.activity.push(a);
          out.office.push(o);
          out.day.push(d);
          out.start.push(start);
          out.end.push(end);
          out.capacity.push(Math.min(activity.maxSize, maxSeats));
          out.rooms.push(rooms);
        }
        model.slotStatus[slot] = status;
      }
    }
  }
  return out;
}

/**
 * Calls `visit(cand, office, km)` for every new or existing candidate item `i` can attend,
 * offices nearest first. With `officeLimit`, stops after that many offices that offered a candidate;
 * stops at once when `visit` returns true.
 */
export function forEachFeasibleCandidate(
  model: CompiledModel,
  i: number,
  officeLimit: number,
  visit: (cand: number, km: number) => boolean | void,
): void {
  const { first, last } = itemDayRange(model, i);
  const m = model.itemMember[i];
  const a = model.itemActivity[i];
  const window = model.items[i].window;
  const busy = model.memberBusy[m];
  let officesUsed = 0;
  for (let k = model.reachStart[m]; k < model.reachStart[m + 1] && officesUsed < officeLimit; k++) {
    const o = model.reachOffice[k];
    const km = model.reachKm[k];
    let used = false;
    for (let d = first; d <= last; d++) {
      const slot = slotIndex(model, a, o, d);
      const firstCand = model.slotFirst[slot];
      if (firstCand < 0) continue;
      for (let c = firstCand; c < firstCand + model.slotCount[slot]; c++) {
        const start = model.candStart[c];
        const end = model.candEnd[c];
        if (!insideWindow(window, { start, end }) || overlapsAny(busy, start, end)) continue;
        if (visit(c, km) === true) return;
        used = true;
      }
    }
    if (used) officesUsed++;
  }
}

/** Existing sessions with seats that item `i` can attend (all reachable offices); stops when `visit` returns true. */
export function forEachFeasibleExisting(
  model: CompiledModel,
  i: number,
  visit: (cand: number, km: number) => boolean | void,
): void {
  const m = model.itemMember[i];
  const a = model.itemActivity[i];
  const window = model.items[i].window;
  const busy = model.memberBusy[m];
  for (let k = model.reachStart[m]; k < model.reachStart[m + 1]; k++) {
    const list = model.existingBySlot.get(a * model.offices.length + model.reachOffice[k]);
    if (list === undefined) continue;
    for (const c of list) {
      const start = model.candStart[c];
      const end = model.candEnd[c];
      if (!insideWindow(window, { start, end }) || start < model.earliestStart || overlapsAny(busy, start, end))
        continue;
      if (visit(c, model.reachKm[k]) === true) return;
    }
  }
}

/**
 * Upper estimate of the uncapped model's edges from counts alone: per item, the new candidates of
 * its activity on its window's days at every reachable office.
 */
function estimateUncappedEdges(model: CompiledModel): number {
  const days = model.calendar.days.length;
  const prefix = new Int32Array(model.activities.length * model.offices.length * (days + 1));
  for (let a = 0; a < model.activities.length; a++) {
    for (let o = 0; o < model.offices.length; o++) {
      const row = (a * model.offices.length + o) * (days + 1);
      for (let d = 0; d < days; d++) prefix[row + d + 1] = prefix[row + d] + model.slotCount[slotIndex(model, a, o, d)];
    }
  }
  let total = 0;
  for (let i = 0; i < model.items.length; i++) {
    const { first, last } = itemDayRange(model, i);
    if (last < first) continue;
    const m = model.itemMember[i];
    for (let k = model.reachStart[m]; k < model.reachStart[m + 1]; k++) {
      const row = (model.itemActivity[i] * model.offices.length + model.reachOffice[k]) * (days + 1);
      total += prefix[row + last + 1] - prefix[row + first];
    }
    if (total > EDGE_BUDGET) return total;
  }
  return total;
}

/**
 * Builds the item→candidate edges. With `previous` (the same candidates), only items in `changed` are
 * enumerated again; every other item's options are the same, so its edges are copied.
 */
function buildEdges(model: CompiledModel, previous?: CompiledModel, changed?: ReadonlySet<number>): void {
  const n = model.items.length;
  const initial = previous === undefined ? 1024 : previous.edgeCand.length + 1024;
  const edges: Growable = {
    cand: new Int32Array(initial),
    km: new Float32Array(initial),
    item: new Int32Array(initial),
    length: 0,
  };
  const itemEdgeStart = new Int32Array(n + 1);
  const scratch: { c: number; km: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (previous !== undefined && changed !== undefined && !changed.has(i)) {
      for (let e = previous.itemEdgeStart[i]; e < previous.itemEdgeStart[i + 1]; e++)
        pushEdge(edges, i, previous.edgeCand[e], previous.edgeKm[e]);
      itemEdgeStart[i + 1] = edges.length;
      continue;
    }
    scratch.length = 0;
    const collect = (c: number, km: number): void => {
      scratch.push({ c, km });
    };
    forEachFeasibleExisting(model, i, collect);
    forEachFeasibleCandidate(
      model,
      i,
      model.uncappedItems.has(i) ? Number.POSITIVE_INFINITY : model.maxOfficesPerItem,
      collect,
    );
    scratch.sort((x, y) => x.km - y.km || x.c - y.c);
    for (const s of scratch) pushEdge(edges, i, s.c, s.km);
    itemEdgeStart[i + 1] = edges.length;
  }
  model.itemEdgeStart = itemEdgeStart;
  model.edgeCand = edges.cand.slice(0, edges.length);
  model.edgeKm = edges.km.slice(0, edges.length);
  model.edgeItem = edges.item.slice(0, edges.length);
  const counts = new Int32Array(model.candCount + 1);
  for (let e = 0; e < edges.length; e++) counts[model.edgeCand[e] + 1]++;
  for (let c = 0; c < model.candCount; c++) counts[c + 1] += counts[c];
  const fill = counts.slice(0, model.candCount);
  const candEdges = new Int32Array(edges.length);
  for (let e = 0; e < edges.length; e++) candEdges[fill[model.edgeCand[e]]++] = e;
  model.candEdgeStart = counts;
  model.candEdges = candEdges;
}

function appendExistingCandidates(
  model: CompiledModel,
  generated: ReturnType<typeof generateCandidates>,
  ids: { activity: Map<string, number>; office: Map<string, number>; room: Map<string, number> },
): number[] {
  const existingIndex: number[] = [];
  model.existing.forEach((session, s) => {
    const a = lookup(ids.activity, session.activityId, 'activity');
    const o = lookup(ids.office, session.officeId, 'office');
    const r = lookup(ids.room, session.roomId, 'room');
    const remaining = session.capacity - session.booked;
    if (remaining <= 0 || session.start < model.earliestStart || session.end > model.instance.horizon.end) return;
    existingIndex.push(s);
    generated.activity.push(a);
    generated.office.push(o);
    generated.day.push(model.calendar.dayIndexOf(session.start));
    generated.start.push(session.start);
    generated.end.push(session.end);
    generated.capacity.push(remaining);
    generated.rooms.push([r]);
  });
  return existingIndex;
}

export function compileModel(instance: OptimiserInstance, options: ModelOptions = {}): CompiledModel {
  const activityIds = indexById(instance.activities, 'activity');
  const officeIds = indexById(instance.offices, 'office');
  const roomIds = indexById(instance.rooms, 'room');
  const leaderIds = indexById(instance.leaders, 'leader');
  const memberIds = indexById(instance.members, 'member');
  indexById(instance.items, 'item');
  indexById(instance.existingSessions, 'existing session');
  const maxTravelKm = instance.maxTravelKm ?? DEFAULT_MAX_TRAVEL_KM;
  const earliestStart = Math.max(instance.now ?? instance.horizon.start, instance.horizon.start);
  const calendar = buildDayCalendar(
    instance.horizon.start,
    instance.horizon.end,
    instance.timeZone ?? DEFAULT_TIME_ZONE,
  );
  const activities = compileActivities(instance.activities);

  const roomTaken = instance.rooms.map((): Interval[] => []);
  const leaderTaken = instance.leaders.map((): Interval[] => []);
  for (const session of instance.existingSessions) {
    roomTaken[lookup(roomIds, session.roomId, 'room')].push(session);
    for (const id of session.leaderIds) leaderTaken[lookup(leaderIds, id, 'leader')].push(session);
  }
  const officeRooms = instance.offices.map((): number[] => []);
  instance.rooms.forEach((room, r) => officeRooms[lookup(officeIds, room.officeId, 'office')].push(r));
  const roleOfficeLeaders = ROLES.flatMap(() => instance.offices.map((): number[] => []));
  instance.leaders.forEach((leader, l) => {
    const role = ROLES.indexOf(leader.role);
    const allowed =
      leader.officeIds === undefined
        ? instance.offices.map((_, o) => o)
        : leader.officeIds.map((id) => lookup(officeIds, id, 'office'));
    for (const o of allowed) roleOfficeLeaders[role * instance.offices.length + o].push(l);
  });
  const reach = computeReach(instance.members, instance.offices, officeIds, maxTravelKm);
  const memberItems = instance.members.map((): number[] => []);
  const itemMember = new Int32Array(instance.items.length);
  const itemActivity = new Int32Array(instance.items.length);
  instance.items.forEach((item, i) => {
    itemMember[i] = lookup(memberIds, item.memberId, 'member');
    itemActivity[i] = lookup(activityIds, item.activityId, 'activity');
    memberItems[itemMember[i]].push(i);
  });
  const slots = activities.length * instance.offices.length * calendar.days.length;

  const model: CompiledModel = {
    instance,
    maxTravelKm,
    maxOfficesPerItem: options.maxOfficesPerItem ?? Number.POSITIVE_INFINITY,
    uncappedItems: options.uncappedItems ?? new Set(),
    earliestStart,
    calendar,
    activities,
    offices: instance.offices,
    rooms: instance.rooms,
    leaders: instance.leaders,
    members: instance.members,
    items: instance.items,
    existing: instance.existingSessions,
    roomFree: instance.rooms.map((room, r) => subtractIntervals(room.free, roomTaken[r])),
    roomSeats: Int32Array.from(instance.rooms.map((r) => r.seats)),
    officeRooms,
    leaderFree: instance.leaders.map((leader, l) => subtractIntervals(leader.free, leaderTaken[l])),
    leaderRole: Int32Array.from(instance.leaders.map((l) => ROLES.indexOf(l.role))),
    roleOfficeLeaders,
    roleOfficeListId: internLists(roleOfficeLeaders),
    leaderListCache: new Map(),
    candLeaderCache: [],
    memberBusy: instance.members.map((m) => mergeIntervals(m.busy)),
    ...reach,
    itemMember,
    itemActivity,
    memberItems,
    candCount: 0,
    candActivity: new Int32Array(0),
    candOffice: new Int32Array(0),
    candDay: new Int32Array(0),
    candStart: new Float64Array(0),
    candEnd: new Float64Array(0),
    candExisting: new Int32Array(0),
    candCapacity: new Int32Array(0),
    candMin: new Int32Array(0),
    candRooms: [],
    slotFirst: new Int32Array(slots).fill(-1),
    slotCount: new Uint8Array(slots),
    slotStatus: new Uint8Array(slots),
    existingBySlot: new Map(),
    itemEdgeStart: new Int32Array(0),
    edgeCand: new Int32Array(0),
    edgeItem: new Int32Array(0),
    edgeKm: new Float32Array(0),
    candEdgeStart: new Int32Array(0),
    candEdges: new Int32Array(0),
  };

  const demand = new Uint8Array(slots);
  markDemand(model, demand);
  const generated = generateCandidates(model, demand);
  const newCount = generated.activity.length;
  if (options.maxOfficesPerItem === undefined && estimateUncappedEdges(model) > EDGE_BUDGET)
    model.maxOfficesPerItem = DEFAULT_MAX_OFFICES_PER_ITEM;
  const existingIndex = appendExistingCandidates(model, generated, {
    activity: activityIds,
    office: officeIds,
    room: roomIds,
  });
  model.candCount = generated.activity.length;
  model.candActivity = Int32Array.from(generated.activity);
  model.candOffice = Int32Array.from(generated.office);
  model.candDay = Int32Array.from(generated.day);
  model.candStart = Float64Array.from(generated.start);
  model.candEnd = Float64Array.from(generated.end);
  model.candCapacity = Int32Array.from(generated.capacity);
  model.candRooms = generated.rooms;
  model.candExisting = new Int32Array(model.candCount).fill(-1);
  model.candMin = new Int32Array(model.candCount);
  for (let c = 0; c < newCount; c++) model.candMin[c] = activities[model.candActivity[c]].minSize;
  existingIndex.forEach((s, k) => {
    const c = newCount + k;
    model.candExisting[c] = s;
    const key = model.candActivity[c] * instance.offices.length + model.candOffice[c];
    const list = model.existingBySlot.get(key);
    if (list === undefined) model.existingBySlot.set(key, [c]);
    else list.push(c);
  });
  buildEdges(model);
  return model;
}

/**
 * The same model with `items` modelled over every reachable office: candidates are shared, only the
 * edges are rebuilt, so a solution of `model` stays valid in the result.
 */
export function withUncappedItems(model: CompiledModel, items: Iterable<number>): CompiledModel {
  const uncappedItems = new Set([...model.uncappedItems, ...items]);
  const extended: CompiledModel = { ...model, uncappedItems };
  const changed = new Set<number>();
  for (const i of uncappedItems) if (!model.uncappedItems.has(i)) changed.add(i);
  buildEdges(extended, model, changed);
  return extended;
}

export function isExistingCandidate(model: CompiledModel, c: number): boolean {
  return model.candExisting[c] >= 0;
}

/** Objective cost of one placement below tiers 1–2: travel km plus a tiny tie-break for earlier dates. */
export function edgeCost(model: CompiledModel, e: number): number {
  return model.edgeKm[e] + DAY_COST_KM * model.candDay[model.edgeCand[e]];
}
