import type { DemandRow } from '../demand/project-demand.js';

/** Hours of a full-time week (the Danish 37-hour week): the unit of "advisers needed in FTE". */
export const FULL_TIME_WEEK_HOURS = 37;
/** "Published far beyond demand": slot hours at least this multiple of the individual demand… */
export const BEYOND_DEMAND_FACTOR = 1.5;
/** …and at least this many hours over it (one theme day's leader time), so small offices are not flagged for an hour. */
export const BEYOND_DEMAND_MIN_HOURS = 6;
/** "Publish N more hours" from a gap of this many hours on (smaller gaps are rounding). */
export const PUBLISH_MORE_MIN_HOURS = 1;

export interface PublishedSlot {
  officeId: string;
  week: string;
  /** The activities the slot offers. */
  activityCodes: readonly string[];
  /** Leader role of the person who published it. */
  role: string;
  hours: number;
}

export interface OfficeWeekHours {
  officeId: string;
  week: string;
  activity: string;
  hours: number;
}

export interface ScheduledSession extends OfficeWeekHours {
  /** Seats booked. */
  booked: number;
}

export interface OfficeWeekActivity {
  activity: string;
  kind: 'individual' | 'group';
  demandHours: number;
  plannedHours: number;
  /** Slot hours (shared among the activities a slot offers in proportion to their demand) or session leader hours. */
  publishedHours: number;
  bookedHours: number;
  /** Seats waiting at the end of the week for a session that reaches its minimum (group activities). */
  waitingSeats: number;
}

export interface OfficeWeek {
  officeId: string;
  week: string;
  demandHours: number;
  /** The accepted allocation's hours for the office and week. */
  plannedHours: number;
  publishedSlotHours: number;
  publishedSessionHours: number;
  /** Booked meetings' hours in slots, plus the leader hours of sessions with at least one seat booked. */
  bookedHours: number;
  /** Published slot hours with no booking: time that can be withdrawn and given to a session. */
  convertibleHours: number;
  /** Per leader role: slot hours published by people of the role, the role's individual-meeting demand, and the unbooked part. */
  byRole: Record<string, { publishedSlotHours: number; individualDemandHours: number; convertibleHours: number }>;
  /** The office's own staff's programme hours (each person once). */
  supplyHours: number;
  advisersNeededFte: number | null;
  advisersAvailableFte: number | null;
  waitingSeats: number;
  activities: OfficeWeekActivity[];
}

export type Signal =
  | { kind: 'publish-more'; officeId: string; week: string; activity: string; hours: number }
  | { kind: 'published-beyond-demand'; officeId: string; week: string; role: string; hours: number; convertibleHours: number }
  | { kind: 'advisers-short'; officeId: string; week: string; neededFte: number; availableFte: number };

