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

/** Numbers for texts in the order first seen. */
class Index {
  readonly values: string[] = [];
  private readonly numbers = new Map<string, number>();

  of(value: string): number {
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.values.length;
      this.numbers.set(value, n);
      this.values.push(value);
    }
    return n;
  }

  get(value: string): number | undefined {
    return this.numbers.get(value);
  }
}

/**
 * Small lists per office-week (its activities, its roles) in the order first seen, with a sum per item: `order`
 * holds an office-week's items at `officeWeek * width`, `sum` an item's at `officeWeek * width + item`.
 */
class OrderedSums {
  readonly sum: Float64Array;
  readonly order: Int32Array;
  readonly count: Int32Array;
  private readonly seen: Uint8Array;

  constructor(
    officeWeeks: number,
    readonly width: number,
  ) {
    this.sum = new Float64Array(officeWeeks * width);
    this.order = new Int32Array(officeWeeks * width);
    this.count = new Int32Array(officeWeeks);
    this.seen = new Uint8Array(officeWeeks * width);
  }

  /** The cell of `item` in `officeWeek`, listed there if it was not yet. */
  cell(officeWeek: number, item: number): number {
    const cell = officeWeek * this.width + item;
    if (this.seen[cell] === 0) {
      this.seen[cell] = 1;
      this.order[officeWeek * this.width + this.count[officeWeek]++] = item;
    }
    return cell;
  }

  has(officeWeek: number, item: number): boolean {
    return this.seen[officeWeek * this.width + item] === 1;
  }
}

/**
 * Per office and week, side by side: forecast demand, the accepted allocation's planned hours, published slot and
 * session hours, booked hours, the unbooked slot time that could be turned into sessions, and advisers needed and
 * present in full-time equivalents. Weeks × offices with nothing in any column are left out.
 *
 * Offices, weeks, activities and roles are numbered once, the sums kept in typed arrays per office-week (and
 * activity or role), and each office-week and activity made once, with its final figures. Every sum adds the same
 * numbers in the same order as the maps per office, week and activity did before (see
 * capacity-plan-equivalence.spec.ts), so the result is the same to the last digit.
 */
