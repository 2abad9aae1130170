import type { Channel } from '../shared/vocabulary/activities.js';
import { PROGRAMME_TEMPLATES, STATUTORY_RULES } from '../booking/catalogue/programme-templates.js';
import { addDays, localDate, localInstant } from '../shared/time/index.js';
import { ACTIVITY_BY_CODE } from '../booking/catalogue/activity-catalogue.js';
import { addWorkingDays, endOfNthWorkingDay } from '../booking/smiley/working-days.js';
import { generateProgrammeItems } from '../booking/programme/programme-generator.js';
import { isoWeekOf, isoWeekStart } from '../shared/time/iso-week.js';
import { mulberry32 } from '../capacity/forecast/core/synthetic.js';
import type { TargetGroup } from '../shared/vocabulary/target-groups.js';
import { travelKm, type GeoPoint } from '../shared/geo.js';
import { MUNICIPALITIES } from '../locations/seed/index.js';
import type { HistoryRow } from './demo-history.js';
import type { DemoOffice } from './demo-organisation.js';
import type { DemoSchedule, PlannedSession, PlannedSlot } from './demo-schedule.js';
import { seededUuid, shuffled } from './demo-time.js';

/** Currently unemployed members at scale 1: the fund's 1,683 full-time-equivalent gross unemployed. */
export const DEMO_ACTIVE_MEMBERS = 1700;
/** Weeks of first days of unemployment the demo members spread over. */
export const DEMO_MEMBER_WEEKS = 26;
/** Weekly exit hazard of the capacity cohort model (mean spell 26 weeks). */
const EXIT_HAZARD = 1 / 26;
const BASIC_IT_NEEDS_SHARE = 0.15;
/** Share of open items inside the next eight weeks that are already booked. */
const FUTURE_BOOKED_SHARE = 0.6;
/** Share of items whose window has passed that were booked at all (the rest are missed unbooked). */
const PAST_BOOKED_SHARE = 0.93;
const MAX_KM = 50;
const DAY_MS = 86_400_000;

export interface DemoMember {
  id: string;
  memberNumber: string;
  name: string;
  municipalityCode: string;
  officeCode: string;
  firstUnemploymentDay: string;
  targetGroup: TargetGroup;
  basicItNeeds: boolean;
}

export interface DemoItem {
  id: string;
  memberId: string;
  activityCode: string;
  required: boolean;
  windowStart: Date;
  windowEnd: Date;
  channels: Channel[];
  status: 'open' | 'booked' | 'done' | 'missed';
  /** 'smiley': the summons a red smiley adds; default 'programme'. */
  origin?: 'programme' | 'smiley';
}

