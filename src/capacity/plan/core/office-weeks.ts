import type { DemandRow } from './demand/project-demand.js';
import { rankOf } from './capacity-plan.js';

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

/** An activity of an office-week (its kind is the plan's, in `activities`). Left out when all its figures are 0. */
export interface OfficeWeekActivity {
  activity: string;
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
  | {
      kind: 'published-beyond-demand';
      officeId: string;
      week: string;
      role: string;
      hours: number;
      convertibleHours: number;
    }
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
/** `a.localeCompare(b)` without building a collator for every call (the same ordering: ECMA-402 defines one by the other). */
const compareText = new Intl.Collator().compare;

/**
 * Splits each slot's hours among the activities it offers, in proportion to their demand at the office that week
 * (equally when none of them has demand), so per-activity published hours add up to the slot hours.
 */
export function splitSlotHours(
  slots: readonly PublishedSlot[],
  demandHours: ReadonlyMap<string, number>,
): Map<string, number> {
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

/** One activity of an office-week while it is summed (undefined: no row of that input yet, as a missing map key was). */
interface ActivitySums {
  activity: string;
  demand: number | undefined;
  waiting: number;
  published: number | undefined;
  planned: number | undefined;
  booked: number | undefined;
}

interface OfficeWeekSums {
  entry: OfficeWeek | undefined;
  /** The office-week's activities in the order they were first seen: demand, published, planned, then booked. */
  activities: Map<string, ActivitySums>;
  slotHoursByRole: Map<string, number> | undefined;
  slotBooked: number | undefined;
  adviserDemand: number | undefined;
  individualByRole: Map<string, number> | undefined;
}

/**
 * Per office and week, side by side: forecast demand, the accepted allocation's planned hours, published slot and
 * session hours, booked hours, the unbooked slot time that could be turned into sessions, and advisers needed and
 * present in full-time equivalents. Weeks × offices with nothing in any column are left out.
 *
 * Sums are kept per office and week (office, then week, looked up in nested maps instead of a joined string key per
 * input row), and every sum adds the same numbers in the same order as the one map per input did before
 * (see capacity-plan-equivalence.spec.ts), so the result is the same to the last digit.
 */
export function buildOfficeWeeks(input: OfficeWeekInput): OfficeWeek[] {
  const byOffice = new Map<string, Map<string, OfficeWeekSums>>();
  const activityCodes = new Set<string>();
  const sumsOf = (officeId: string, week: string): OfficeWeekSums => {
    let weeks = byOffice.get(officeId);
    if (!weeks) byOffice.set(officeId, (weeks = new Map()));
    let sums = weeks.get(week);
    if (!sums) {
      sums = {
        entry: undefined,
        activities: new Map(),
        slotHoursByRole: undefined,
        slotBooked: undefined,
        adviserDemand: undefined,
        individualByRole: undefined,
      };
      weeks.set(week, sums);
    }
    return sums;
  };
  const activityOf = (sums: OfficeWeekSums, activity: string): ActivitySums => {
    let row = sums.activities.get(activity);
    if (!row) {
      row = { activity, demand: undefined, waiting: 0, published: undefined, planned: undefined, booked: undefined };
      sums.activities.set(activity, row);
      activityCodes.add(activity);
    }
    return row;
  };
  for (const row of input.demand) {
    const sums = sumsOf(row.officeId, row.week);
    const activity = activityOf(sums, row.activity);
    activity.demand = (activity.demand ?? 0) + row.hours;
    activity.waiting += row.waitingSeats ?? 0;
    if (row.role === 'adviser') sums.adviserDemand = (sums.adviserDemand ?? 0) + row.hours;
    if (row.kind !== 'individual') continue;
    sums.individualByRole ??= new Map();
    sums.individualByRole.set(row.role, (sums.individualByRole.get(row.role) ?? 0) + row.hours);
  }
  // Slot hours shared among the activities a slot offers (as splitSlotHours does), then sessions' leader hours.
  for (const slot of input.slots) {
    const codes = [...new Set(slot.activityCodes)];
    if (codes.length === 0) continue;
    const sums = sumsOf(slot.officeId, slot.week);
    const weights = codes.map((code) => sums.activities.get(code)?.demand ?? 0);
    const total = weights.reduce((a, b) => a + b, 0);
    codes.forEach((code, i) => {
      const activity = activityOf(sums, code);
      activity.published = (activity.published ?? 0) + slot.hours * (total > 0 ? weights[i] / total : 1 / codes.length);
    });
  }
  for (const session of input.sessions) {
    const activity = activityOf(sumsOf(session.officeId, session.week), session.activity);
    activity.published = (activity.published ?? 0) + session.hours;
  }
  for (const row of input.planned) {
    const activity = activityOf(sumsOf(row.officeId, row.week), row.activity);
    activity.planned = (activity.planned ?? 0) + row.hours;
  }
  for (const row of input.slotBookings) {
    const sums = sumsOf(row.officeId, row.week);
    const activity = activityOf(sums, row.activity);
    activity.booked = (activity.booked ?? 0) + row.hours;
    sums.slotBooked = (sums.slotBooked ?? 0) + row.hours;
  }
  for (const session of input.sessions) {
    if (session.booked > 0) {
      const activity = activityOf(sumsOf(session.officeId, session.week), session.activity);
      activity.booked = (activity.booked ?? 0) + session.hours;
    }
  }

  const entryOf = (officeId: string, week: string, sums: OfficeWeekSums): OfficeWeek =>
    (sums.entry ??= {
      officeId,
      week,
      demandHours: 0,
      plannedHours: 0,
      publishedSlotHours: 0,
      publishedSessionHours: 0,
      bookedHours: 0,
      convertibleHours: 0,
      byRole: {},
      supplyHours: 0,
      advisersNeededFte: null,
      advisersAvailableFte: null,
      waitingSeats: 0,
      activities: [],
    });
  for (const [officeId, weeks] of byOffice) {
    for (const [week, sums] of weeks) {
      if (sums.activities.size === 0) continue;
      const entry = entryOf(officeId, week, sums);
      for (const a of sums.activities.values()) {
        const demandHours = round2(a.demand ?? 0);
        const plannedHours = round2(a.planned ?? 0);
        const publishedHours = round2(a.published ?? 0);
        const bookedHours = round2(a.booked ?? 0);
        const waitingSeats = round2(a.waiting);
        // An activity with nothing to show (demand rows of no hours, a slot's share of 0) says nothing: 10 % of them.
        if (demandHours !== 0 || plannedHours !== 0 || publishedHours !== 0 || bookedHours !== 0 || waitingSeats !== 0)
          entry.activities.push({
            activity: a.activity,
            demandHours,
            plannedHours,
            publishedHours,
            bookedHours,
            waitingSeats,
          });
        entry.demandHours += a.demand ?? 0;
        entry.plannedHours += a.planned ?? 0;
        entry.bookedHours += a.booked ?? 0;
        entry.waitingSeats += a.waiting;
      }
    }
  }
  for (const slot of input.slots) {
    const sums = sumsOf(slot.officeId, slot.week);
    const entry = entryOf(slot.officeId, slot.week, sums);
    entry.publishedSlotHours += slot.hours;
    sums.slotHoursByRole ??= new Map();
    sums.slotHoursByRole.set(slot.role, (sums.slotHoursByRole.get(slot.role) ?? 0) + slot.hours);
  }
  for (const session of input.sessions) {
    const sums = sumsOf(session.officeId, session.week);
    entryOf(session.officeId, session.week, sums).publishedSessionHours += session.hours;
  }
  for (const row of input.supply) {
    const sums = byOffice.get(row.officeId)?.get(row.week);
    if (row.hours <= 0 && !sums?.entry) continue;
    const entry = entryOf(row.officeId, row.week, sums ?? sumsOf(row.officeId, row.week));
    entry.supplyHours += row.hours;
    const share = input.adviserShareByWeek.get(row.week) ?? 0;
    if (share > 0)
      entry.advisersAvailableFte = round2(
        (entry.advisersAvailableFte ?? 0) + row.adviserHours / (FULL_TIME_WEEK_HOURS * share),
      );
  }

  const entries: OfficeWeek[] = [];
  const activityRank = rankOf(activityCodes);
  for (const weeks of byOffice.values()) {
    for (const sums of weeks.values()) {
      const entry = sums.entry;
      if (!entry) continue;
      entries.push(entry);
      const share = input.adviserShareByWeek.get(entry.week) ?? 0;
      if (share > 0) {
        entry.advisersNeededFte = round2((sums.adviserDemand ?? 0) / (FULL_TIME_WEEK_HOURS * share));
        entry.advisersAvailableFte ??= 0;
      }
      // Unbooked slot time, by the role of whoever published it; bookings are taken from the roles in proportion.
      const byRole = sums.slotHoursByRole ?? new Map<string, number>();
      const unbooked = Math.max(0, entry.publishedSlotHours - (sums.slotBooked ?? 0));
      const demandByRole = sums.individualByRole ?? new Map<string, number>();
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
      entry.activities.sort((a, b) => b.demandHours - a.demandHours || rankIn(activityRank, a.activity, b.activity));
    }
  }
  const weekRank = rankOf(entries.map((e) => e.week));
  const officeRank = rankOf(byOffice.keys());
  return entries.sort(
    (a, b) =>
      weekRank.get(a.week)! - weekRank.get(b.week)! || officeRank.get(a.officeId)! - officeRank.get(b.officeId)!,
  );
}

const rankIn = (rank: ReadonlyMap<string, number>, a: string, b: string) => rank.get(a)! - rank.get(b)!;

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
      if (gap >= PUBLISH_MORE_MIN_HOURS)
        publish.push({
          kind: 'publish-more',
          officeId: entry.officeId,
          week: entry.week,
          activity: activity.activity,
          hours: Math.ceil(gap - 1e-9),
        });
    }
    for (const [role, hours] of Object.entries(entry.byRole)) {
      const surplus = hours.publishedSlotHours - hours.individualDemandHours;
      if (
        surplus >= BEYOND_DEMAND_MIN_HOURS &&
        hours.publishedSlotHours >= BEYOND_DEMAND_FACTOR * hours.individualDemandHours
      ) {
        beyond.push({
          kind: 'published-beyond-demand',
          officeId: entry.officeId,
          week: entry.week,
          role,
          hours: round2(surplus),
          convertibleHours: hours.convertibleHours,
        });
      }
    }
    if (
      entry.advisersNeededFte !== null &&
      entry.advisersAvailableFte !== null &&
      entry.advisersNeededFte > entry.advisersAvailableFte + 0.005
    ) {
      advisers.push({
        kind: 'advisers-short',
        officeId: entry.officeId,
        week: entry.week,
        neededFte: entry.advisersNeededFte,
        availableFte: entry.advisersAvailableFte,
      });
    }
  }
  const size = (s: Signal) => (s.kind === 'advisers-short' ? s.neededFte - s.availableFte : s.hours);
  const order = (a: Signal, b: Signal) =>
    size(b) - size(a) || compareText(a.week, b.week) || compareText(a.officeId, b.officeId);
  return [...publish.sort(order), ...beyond.sort(order), ...advisers.sort(order)];
}