export function buildOfficeWeeks(input: OfficeWeekInput): OfficeWeek[] {
  const offices = new Index();
  const weeks = new Index();
  const codes = new Index();
  const roles = new Index();
  // Office-weeks are numbered in the order the sums of an office-week were first needed before: the order they were
  // listed in (office by office) when two office-weeks' texts compare equal.
  const officeWeekOf = new Map<number, Map<number, number>>();
  const officeOfWeek: number[] = [];
  const weekOfWeek: number[] = [];
  const numberOf = (officeId: string, week: string, create = true): number => {
    const office = offices.of(officeId);
    const w = weeks.of(week);
    let byWeek = officeWeekOf.get(office);
    let n = byWeek?.get(w);
    if (n === undefined && create) {
      if (!byWeek) officeWeekOf.set(office, (byWeek = new Map()));
      n = officeOfWeek.length;
      byWeek.set(w, n);
      officeOfWeek.push(office);
      weekOfWeek.push(w);
    }
    return n ?? -1;
  };
  const { demand, slots, sessions, planned, slotBookings, supply } = input;
  // Numbering, in the order the inputs are read below.
  const demandAt = new Int32Array(demand.length);
  const demandCode = new Int32Array(demand.length);
  const demandRole = new Int32Array(demand.length);
  for (let i = 0; i < demand.length; i++) {
    const row = demand[i];
    demandAt[i] = numberOf(row.officeId, row.week);
    demandCode[i] = codes.of(row.activity);
    demandRole[i] = row.kind === 'individual' ? roles.of(row.role) : -1;
  }
  const slotCodes = slots.map((slot) => [...new Set(slot.activityCodes)].map((code) => codes.of(code)));
  const slotAt = new Int32Array(slots.length);
  for (let i = 0; i < slots.length; i++)
    if (slotCodes[i].length > 0) slotAt[i] = numberOf(slots[i].officeId, slots[i].week);
  const rowsAt = (rows: readonly { officeId: string; week: string; activity: string }[]) => {
    const at = new Int32Array(rows.length);
    const code = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      at[i] = numberOf(rows[i].officeId, rows[i].week);
      code[i] = codes.of(rows[i].activity);
    }
    return { at, code };
  };
  const sessionsAt = rowsAt(sessions);
  const plannedAt = rowsAt(planned);
  const bookingsAt = rowsAt(slotBookings);
  const slotRole = new Int32Array(slots.length);
  for (let i = 0; i < slots.length; i++) {
    if (slotCodes[i].length === 0) slotAt[i] = numberOf(slots[i].officeId, slots[i].week);
    slotRole[i] = roles.of(slots[i].role);
  }
  // Every office-week numbered so far has an entry (an activity, a slot or a session); supply adds one only with hours.
  const supplyAt = new Int32Array(supply.length);
  for (let i = 0; i < supply.length; i++)
    supplyAt[i] = numberOf(supply[i].officeId, supply[i].week, supply[i].hours > 0);

  const count = officeOfWeek.length;
  const width = codes.values.length;
  const activities = new OrderedSums(count, width);
  const demandHours = activities.sum;
  const waiting = new Float64Array(count * width);
  const published = new Float64Array(count * width);
  const plannedHours = new Float64Array(count * width);
  const booked = new Float64Array(count * width);
  const adviserDemand = new Float64Array(count);
  const slotBooked = new Float64Array(count);
  const individualByRole = new OrderedSums(count, roles.values.length);
  const slotHoursByRole = new OrderedSums(count, roles.values.length);
  for (let i = 0; i < demand.length; i++) {
    const row = demand[i];
    const at = demandAt[i];
    const cell = activities.cell(at, demandCode[i]);
    demandHours[cell] += row.hours;
    waiting[cell] += row.waitingSeats ?? 0;
    if (row.role === 'adviser') adviserDemand[at] += row.hours;
    if (demandRole[i] >= 0) individualByRole.sum[individualByRole.cell(at, demandRole[i])] += row.hours;
  }
  // Slot hours shared among the activities a slot offers (as splitSlotHours does), then sessions' leader hours.
  for (let i = 0; i < slots.length; i++) {
    const codesOffered = slotCodes[i];
    if (codesOffered.length === 0) continue;
    const at = slotAt[i];
    const weights = codesOffered.map((code) => demandHours[at * width + code]);
    const total = weights.reduce((a, b) => a + b, 0);
    for (let c = 0; c < codesOffered.length; c++)
      published[activities.cell(at, codesOffered[c])] +=
        slots[i].hours * (total > 0 ? weights[c] / total : 1 / codesOffered.length);
  }
  for (let i = 0; i < sessions.length; i++)
    published[activities.cell(sessionsAt.at[i], sessionsAt.code[i])] += sessions[i].hours;
  for (let i = 0; i < planned.length; i++)
    plannedHours[activities.cell(plannedAt.at[i], plannedAt.code[i])] += planned[i].hours;
  for (let i = 0; i < slotBookings.length; i++) {
    booked[activities.cell(bookingsAt.at[i], bookingsAt.code[i])] += slotBookings[i].hours;
    slotBooked[bookingsAt.at[i]] += slotBookings[i].hours;
  }
  for (let i = 0; i < sessions.length; i++)
    if (sessions[i].booked > 0) booked[activities.cell(sessionsAt.at[i], sessionsAt.code[i])] += sessions[i].hours;

  // The office-weeks' totals: over their activities in the order first seen, then slots, sessions and supply in order.
  const entryDemand = new Float64Array(count);
  const entryPlanned = new Float64Array(count);
  const entryBooked = new Float64Array(count);
  const entryWaiting = new Float64Array(count);
  for (let at = 0; at < count; at++) {
    for (let k = 0; k < activities.count[at]; k++) {
      const cell = at * width + activities.order[at * width + k];
      entryDemand[at] += demandHours[cell];
      entryPlanned[at] += plannedHours[cell];
      entryBooked[at] += booked[cell];
      entryWaiting[at] += waiting[cell];
    }
  }
  const slotHours = new Float64Array(count);
  for (let i = 0; i < slots.length; i++) {
    const at = slotAt[i];
    slotHours[at] += slots[i].hours;
    slotHoursByRole.sum[slotHoursByRole.cell(at, slotRole[i])] += slots[i].hours;
  }
  const sessionHours = new Float64Array(count);
  for (let i = 0; i < sessions.length; i++) sessionHours[sessionsAt.at[i]] += sessions[i].hours;
  const shareOfWeek = weeks.values.map((week) => input.adviserShareByWeek.get(week) ?? 0);
  const supplyHours = new Float64Array(count);
  const available: (number | null)[] = new Array<number | null>(count).fill(null);
  for (let i = 0; i < supply.length; i++) {
    const at = supplyAt[i];
    if (at < 0) continue;
    supplyHours[at] += supply[i].hours;
    const share = shareOfWeek[weekOfWeek[at]];
    if (share > 0)
      available[at] = round2((available[at] ?? 0) + supply[i].adviserHours / (FULL_TIME_WEEK_HOURS * share));
  }

  const activityRank = rankOf(codes.values);
  const codeRank = codes.values.map((code) => activityRank.get(code)!);
  const entries: OfficeWeek[] = new Array<OfficeWeek>(count);
  for (let at = 0; at < count; at++) {
    const share = shareOfWeek[weekOfWeek[at]];
    // Unbooked slot time, by the role of whoever published it; bookings are taken from the roles in proportion.
    const publishedSlotHours = slotHours[at];
    const unbooked = Math.max(0, publishedSlotHours - slotBooked[at]);
    const byRole: OfficeWeek['byRole'] = {};
    const roleAt = at * roles.values.length;
    for (let k = 0; k < slotHoursByRole.count[at]; k++) {
      const role = slotHoursByRole.order[roleAt + k];
      const hours = slotHoursByRole.sum[roleAt + role];
      byRole[roles.values[role]] = {
        publishedSlotHours: round2(hours),
        individualDemandHours: round2(individualByRole.sum[roleAt + role]),
        convertibleHours: round2(publishedSlotHours > 0 ? (unbooked * hours) / publishedSlotHours : 0),
      };
    }
    for (let k = 0; k < individualByRole.count[at]; k++) {
      const role = individualByRole.order[roleAt + k];
      if (slotHoursByRole.has(at, role)) continue;
      byRole[roles.values[role]] = {
        publishedSlotHours: 0,
        individualDemandHours: round2(individualByRole.sum[roleAt + role]),
        convertibleHours: 0,
      };
    }
    entries[at] = {
      officeId: offices.values[officeOfWeek[at]],
      week: weeks.values[weekOfWeek[at]],
      demandHours: round2(entryDemand[at]),
      plannedHours: round2(entryPlanned[at]),
      publishedSlotHours: round2(publishedSlotHours),
      publishedSessionHours: round2(sessionHours[at]),
      bookedHours: round2(entryBooked[at]),
      convertibleHours: round2(unbooked),
      byRole,
      supplyHours: round2(supplyHours[at]),
      advisersNeededFte: share > 0 ? round2(adviserDemand[at] / (FULL_TIME_WEEK_HOURS * share)) : null,
      advisersAvailableFte: available[at] ?? (share > 0 ? 0 : null),
      waitingSeats: round2(entryWaiting[at]),
      activities: officeWeekActivities(at),
    };
  }

  /** An office-week's activities with anything to show, largest demand first (then in the collator's order). */
  function officeWeekActivities(at: number): OfficeWeekActivity[] {
    const shown: OfficeWeekActivity[] = [];
    const ranks: number[] = [];
    for (let k = 0; k < activities.count[at]; k++) {
      const code = activities.order[at * width + k];
      const cell = at * width + code;
      const activity = {
        activity: codes.values[code],
        demandHours: round2(demandHours[cell]),
        plannedHours: round2(plannedHours[cell]),
        publishedHours: round2(published[cell]),
        bookedHours: round2(booked[cell]),
        waitingSeats: round2(waiting[cell]),
      };
      // An activity with nothing to show (demand rows of no hours, a slot's share of 0) says nothing: 10 % of them.
      if (
        activity.demandHours !== 0 ||
        activity.plannedHours !== 0 ||
        activity.publishedHours !== 0 ||
        activity.bookedHours !== 0 ||
        activity.waitingSeats !== 0
      ) {
        shown.push(activity);
        ranks.push(codeRank[code]);
      }
    }
    // A stable insertion sort: an office-week has a dozen or so activities.
    for (let i = 1; i < shown.length; i++) {
      const activity = shown[i];
      const rank = ranks[i];
      let j = i - 1;
      for (; j >= 0 && (activity.demandHours - shown[j].demandHours || ranks[j] - rank) > 0; j--) {
        shown[j + 1] = shown[j];
        ranks[j + 1] = ranks[j];
      }
      shown[j + 1] = activity;
      ranks[j + 1] = rank;
    }
    return shown;
  }

  const weekRank = rankOf(weeks.values);
  const officeRank = rankOf(offices.values);
  const weekRankOf = weeks.values.map((week) => weekRank.get(week)!);
  const officeRankOf = offices.values.map((office) => officeRank.get(office)!);
  // Listed office by office, each office's weeks in the order numbered, as the maps per office iterated before.
  const listed: number[] = [];
  for (const byWeek of officeWeekOf.values()) for (const at of byWeek.values()) listed.push(at);
  listed.sort(
    (a, b) =>
      weekRankOf[weekOfWeek[a]] - weekRankOf[weekOfWeek[b]] ||
      officeRankOf[officeOfWeek[a]] - officeRankOf[officeOfWeek[b]],
  );
  return listed.map((at) => entries[at]);
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
  // Ties in the collator's order of week and office, ranked once instead of the collator called per comparison.
  const weekRank = rankOf(weeks.map((w) => w.week));
  const officeRank = rankOf(weeks.map((w) => w.officeId));
  const order = (a: Signal, b: Signal) =>
    size(b) - size(a) ||
    weekRank.get(a.week)! - weekRank.get(b.week)! ||
    officeRank.get(a.officeId)! - officeRank.get(b.officeId)!;
  return [...publish.sort(order), ...beyond.sort(order), ...advisers.sort(order)];
}