export interface OfficeWeekInput {
  demand: readonly DemandRow[];
  planned: readonly OfficeWeekHours[];
  slots: readonly PublishedSlot[];
  /** Booked hours of individual meetings in slots, per activity booked. */
  slotBookings: readonly OfficeWeekHours[];
  sessions: readonly ScheduledSession[];
  /** Programme hours of each office's own staff per week, and of its advisers. */
  supply: readonly { officeId: string; week: string; hours: number; adviserHours: number }[];
  /** Advisers' default programme share per week (for FTE: a full-time adviser gives 37 h × share). */
  adviserShareByWeek: ReadonlyMap<string, number>;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const key = (officeId: string, week: string) => `${officeId}|${week}`;
/** `a.localeCompare(b)` without building a collator for every call (the same ordering: ECMA-402 defines one by the other). */
const compareText = new Intl.Collator().compare;

/**
 * Splits each slot's hours among the activities it offers, in proportion to their demand at the office that week
 * (equally when none of them has demand), so per-activity published hours add up to the slot hours.
 */
export function splitSlotHours(slots: readonly PublishedSlot[], demandHours: ReadonlyMap<string, number>): Map<string, number> {
  const published = new Map<string, number>();
  for (const slot of slots) {
    const codes = [...new Set(slot.activityCodes)];
    if (codes.length === 0) continue;
    const weights = codes.map((code) => demandHours.get(`${slot.officeId}|${slot.week}|${code}`) ?? 0);
    const total = weights.reduce((a, b) => a + b, 0);
    codes.forEach((code, i) => {
      const k = `${slot.officeId}|${slot.week}|${code}`;
      published.set(k, (published.get(k) ?? 0) + slot.hours * (total > 0 ? weights[i] / total : 1 / codes.length));
    });
  }
  return published;
}

/**
 * Per office and week, side by side: forecast demand, the accepted allocation's planned hours, published slot and
 * session hours, booked hours, the unbooked slot time that could be turned into sessions, and advisers needed and
 * present in full-time equivalents. Weeks × offices with nothing in any column are left out.
 */
export function buildOfficeWeeks(input: OfficeWeekInput): OfficeWeek[] {
  const demandByActivity = new Map<string, number>();
  const kinds = new Map<string, 'individual' | 'group'>();
  const waiting = new Map<string, number>();
  for (const row of input.demand) {
    const k = `${row.officeId}|${row.week}|${row.activity}`;
    demandByActivity.set(k, (demandByActivity.get(k) ?? 0) + row.hours);
    waiting.set(k, (waiting.get(k) ?? 0) + (row.waitingSeats ?? 0));
    kinds.set(row.activity, row.kind);
  }
  const published = splitSlotHours(input.slots, demandByActivity);
  const planned = new Map<string, number>();
  for (const row of input.planned) planned.set(`${row.officeId}|${row.week}|${row.activity}`, (planned.get(`${row.officeId}|${row.week}|${row.activity}`) ?? 0) + row.hours);
  const booked = new Map<string, number>();
  for (const row of input.slotBookings) booked.set(`${row.officeId}|${row.week}|${row.activity}`, (booked.get(`${row.officeId}|${row.week}|${row.activity}`) ?? 0) + row.hours);
  for (const session of input.sessions) {
    const k = `${session.officeId}|${session.week}|${session.activity}`;
    published.set(k, (published.get(k) ?? 0) + session.hours);
    if (session.booked > 0) booked.set(k, (booked.get(k) ?? 0) + session.hours);
    kinds.set(session.activity, 'group');
  }

  const weeks = new Map<string, OfficeWeek>();
  const weekOf = (officeId: string, week: string): OfficeWeek => {
    let entry = weeks.get(key(officeId, week));
    if (!entry) {
      entry = {
        officeId, week, demandHours: 0, plannedHours: 0, publishedSlotHours: 0, publishedSessionHours: 0, bookedHours: 0,
        convertibleHours: 0, byRole: {}, supplyHours: 0, advisersNeededFte: null, advisersAvailableFte: null, waitingSeats: 0, activities: [],
      };
      weeks.set(key(officeId, week), entry);
    }
    return entry;
  };
  const activityKeys = new Set([...demandByActivity.keys(), ...published.keys(), ...planned.keys(), ...booked.keys()]);
  for (const k of activityKeys) {
    const [officeId, week, activity] = k.split('|');
    const entry = weekOf(officeId, week);
    const row: OfficeWeekActivity = {
      activity,
      kind: kinds.get(activity) ?? 'individual',
      demandHours: round2(demandByActivity.get(k) ?? 0),
      plannedHours: round2(planned.get(k) ?? 0),
      publishedHours: round2(published.get(k) ?? 0),
      bookedHours: round2(booked.get(k) ?? 0),
      waitingSeats: round2(waiting.get(k) ?? 0),
    };
    entry.activities.push(row);
    entry.demandHours += demandByActivity.get(k) ?? 0;
    entry.plannedHours += planned.get(k) ?? 0;
    entry.bookedHours += booked.get(k) ?? 0;
    entry.waitingSeats += waiting.get(k) ?? 0;
  }
  const slotBooked = new Map<string, number>();
  for (const row of input.slotBookings) slotBooked.set(key(row.officeId, row.week), (slotBooked.get(key(row.officeId, row.week)) ?? 0) + row.hours);
  const slotHoursByRole = new Map<string, Map<string, number>>();
  for (const slot of input.slots) {
    const entry = weekOf(slot.officeId, slot.week);
    entry.publishedSlotHours += slot.hours;
    const byRole = slotHoursByRole.get(key(slot.officeId, slot.week)) ?? new Map<string, number>();
    byRole.set(slot.role, (byRole.get(slot.role) ?? 0) + slot.hours);
    slotHoursByRole.set(key(slot.officeId, slot.week), byRole);
  }
  for (const session of input.sessions) weekOf(session.officeId, session.week).publishedSessionHours += session.hours;
  const adviserDemand = new Map<string, number>();
  const individualByRole = new Map<string, Map<string, number>>();
  for (const row of input.demand) {
    const k = key(row.officeId, row.week);
    if (row.role === 'adviser') adviserDemand.set(k, (adviserDemand.get(k) ?? 0) + row.hours);
    if (row.kind !== 'individual') continue;
    const byRole = individualByRole.get(k) ?? new Map<string, number>();
    byRole.set(row.role, (byRole.get(row.role) ?? 0) + row.hours);
    individualByRole.set(k, byRole);
  }
  for (const row of input.supply) {
    if (row.hours <= 0 && !weeks.has(key(row.officeId, row.week))) continue;
    const entry = weekOf(row.officeId, row.week);
    entry.supplyHours += row.hours;
    const share = input.adviserShareByWeek.get(row.week) ?? 0;
    if (share > 0) entry.advisersAvailableFte = round2((entry.advisersAvailableFte ?? 0) + row.adviserHours / (FULL_TIME_WEEK_HOURS * share));
  }

  for (const entry of weeks.values()) {
    const k = key(entry.officeId, entry.week);
    const share = input.adviserShareByWeek.get(entry.week) ?? 0;
    if (share > 0) {
      entry.advisersNeededFte = round2((adviserDemand.get(k) ?? 0) / (FULL_TIME_WEEK_HOURS * share));
      entry.advisersAvailableFte ??= 0;
    }
    // Unbooked slot time, by the role of whoever published it; bookings are taken from the roles in proportion.
    const byRole = slotHoursByRole.get(k) ?? new Map<string, number>();
    const unbooked = Math.max(0, entry.publishedSlotHours - (slotBooked.get(k) ?? 0));
    const demandByRole = individualByRole.get(k) ?? new Map<string, number>();
    for (const role of new Set([...byRole.keys(), ...demandByRole.keys()])) {
      const hours = byRole.get(role) ?? 0;
      entry.byRole[role] = {
        publishedSlotHours: round2(hours),
        individualDemandHours: round2(demandByRole.get(role) ?? 0),
        convertibleHours: round2(entry.publishedSlotHours > 0 ? (unbooked * hours) / entry.publishedSlotHours : 0),
      };
    }
    entry.convertibleHours = round2(unbooked);
    entry.demandHours = round2(entry.demandHours);
    entry.plannedHours = round2(entry.plannedHours);
    entry.publishedSlotHours = round2(entry.publishedSlotHours);
    entry.publishedSessionHours = round2(entry.publishedSessionHours);
    entry.bookedHours = round2(entry.bookedHours);
    entry.supplyHours = round2(entry.supplyHours);
    entry.waitingSeats = round2(entry.waitingSeats);
    entry.activities.sort((a, b) => b.demandHours - a.demandHours || compareText(a.activity, b.activity));
  }
  return [...weeks.values()].sort((a, b) => compareText(a.week, b.week) || compareText(a.officeId, b.officeId));
}

/**
 * What a coordinator can act on: activities whose demand exceeds what is published ("publish N more hours", whole
 * hours rounded up), leader roles at an office whose published slot time is far beyond their individual-meeting demand
 * (time that could lead sessions instead), and weeks that need more advisers than are present. Largest first within
 * each kind.
 */
export function planSignals(weeks: readonly OfficeWeek[]): Signal[] {
  const publish: Signal[] = [];
  const beyond: Signal[] = [];
  const advisers: Signal[] = [];
  for (const entry of weeks) {
    for (const activity of entry.activities) {
      const gap = activity.demandHours - activity.publishedHours;
      if (gap >= PUBLISH_MORE_MIN_HOURS) publish.push({ kind: 'publish-more', officeId: entry.officeId, week: entry.week, activity: activity.activity, hours: Math.ceil(gap - 1e-9) });
    }
    for (const [role, hours] of Object.entries(entry.byRole)) {
      const surplus = hours.publishedSlotHours - hours.individualDemandHours;
      if (surplus >= BEYOND_DEMAND_MIN_HOURS && hours.publishedSlotHours >= BEYOND_DEMAND_FACTOR * hours.individualDemandHours) {
        beyond.push({ kind: 'published-beyond-demand', officeId: entry.officeId, week: entry.week, role, hours: round2(surplus), convertibleHours: hours.convertibleHours });
      }
    }
    if (entry.advisersNeededFte !== null && entry.advisersAvailableFte !== null && entry.advisersNeededFte > entry.advisersAvailableFte + 0.005) {
      advisers.push({ kind: 'advisers-short', officeId: entry.officeId, week: entry.week, neededFte: entry.advisersNeededFte, availableFte: entry.advisersAvailableFte });
    }
  }
  const size = (s: Signal) => (s.kind === 'advisers-short' ? s.neededFte - s.availableFte : s.hours);
  const order = (a: Signal, b: Signal) => size(b) - size(a) || compareText(a.week, b.week) || compareText(a.officeId, b.officeId);
  return [...publish.sort(order), ...beyond.sort(order), ...advisers.sort(order)];
}