export interface DemoBooking {
  id: string;
  memberId: string;
  itemId: string;
  slotId: string | null;
  sessionId: string | null;
  officeCode: string;
  activityCode: string;
  channel: Channel;
  start: number;
  end: number;
  status: 'booked' | 'attended' | 'no-show' | 'cancelled';
  bookedByRole: 'member' | 'adviser';
  cancelReason: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A member on the waiting list of a full session, for an open item of theirs. */
export interface DemoWaitlistEntry {
  id: string;
  memberId: string;
  itemId: string;
  sessionId: string;
  createdAt: number;
}

/** The job-search smiley of a member who is not green, and what it set going (a service call, a summons item). */
export interface DemoSmiley {
  memberId: string;
  smiley: 'yellow' | 'red';
  /** Yellow: the open service call for the CV meeting's adviser. */
  serviceCall: { officeCode: string; staffNumber: string; dueDate: string } | null;
}

/** Members who show a stage of the programme on the demo sign-in page, by the stage they show. */
export interface DemoShowcase {
  doneWithCvAdviser: string[];
  redSmiley: string[];
  yellowSmiley: string[];
  waitingList: string[];
  bookingTomorrow: string[];
}

export interface DemoCaseload {
  members: DemoMember[];
  items: DemoItem[];
  bookings: DemoBooking[];
  waitlist: DemoWaitlistEntry[];
  smileys: DemoSmiley[];
  showcase: DemoShowcase;
  /** Slots and sessions to store: every one from `now` on, and the past ones that hold a booking. */
  slots: PlannedSlot[];
  sessions: (PlannedSession & { booked: number })[];
}

function copyOf(code: string): string {
  return /-(\d+)$/.exec(code)?.[1] ?? '1';
}

/**
 * The members unemployed today: first days over the last 26 weeks, drawn from the demo inflow history
 * (office, week and target group together) weighted by the cohort model's survival, so recent weeks
 * hold more members than old ones. Each lives in a municipality the home office serves.
 */
export function buildDemoMembers(
  seed: number,
  offices: readonly DemoOffice[],
  history: readonly HistoryRow[],
  today: Date,
  count: number,
): DemoMember[] {
  const random = mulberry32(seed ^ 0x1f3a5b79);
  const todayDate = localDate(today);
  const thisWeek = isoWeekStart(isoWeekOf(today)).toISOString().slice(0, 10);
  const weekMs = 7 * DAY_MS;
  const rows: { officeCode: string; weekStart: string; targetGroup: TargetGroup; weight: number }[] = [];
  for (const row of history) {
    const age = Math.round((Date.parse(thisWeek) - Date.parse(row.weekStart)) / weekMs);
    if (age < 1 || age > DEMO_MEMBER_WEEKS) continue;
    rows.push({ ...row, weight: row.newMembers * (1 - EXIT_HAZARD) ** age });
    // The week under way is not in the history yet: it repeats last week's pattern, for the days so far.
    if (age === 1) rows.push({ ...row, weekStart: thisWeek, weight: row.newMembers * ((isoDay(todayDate) - 0.5) / 7) });
  }
  const cumulative: number[] = [];
  let total = 0;
  for (const row of rows) cumulative.push((total += row.weight));
  const servedBy = municipalitiesByHomeOffice(offices);
  const members: DemoMember[] = [];
  for (let i = 0; i < count && total > 0; i++) {
    const row = rows[lowerBound(cumulative, random() * total)];
    const lastDay = row.weekStart === thisWeek ? isoDay(todayDate) - 1 : 6;
    const office = offices.find((o) => o.code === row.officeCode)!;
    const municipalities = servedBy.get(office.code) ?? [office.municipalityCode];
    const number = String(i + 1).padStart(7, '0');
    members.push({
      id: seededUuid(random),
      memberNumber: `D${number}`,
      name: `Demomedlem ${String(i + 1).padStart(4, '0')}`,
      municipalityCode: municipalities[Math.floor(random() * municipalities.length)],
      officeCode: office.code,
      firstUnemploymentDay: addDays(row.weekStart, Math.floor(random() * (lastDay + 1))),
      targetGroup: row.targetGroup,
      basicItNeeds: random() < BASIC_IT_NEEDS_SHARE,
    });
  }
  return members;
}

function isoDay(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Municipality → nearest office of the same organisation copy, turned around: each office's municipalities. */
function municipalitiesByHomeOffice(offices: readonly DemoOffice[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const copies = new Set(offices.map((o) => copyOf(o.code)));
  for (const copy of copies) {
    const candidates = offices.filter((o) => copyOf(o.code) === copy);
    for (const municipality of MUNICIPALITIES) {
      let best = candidates[0];
      for (const office of candidates) if (travelKm(municipality, office) < travelKm(municipality, best)) best = office;
      result.set(best.code, [...(result.get(best.code) ?? []), municipality.code]);
    }
  }
  return result;
}

interface Cell {
  kind: 'slot' | 'session';
  slot?: PlannedSlot;
  session?: PlannedSession & { booked: number };
  taken: boolean;
}

/** Finds and books slots and seats for one member, keeping them out of two places at once. */
interface Booker {
  findCell(item: DemoItem, from: number, to: number): Cell | undefined;
  book(item: DemoItem, cell: Cell, status: DemoBooking['status']): DemoBooking;
  fits(item: DemoItem, cell: Cell, officeCode: string, from: number, to: number): boolean;
}

/**
 * Programme items for every member (the same generator the service uses) and their bookings: items whose
 * window has passed were mostly booked (attended ~85 %, no-show ~8 %, the rest cancelled) and are done or
 * missed; items under way may already be done; about 60 % of the open items inside the next eight weeks
 * are booked. Bookings go only to free slots and sessions with seats, at offices the member may book
 * (in person within 50 km, by phone or video in their own department), never two at once for a member.
 */
export function buildDemoCaseload(
  seed: number,
  members: readonly DemoMember[],
  offices: readonly DemoOffice[],
  schedule: DemoSchedule,
  now: Date,
  horizonWeeks = 8,
  closures?: ReadonlyMap<string, ReadonlySet<string>>,
): DemoCaseload {
  const random = mulberry32(seed ^ 0x7e3779b9);
  const nowMs = now.getTime();
  const horizon = nowMs + horizonWeeks * 7 * DAY_MS;
  const templates = new Map(PROGRAMME_TEMPLATES.map((t) => [t.targetGroup, t]));
  const officeByCode = new Map(offices.map((o) => [o.code, o]));
  const municipalityByCode = new Map(MUNICIPALITIES.map((m) => [m.code, m]));

  const cells = new Map<string, Cell[]>();
  const addCell = (activity: string, officeCode: string, date: string, cell: Cell) => {
    const key = `${activity}|${officeCode}|${date}`;
    const list = cells.get(key);
    if (list) list.push(cell);
    else cells.set(key, [cell]);
  };
  for (const slot of schedule.slots) {
    const cell: Cell = { kind: 'slot', slot, taken: false };
    for (const code of slot.activityCodes) addCell(code, slot.officeCode, slot.date, cell);
  }
  const sessions = schedule.sessions.map((s) => ({ ...s, booked: 0 }));
  for (const session of sessions)
    addCell(session.activityCode, session.officeCode, session.date, { kind: 'session', session, taken: false });

  const reachCache = new Map<string, { inPerson: Set<string>; remote: Set<string>; all: string[] }>();
  const reachOf = (member: DemoMember) => {
    const key = `${member.municipalityCode}|${member.officeCode}`;
    let reach = reachCache.get(key);
    if (!reach) {
      const home = officeByCode.get(member.officeCode)!;
      const municipality = municipalityByCode.get(member.municipalityCode);
      const point: GeoPoint = municipality ?? home;
      const sameCopy = offices.filter((o) => copyOf(o.code) === copyOf(home.code));
      const inPerson = new Set(
        sameCopy.filter((o) => o.code === home.code || travelKm(point, o) <= MAX_KM).map((o) => o.code),
      );
      const remote = new Set(sameCopy.filter((o) => o.departmentCode === home.departmentCode).map((o) => o.code));
      reach = { inPerson, remote, all: [...new Set([...inPerson, ...remote])] };
      reachCache.set(key, reach);
    }
    return reach;
  };

  const items: DemoItem[] = [];
  const bookings: DemoBooking[] = [];
  const pastUsedSlots = new Set<string>();
  const pastUsedSessions = new Set<string>();
  const busyByMember = new Map<string, [number, number][]>();

  /** Finding a free slot or seat for a member's item, and booking it; `rng` decides the order tried. */
  const bookerFor = (member: DemoMember, rng: () => number): Booker => {
    const reach = reachOf(member);
    let busy = busyByMember.get(member.id);
    if (!busy) busyByMember.set(member.id, (busy = []));
    const memberBusy = busy;

    const fits = (item: DemoItem, cell: Cell, officeCode: string, from: number, to: number): boolean => {
      const channel: Channel = cell.slot ? cell.slot.channel : 'in-person';
      const start = cell.slot?.start ?? cell.session!.start;
      const end = cell.slot?.end ?? cell.session!.end;
      if (
        cell.taken ||
        start < from ||
        end > to ||
        start < item.windowStart.getTime() ||
        end > item.windowEnd.getTime()
      )
        return false;
      if (!item.channels.includes(channel)) return false;
      if (channel === 'in-person' ? !reach.inPerson.has(officeCode) : !reach.remote.has(officeCode)) return false;
      if (cell.session && cell.session.booked >= cell.session.capacity) return false;
      return !memberBusy.some(([s, e]) => s < end && start < e);
    };

    const findCell = (item: DemoItem, from: number, to: number): Cell | undefined => {
      const firstDate = localDate(new Date(Math.max(item.windowStart.getTime(), from)));
      const lastDate = localDate(new Date(Math.min(item.windowEnd.getTime(), to) - 1));
      const dates: string[] = [];
      for (let date = firstDate; date <= lastDate; date = addDays(date, 1)) dates.push(date);
      for (const date of shuffled(dates, rng)) {
        for (const officeCode of shuffled(reach.all, rng)) {
          for (const cell of cells.get(`${item.activityCode}|${officeCode}|${date}`) ?? []) {
            if (fits(item, cell, officeCode, from, to)) return cell;
          }
        }
      }
      return undefined;
    };

    const book = (item: DemoItem, cell: Cell, status: DemoBooking['status']): DemoBooking => {
      const slot = cell.slot;
      const session = cell.session;
      const start = slot?.start ?? session!.start;
      const end = slot?.end ?? session!.end;
      if (slot) cell.taken = true;
      if (session && status !== 'cancelled') session.booked += 1;
      if (status !== 'cancelled') memberBusy.push([start, end]);
      if (start < nowMs) (slot ? pastUsedSlots : pastUsedSessions).add(slot?.id ?? session!.id);
      const createdAt = Math.min(start - DAY_MS * (1 + Math.floor(rng() * 10)), nowMs - 60_000);
      const booking: DemoBooking = {
        id: seededUuid(rng),
        memberId: member.id,
        itemId: item.id,
        slotId: slot?.id ?? null,
        sessionId: session?.id ?? null,
        officeCode: slot?.officeCode ?? session!.officeCode,
        activityCode: item.activityCode,
        channel: slot?.channel ?? 'in-person',
        start,
        end,
        status,
        bookedByRole: rng() < 0.8 ? 'member' : 'adviser',
        cancelReason: status === 'cancelled' ? 'member' : null,
        createdAt,
        updatedAt:
          status === 'attended' || status === 'no-show'
            ? end
            : status === 'cancelled'
              ? Math.min(createdAt + DAY_MS, start)
              : createdAt,
      };
      bookings.push(booking);
      return booking;
    };
    return { findCell, book, fits };
  };

  for (const member of members) {
    const template = templates.get(member.targetGroup)!;
    const generated = generateProgrammeItems(member, template.items, STATUTORY_RULES);
    const { findCell, book } = bookerFor(member, random);

    for (const entry of generated) {
      const item: DemoItem = { id: seededUuid(random), memberId: member.id, ...entry, status: 'open' };
      items.push(item);
      const windowStart = item.windowStart.getTime();
      const windowEnd = item.windowEnd.getTime();
      if (windowStart < nowMs) {
        // Past part of the window: a booking already held, more likely the more of the window has gone.
        const passed = windowEnd <= nowMs;
        const chance = passed ? PAST_BOOKED_SHARE : 0.8 * ((nowMs - windowStart) / (windowEnd - windowStart));
        const cell = random() < chance ? findCell(item, windowStart, nowMs) : undefined;
        if (cell) {
          const roll = random();
          const status = roll < 0.85 ? 'attended' : roll < 0.93 ? 'no-show' : 'cancelled';
          book(item, cell, status);
          if (status === 'attended') item.status = 'done';
        }
        if (passed) {
          if (item.status !== 'done') item.status = 'missed';
          continue;
        }
        if (item.status === 'done') continue;
      }
      if (windowStart < horizon && random() < FUTURE_BOOKED_SHARE) {
        const cell = findCell(item, nowMs, horizon);
        if (cell) {
          book(item, cell, 'booked');
          item.status = 'booked';
        }
      }
    }
  }

  const showcase = addShowcase({
    seed,
    now,
    horizon,
    members,
    items,
    bookings,
    sessions,
    slots: schedule.slots,
    cells,
    closures: closures ?? new Map(),
    bookerFor,
  });

  return {
    members: [...members],
    items,
    bookings,
    waitlist: showcase.waitlist,
    smileys: showcase.smileys,
    showcase: showcase.showcase,
    slots: schedule.slots.filter((s) => s.start >= nowMs || pastUsedSlots.has(s.id)),
    sessions: sessions.filter((s) => s.start >= nowMs || pastUsedSessions.has(s.id)),
  };
}

/** Members waiting for the seat of the full session the showcase makes. */
const WAITING = 2;
/** Members shown per stage on the sign-in page (done items, each smiley colour, a booking on the next day). */
const PER_STAGE = 2;

interface ShowcaseInput {
  seed: number;
  now: Date;
  horizon: number;
  members: readonly DemoMember[];
  items: DemoItem[];
  bookings: DemoBooking[];
  sessions: (PlannedSession & { booked: number })[];
  slots: readonly PlannedSlot[];
  cells: Map<string, Cell[]>;
  closures: ReadonlyMap<string, ReadonlySet<string>>;
  bookerFor: (member: DemoMember, rng: () => number) => Booker;
}

/**
 * Makes sure the demo shows every stage of a programme, deterministically and with its own random stream (so
 * the rest of the caseload is the same with or without it): a full group session with members on its waiting
 * list, members with a booking on the next day that has appointments, members with done items whose CV meeting
 * was with an adviser (continuity shows when they book), and members with a yellow smiley (an open service call
 * for that adviser) or a red one (a summons within 5 working days, booked when a time is free).
 */
function addShowcase(input: ShowcaseInput): {
  waitlist: DemoWaitlistEntry[];
  smileys: DemoSmiley[];
  showcase: DemoShowcase;
} {
  const rng = mulberry32(input.seed ^ 0x51ed2701);
  const nowMs = input.now.getTime();
  const today = localDate(input.now);
  const memberById = new Map(input.members.map((m) => [m.id, m]));
  const byNumber = (a: DemoMember, b: DemoMember) => a.memberNumber.localeCompare(b.memberNumber);
  const showcase: DemoShowcase = {
    doneWithCvAdviser: [],
    redSmiley: [],
    yellowSmiley: [],
    waitingList: [],
    bookingTomorrow: [],
  };
  const used = new Set<string>();
  const waitlist: DemoWaitlistEntry[] = [];
  const smileys: DemoSmiley[] = [];

  // A full session with a waiting list: of the group sessions from two days ahead, the one with the fewest free seats (then the
  // soonest) that members with an open item for it can fill with WAITING to spare.
  const openByActivity = new Map<string, DemoItem[]>();
  for (const item of input.items)
    if (item.status === 'open')
      openByActivity.set(item.activityCode, [...(openByActivity.get(item.activityCode) ?? []), item]);
  const future = input.sessions
    .filter((s) => s.start >= nowMs + 2 * DAY_MS && s.start < input.horizon && s.booked < s.capacity)
    .sort((a, b) => a.capacity - a.booked - (b.capacity - b.booked) || a.start - b.start || a.id.localeCompare(b.id));
  for (const session of future) {
    const free = session.capacity - session.booked;
    const cell = (input.cells.get(`${session.activityCode}|${session.officeCode}|${session.date}`) ?? []).find(
      (c) => c.session === session,
    );
    if (!cell) continue;
    const candidates: { item: DemoItem; booker: Booker }[] = [];
    const chosen = new Set<string>();
    for (const item of openByActivity.get(session.activityCode) ?? []) {
      if (item.status !== 'open' || chosen.has(item.memberId)) continue;
      const booker = input.bookerFor(memberById.get(item.memberId)!, rng);
      if (!booker.fits(item, cell, session.officeCode, nowMs, input.horizon)) continue;
      candidates.push({ item, booker });
      chosen.add(item.memberId);
      if (candidates.length === free + WAITING) break;
    }
    // Too few members for the free seats: the office offers fewer seats (never below the session's minimum).
    const seats = candidates.length - WAITING;
    if (seats < 1 || session.booked + seats < Math.max(session.minParticipants, 2)) continue;
    session.capacity = session.booked + seats;
    for (const { item, booker } of candidates.slice(0, seats)) {
      booker.book(item, cell, 'booked');
      item.status = 'booked';
    }
    candidates.slice(seats).forEach(({ item }, k) => {
      waitlist.push({
        id: seededUuid(rng),
        memberId: item.memberId,
        itemId: item.id,
        sessionId: session.id,
        createdAt: nowMs - (WAITING - k) * 3600_000,
      });
      showcase.waitingList.push(item.memberId);
      used.add(item.memberId);
    });
    break;
  }

  // A booking on the next day with appointments (tomorrow, or Monday after a Friday).
  for (let ahead = 1; ahead <= 4 && showcase.bookingTomorrow.length === 0; ahead++) {
    const day = addDays(today, ahead);
    const start = localInstant(day, '00:00').getTime();
    const end = localInstant(addDays(day, 1), '00:00').getTime();
    const booked = input.bookings
      .filter(
        (b) => b.status === 'booked' && b.slotId !== null && b.start >= start && b.start < end && !used.has(b.memberId),
      )
      .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
    for (const booking of booked) {
      if (showcase.bookingTomorrow.length >= PER_STAGE || showcase.bookingTomorrow.includes(booking.memberId)) continue;
      showcase.bookingTomorrow.push(booking.memberId);
      used.add(booking.memberId);
    }
  }

  // Members with done items whose CV meeting was held by an adviser and who still have an item to book now.
  const slotById = new Map(input.slots.map((slot) => [slot.id, slot]));
  const cvAdviser = new Map<string, string>();
  for (const b of input.bookings) {
    if (b.activityCode === 'cv-meeting' && b.status === 'attended' && b.slotId)
      cvAdviser.set(b.memberId, slotById.get(b.slotId)!.staffNumber);
  }
  const doneCount = new Map<string, number>();
  const bookableNow = new Set<string>();
  for (const item of input.items) {
    if (item.status === 'done') doneCount.set(item.memberId, (doneCount.get(item.memberId) ?? 0) + 1);
    if (item.status === 'open' && item.windowStart.getTime() <= nowMs && item.windowEnd.getTime() > nowMs + 7 * DAY_MS)
      bookableNow.add(item.memberId);
  }
  const eligible = input.members
    .filter((m) => cvAdviser.has(m.id) && (doneCount.get(m.id) ?? 0) >= 2 && bookableNow.has(m.id))
    .sort(byNumber);
  const pick = (): DemoMember | undefined => {
    const left = eligible.filter((m) => !used.has(m.id));
    if (left.length === 0) return undefined;
    const member = left[Math.floor(rng() * left.length)];
    used.add(member.id);
    return member;
  };
  for (let k = 0; k < PER_STAGE; k++) {
    const member = pick();
    if (member) showcase.doneWithCvAdviser.push(member.id);
  }
  for (let k = 0; k < PER_STAGE; k++) {
    const member = pick();
    if (!member) break;
    const closures = input.closures.get(member.officeCode) ?? new Set<string>();
    smileys.push({
      memberId: member.id,
      smiley: 'yellow',
      serviceCall: {
        officeCode: member.officeCode,
        staffNumber: cvAdviser.get(member.id)!,
        dueDate: addWorkingDays(today, 2, closures),
      },
    });
    showcase.yellowSmiley.push(member.id);
  }
  for (let k = 0; k < PER_STAGE; k++) {
    const member = pick();
    if (!member) break;
    const closures = input.closures.get(member.officeCode) ?? new Set<string>();
    smileys.push({ memberId: member.id, smiley: 'red', serviceCall: null });
    showcase.redSmiley.push(member.id);
    const summons: DemoItem = {
      id: seededUuid(rng),
      memberId: member.id,
      activityCode: 'summons',
      required: true,
      windowStart: input.now,
      windowEnd: endOfNthWorkingDay(input.now, 5, closures).end,
      channels: [...(ACTIVITY_BY_CODE.get('summons')?.channels ?? ['in-person'])],
      status: 'open',
      origin: 'smiley',
    };
    input.items.push(summons);
    // The first red summons is booked, the second waits for a time (as when no time is free within 5 working days).
    const booker = input.bookerFor(member, rng);
    const cell = k === 0 ? booker.findCell(summons, nowMs, summons.windowEnd.getTime()) : undefined;
    if (cell) {
      booker.book(summons, cell, 'booked');
      summons.status = 'booked';
    }
  }
  return { waitlist, smileys, showcase };
}
