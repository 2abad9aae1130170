import { DEFAULT_SESSION_START_TIMES, SESSION_START_TIMES } from '../booking/catalogue/activity-catalogue.js';
import { subtractIntervals } from './core/intervals.js';
import { buildDayCalendar, type DayCalendar } from './core/local-time.js';
import { COPENHAGEN as DEFAULT_TIME_ZONE, mondayOf } from '../shared/time/index.js';
import type { GroupActivityFamily } from '../shared/vocabulary/activities.js';
import { coversInterval } from './core/intervals.js';
import type {
  ActivityDef,
  Interval,
  LeaderDef,
  LeaderRole,
  OptimiserInstance,
  WithdrawableSlotDef,
} from './core/types.js';
import type {
  AbsenceRow,
  AllocationAssignmentRow,
  GroupActivityRow,
  LeaderRow,
  MemberHomeRow,
  OfficeRow,
  OpenItemRow,
  OpeningHoursRow,
  CommitmentRow,
  ScheduledSessionRow,
  TimedRow,
  WithdrawableSlotRow,
} from './optimiser-input.repository.js';

export interface OptimiserInputData {
  horizon: Interval;
  /** Earliest start of any session the run may use. */
  now: number;
  maxTravelKm: number;
  /** Departments in scope; null = the whole fund. */
  departmentIds: string[] | null;
  holidays: string[];
  activities: GroupActivityRow[];
  offices: OfficeRow[];
  openingHours: OpeningHoursRow[];
  closures: { officeId: string; day: string }[];
  rooms: { id: string; officeId: string; seats: number }[];
  sessions: ScheduledSessionRow[];
  items: OpenItemRow[];
  homes: MemberHomeRow[];
  memberBookings: TimedRow[];
  leaders: LeaderRow[];
  commitments: CommitmentRow[];
  /** Unbooked open slots that sessions may take the time of by withdrawing them; absent: none (the run's `withdrawSlots: false`). */
  withdrawable?: WithdrawableSlotRow[];
  absences: AbsenceRow[];
  /** The accepted capacity allocation, or why there is none. */
  allocation:
    | { state: 'not-installed' | 'none-accepted' }
    | { state: 'used'; ids: string[]; assignments: AllocationAssignmentRow[] };
}

export interface InstanceNotes {
  allocation: 'not-installed' | 'none-accepted' | 'used';
  allocationIds: string[];
  leaders: number;
  /** Staff of a leading role left out because they lack a skill one of the run's activities of that role needs. */
  leadersWithoutSkills: number;
}

function coreKind(skill: string | null): GroupActivityFamily {
  return skill === 'netcafe' ? 'netcafe' : skill === 'theme-day' ? 'themeDay' : 'workshop';
}

function coreRole(roles: string[]): LeaderRole | undefined {
  return roles.includes('adviser') ? 'adviser' : roles.includes('job-consultant') ? 'jobConsultant' : undefined;
}

function isoWeekday(weekday: number): number {
  return weekday === 0 ? 7 : weekday;
}

function group<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

/** Opening hours of an office, day by day, leaving out the given dates. */
function openIntervals(
  calendar: DayCalendar,
  hours: Map<number, OpeningHoursRow> | undefined,
  closed: (date: string) => boolean,
): Interval[] {
  const free: Interval[] = [];
  calendar.days.forEach((day, index) => {
    const open = hours?.get(isoWeekday(day.weekday));
    if (!open || closed(day.date)) return;
    free.push({ start: calendar.instantAt(index, open.opens), end: calendar.instantAt(index, open.closes) });
  });
  return free;
}

/**
 * Turns one planning scope's rows into the optimiser core's instance: rooms are free in opening hours
 * less closures and every scheduled session; leaders in their base office's opening hours less public
 * holidays, closures, absences and commitments (slots and sessions), and — in weeks where an accepted
 * capacity allocation assigns group-activity hours — only if it assigns them some.
 */
export function buildOptimiserInstance(data: OptimiserInputData): {
  instance: OptimiserInstance;
  notes: InstanceNotes;
} {
  const calendar = buildDayCalendar(data.horizon.start, data.horizon.end, DEFAULT_TIME_ZONE);
  const holidays = new Set(data.holidays);
  const hoursByOffice = new Map(
    [...group(data.openingHours, (h) => h.officeId)].map(([id, rows]) => [
      id,
      new Map(rows.map((r) => [r.weekday, r])),
    ]),
  );
  const closuresByOffice = group(data.closures, (c) => c.officeId);
  const closedAt = (officeId: string | null) => {
    const days = new Set((officeId ? closuresByOffice.get(officeId) : undefined)?.map((c) => c.day) ?? []);
    return (date: string) => holidays.has(date) || days.has(date);
  };
  const inScope = (office: OfficeRow) =>
    data.departmentIds === null || data.departmentIds.includes(office.departmentId);
  const offices = data.offices.filter(inScope);
  const officeIds = new Set(offices.map((o) => o.id));
  const headOffice = data.offices.find((o) => o.isHeadOffice);

  const activities: ActivityDef[] = [];
  const neededSkills = new Map<LeaderRole, Set<string>>();
  for (const a of data.activities) {
    const role = coreRole(a.leaderRoles);
    if (!role) continue;
    const starts = SESSION_START_TIMES[a.leaderSkill ?? ''] ?? DEFAULT_SESSION_START_TIMES;
    activities.push({
      id: a.code,
      kind: coreKind(a.leaderSkill),
      minSize: a.minSize,
      maxSize: a.maxSize,
      leaderRole: role,
      times: starts.map((start) => ({ start, durationMinutes: a.durationMinutes })),
    });
    const skills = neededSkills.get(role) ?? new Set<string>();
    if (a.leaderSkill) skills.add(a.leaderSkill);
    neededSkills.set(role, skills);
  }
  const activityCodes = new Set(activities.map((a) => a.id));

  const sessionsByRoom = group(data.sessions, (s) => s.roomId);
  const rooms = data.rooms
    .filter((r) => officeIds.has(r.officeId))
    .map((r) => ({
      id: r.id,
      officeId: r.officeId,
      seats: r.seats,
      free: subtractIntervals(
        openIntervals(calendar, hoursByOffice.get(r.officeId), closedAt(r.officeId)),
        (sessionsByRoom.get(r.id) ?? []).map((s) => ({ start: s.start.getTime(), end: s.end.getTime() })),
      ),
    }));

  const commitmentsByStaff = group(data.commitments, (c) => c.ownerId);
  const absencesByStaff = group(data.absences, (a) => a.staffId);
  // Where the plan of record names who leads group activities in a week, only they lead that week; where it is silent, anyone free may.
  const groupAssignments =
    data.allocation.state === 'used'
      ? data.allocation.assignments.filter((a) => activityCodes.has(a.activityCode))
      : [];
  const allocated = group(groupAssignments, (a) => a.staffId);
  const allocatedWeeks = new Set(groupAssignments.map((a) => a.weekStart));
  const leaders: LeaderDef[] = [];
  const withdrawableByStaff = group(data.withdrawable ?? [], (w) => w.staffId);
  const withdrawable: WithdrawableSlotDef[] = [];
  let leadersWithoutSkills = 0;
  for (const staff of data.leaders) {
    const role: LeaderRole | undefined =
      staff.role === 'adviser' ? 'adviser' : staff.teamCode === 'job-team' ? 'jobConsultant' : undefined;
    const skills = role ? neededSkills.get(role) : undefined;
    if (!role || !skills) continue;
    if (![...skills].every((skill) => staff.skills.includes(skill))) {
      leadersWithoutSkills += 1;
      continue;
    }
    let allowedOffices: string[] | undefined;
    if (role === 'adviser') {
      allowedOffices = offices.filter((o) => o.departmentId === staff.departmentId).map((o) => o.id);
      if (allowedOffices.length === 0) continue;
    }
    const base = staff.officeId ?? headOffice?.id ?? null;
    const absentDays = new Set<string>();
    for (const absence of absencesByStaff.get(staff.id) ?? []) {
      for (const day of calendar.days)
        if (day.date >= absence.firstDay && day.date < absence.lastDayExclusive) absentDays.add(day.date);
    }
    const ownWeeks = new Set((allocated.get(staff.id) ?? []).map((a) => a.weekStart));
    const closed = closedAt(base);
    const off = (date: string) =>
      closed(date) || absentDays.has(date) || (allocatedWeeks.has(mondayOf(date)) && !ownWeeks.has(mondayOf(date)));
    const own = (withdrawableByStaff.get(staff.id) ?? []).map((w) => ({
      id: w.id,
      staffId: w.staffId,
      start: w.start.getTime(),
      end: w.end.getTime(),
    }));
    const ownIds = new Set(own.map((w) => w.id));
    const available = subtractIntervals(
      openIntervals(calendar, base ? hoursByOffice.get(base) : undefined, off),
      (commitmentsByStaff.get(staff.id) ?? [])
        .filter((c) => !c.slotId || !ownIds.has(c.slotId))
        .map((c) => ({ start: c.start.getTime(), end: c.end.getTime() })),
    );
    // Only a slot inside the leader's available time is offered: withdrawing it must not open a closed or absent day.
    const offered = own.filter((w) => coversInterval(available, w.start, w.end));
    withdrawable.push(...offered);
    const free = subtractIntervals(available, own);
    leaders.push({ id: staff.id, role, ...(allowedOffices ? { officeIds: allowedOffices } : {}), free });
  }

  const homes = new Map(data.homes.map((h) => [h.id, h]));
  const busy = group(data.memberBookings, (b) => b.ownerId);
  const memberIds = [...new Set(data.items.map((i) => i.memberId))].sort();
  const roomIds = new Set(rooms.map((r) => r.id));
  const instance: OptimiserInstance = {
    horizon: data.horizon,
    now: data.now,
    maxTravelKm: data.maxTravelKm,
    timeZone: DEFAULT_TIME_ZONE,
    closedDates: [...holidays].sort(),
    activities,
    offices: offices.map((o) => ({
      id: o.id,
      lat: o.lat,
      lon: o.lon,
      departmentId: o.departmentId,
      ...(o.island ? { island: o.island } : {}),
      closedDates: (closuresByOffice.get(o.id) ?? []).map((c) => c.day).sort(),
      // A deactivated office gets no new sessions (apply would be refused: OFFICE_INACTIVE); its existing sessions keep their seats.
      ...(o.active === false ? { inactive: true } : {}),
    })),
    rooms,
    leaders,
    members: memberIds.map((id) => {
      const home = homes.get(id);
      return {
        id,
        ...(home ? { home: { lat: home.lat, lon: home.lon } } : {}),
        ...(home?.island ? { island: home.island } : {}),
        busy: (busy.get(id) ?? []).map((b) => ({ start: b.start.getTime(), end: b.end.getTime() })),
      };
    }),
    items: data.items
      .filter((i) => activityCodes.has(i.activityCode))
      .map((i) => ({
        id: i.id,
        memberId: i.memberId,
        activityId: i.activityCode,
        window: { start: i.windowStart.getTime(), end: i.windowEnd.getTime() },
      })),
    existingSessions: data.sessions
      .filter((s) => activityCodes.has(s.activityCode) && roomIds.has(s.roomId) && s.booked < s.capacity)
      .map((s) => ({
        id: s.id,
        activityId: s.activityCode,
        officeId: s.officeId,
        roomId: s.roomId,
        start: s.start.getTime(),
        end: s.end.getTime(),
        capacity: s.capacity,
        booked: s.booked,
        leaderIds: s.leaderIds,
      })),
    ...(data.withdrawable
      ? { withdrawable: withdrawable.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) }
      : {}),
  };
  return {
    instance,
    notes: {
      allocation: data.allocation.state,
      allocationIds: data.allocation.state === 'used' ? data.allocation.ids : [],
      leaders: leaders.length,
      leadersWithoutSkills,
    },
  };
}
