import type { Channel } from '../shared/vocabulary/activities.js';
import { ACTIVITY_BY_CODE } from '../booking/catalogue/activity-catalogue.js';
import { isoWeekday } from '../shared/time/index.js';
import { mulberry32 } from '../capacity/forecast/core/synthetic.js';
import { publicHolidaysBetween } from '../locations/calendar-rules.js';
import { travelKm } from '../shared/geo.js';
import type { DemoOffice, DemoOrganisation, DemoStaff } from './demo-organisation.js';
import { datesBetween, localMs, minutesOf, seededUuid, weekIndexOf } from './demo-time.js';

export interface PlannedSlot {
  id: string;
  officeCode: string;
  staffNumber: string;
  activityCodes: string[];
  channel: Channel;
  /** Local date of the slot. */
  date: string;
  /** Epoch ms, half-open [start, end). */
  start: number;
  end: number;
}

export interface PlannedSession {
  id: string;
  officeCode: string;
  roomName: string;
  activityCode: string;
  date: string;
  start: number;
  end: number;
  capacity: number;
  minParticipants: number;
  leaders: string[];
}

export interface DemoSchedule {
  slots: PlannedSlot[];
  sessions: PlannedSession[];
}

export interface ScheduleInput {
  seed: number;
  organisation: DemoOrganisation;
  /** First and last local date to plan, both included. */
  fromDate: string;
  toDate: string;
  /** Office code → closure dates. */
  closures: ReadonlyMap<string, ReadonlySet<string>>;
  /** Employee number → absences as [from, to) dates. */
  absences: ReadonlyMap<string, readonly { from: string; to: string }[]>;
}

/** [start minute, length, activities, channel] of one slot in a day's pattern. */
type PatternEntry = readonly [string, number, readonly string[], Channel];

// An adviser publishes half a day at a time: CV meetings and follow-up in the morning (in person, as the
// first meeting must be), availability meetings and follow-up in the afternoon; the other half is casework.
const ADVISER_MORNING: readonly PatternEntry[] = [
  ['09:00', 60, ['cv-meeting'], 'in-person'],
  ['10:00', 60, ['cv-meeting'], 'in-person'],
  ['11:00', 30, ['follow-up'], 'phone'],
  ['11:30', 30, ['follow-up'], 'in-person'],
];
const ADVISER_AFTERNOON: readonly PatternEntry[] = [
  ['12:30', 45, ['availability-meeting'], 'in-person'],
  ['13:15', 45, ['availability-meeting'], 'video'],
  ['14:00', 45, ['availability-meeting', 'summons'], 'in-person'],
  ['14:45', 30, ['follow-up'], 'phone'],
];
const ADVISER_FRIDAY: readonly PatternEntry[] = [
  ['09:00', 60, ['cv-meeting'], 'in-person'],
  ['10:00', 30, ['follow-up'], 'phone'],
  ['10:30', 30, ['follow-up'], 'in-person'],
  ['11:00', 45, ['availability-meeting'], 'phone'],
];
const SATELLITE_MORNING: readonly PatternEntry[] = [
  ['09:00', 60, ['cv-meeting'], 'in-person'],
  ['10:00', 45, ['availability-meeting'], 'in-person'],
  ['10:45', 45, ['availability-meeting', 'summons'], 'in-person'],
  ['11:30', 30, ['follow-up'], 'in-person'],
];
const CONSULTANT_DAY: readonly PatternEntry[] = [
  ['09:00', 60, ['coaching', 'joint-meeting'], 'in-person'],
  ['10:00', 60, ['coaching', 'joint-meeting'], 'video'],
  ['11:00', 60, ['coaching', 'joint-meeting'], 'in-person'],
  ['12:30', 60, ['coaching', 'joint-meeting'], 'video'],
  ['13:30', 60, ['coaching', 'joint-meeting'], 'in-person'],
  ['14:30', 60, ['coaching', 'joint-meeting'], 'video'],
];
const CONSULTANT_AFTER_WORKSHOP: readonly PatternEntry[] = [
  ['13:00', 60, ['coaching', 'joint-meeting'], 'video'],
  ['14:00', 60, ['coaching', 'joint-meeting'], 'video'],
];
const PRE_UNEMPLOYMENT_DAY: readonly PatternEntry[] = [
  ['09:00', 120, ['jobstarter'], 'in-person'],
  ['12:00', 120, ['jobstarter'], 'video'],
  ['14:00', 60, ['snart-udlaert'], 'phone'],
];
const WORKSHOPS = ['workshop-skriv', 'workshop-tal', 'workshop-uopfordret', 'workshop-linkedin'];
const THEME_DAYS = ['theme-i-job-igen', 'theme-klar-til-job', 'theme-it'];

/** Keeps every person's and every room's bookings apart while planning, as the exclusion constraints will. */
class Occupancy {
  private readonly busy = new Map<string, [number, number][]>();

  isFree(key: string, start: number, end: number): boolean {
    return !(this.busy.get(key) ?? []).some(([s, e]) => s < end && start < e);
  }

  take(key: string, start: number, end: number): void {
    const list = this.busy.get(key);
    if (list) list.push([start, end]);
    else this.busy.set(key, [[start, end]]);
  }
}

function copyOf(code: string): string {
  return /-(\d+)$/.exec(code)?.[1] ?? '1';
}

/**
 * Every office's published slots and group sessions for a range of days: advisers at their main office
 * (and in turn at their department's satellites on the satellites' opening days), job consultants moving
 * between main offices with coaching and joint-meeting slots, workshops and theme days, weekly netcafés,
 * and JobStarter slots. Public holidays, closure days, opening hours and absences are respected, and no
 * person or room is ever planned twice at once.
 */
export function buildDemoSchedule(input: ScheduleInput): DemoSchedule {
  const random = mulberry32(input.seed ^ 0x2c1b3c6d);
  const { organisation } = input;
  const holidays = new Set(publicHolidaysBetween(input.fromDate, input.toDate).map((h) => h.date));
  const occupancy = new Occupancy();
  const slots: PlannedSlot[] = [];
  const sessions: PlannedSession[] = [];
  const officeByCode = new Map(organisation.offices.map((o) => [o.code, o]));
  const mains = organisation.offices.filter((o) => o.kind === 'main');
  const kursusOffices = mains.filter((o) => o.rooms.some((r) => r.name === 'Kursuslokale'));
  const staffByOffice = new Map<string, DemoStaff[]>();
  for (const person of organisation.staff) {
    if (person.role !== 'adviser' || !person.officeCode) continue;
    staffByOffice.set(person.officeCode, [...(staffByOffice.get(person.officeCode) ?? []), person]);
  }
  // A satellite is staffed from its department's main office, or from the nearest main office of its copy.
  const hostOf = new Map<string, DemoOffice>();
  for (const office of organisation.offices.filter((o) => o.kind === 'satellite')) {
    const sameCopy = mains.filter(
      (m) => copyOf(m.code) === copyOf(office.code) && (staffByOffice.get(m.code)?.length ?? 0) > 0,
    );
    const host =
      sameCopy.find((m) => m.departmentCode === office.departmentCode) ??
      [...sameCopy].sort((a, b) => travelKm(office, a) - travelKm(office, b))[0];
    if (host) hostOf.set(office.code, host);
  }

  const hoursOn = (office: DemoOffice, weekday: number) => office.openingHours.find((h) => h.weekday === weekday);
  const isOpen = (office: DemoOffice, date: string) =>
    !holidays.has(date) &&
    !input.closures.get(office.code)?.has(date) &&
    hoursOn(office, isoWeekday(date)) !== undefined;
  const isAbsent = (person: DemoStaff, date: string) =>
    (input.absences.get(person.employeeNumber) ?? []).some((a) => a.from <= date && date < a.to);

  const addSlots = (person: DemoStaff, office: DemoOffice, date: string, pattern: readonly PatternEntry[]) => {
    const hours = hoursOn(office, isoWeekday(date));
    for (const [time, minutes, codes, channel] of pattern) {
      const from = minutesOf(time);
      if (
        channel === 'in-person' &&
        (!hours || from < minutesOf(hours.opens) || from + minutes > minutesOf(hours.closes))
      )
        continue;
      const start = localMs(date, from);
      const end = localMs(date, from + minutes);
      if (!occupancy.isFree(`staff:${person.employeeNumber}`, start, end)) continue;
      occupancy.take(`staff:${person.employeeNumber}`, start, end);
      slots.push({
        id: seededUuid(random),
        officeCode: office.code,
        staffNumber: person.employeeNumber,
        activityCodes: [...codes],
        channel,
        date,
        start,
        end,
      });
    }
  };

  const addSession = (
    office: DemoOffice,
    roomName: string,
    activityCode: string,
    date: string,
    time: string,
    leaders: DemoStaff[],
  ): boolean => {
    const activity = ACTIVITY_BY_CODE.get(activityCode)!;
    const room = office.rooms.find((r) => r.name === roomName);
    const hours = hoursOn(office, isoWeekday(date));
    const from = minutesOf(time);
    if (
      !room ||
      !hours ||
      from < minutesOf(hours.opens) ||
      from + activity.defaultDurationMinutes > minutesOf(hours.closes)
    )
      return false;
    const start = localMs(date, from);
    const end = localMs(date, from + activity.defaultDurationMinutes);
    const keys = [`room:${office.code}:${roomName}`, ...leaders.map((l) => `staff:${l.employeeNumber}`)];
    if (!keys.every((key) => occupancy.isFree(key, start, end))) return false;
    for (const key of keys) occupancy.take(key, start, end);
    const capacity = Math.min(activity.maxGroupSize ?? room.seats, room.seats);
    sessions.push({
      id: seededUuid(random),
      officeCode: office.code,
      roomName,
      activityCode,
      date,
      start,
      end,
      capacity,
      minParticipants: Math.min(activity.minGroupSize ?? 1, capacity),
      leaders: leaders.map((l) => l.employeeNumber),
    });
    return true;
  };

  const advisers = organisation.staff.filter((s) => s.role === 'adviser');
  const consultants = organisation.staff.filter((s) => s.role === 'job-consultant');
  const preUnemployment = organisation.staff.filter((s) => s.role === 'pre-unemployment');
  const adviserIndex = new Map(advisers.map((a, i) => [a.employeeNumber, i]));

  for (const date of datesBetween(input.fromDate, input.toDate)) {
    const weekday = isoWeekday(date);
    if (weekday > 5 || holidays.has(date)) continue;
    const week = weekIndexOf(date);
    const onDuty = new Map<string, DemoOffice>();

    // Satellites first: on each opening day one adviser of the host office works there in the morning.
    organisation.offices.forEach((satellite, satelliteIndex) => {
      const host = hostOf.get(satellite.code);
      if (satellite.kind !== 'satellite' || !host || !isOpen(satellite, date)) return;
      const team = staffByOffice.get(host.code) ?? [];
      for (let k = 0; k < team.length; k++) {
        const person = team[(week + satelliteIndex + k) % team.length];
        if (isAbsent(person, date) || onDuty.has(person.employeeNumber)) continue;
        onDuty.set(person.employeeNumber, satellite);
        if (satellite.rooms.some((r) => r.name === 'Netcafé') && weekday === satellite.openingHours[0].weekday) {
          addSession(satellite, 'Netcafé', 'netcafe', date, '09:00', [person]);
        }
        addSlots(person, satellite, date, SATELLITE_MORNING);
        break;
      }
    });

    // A weekly netcafé at every main office, Wednesday afternoon, led in turn by its advisers.
    if (weekday === 3) {
      for (const office of mains) {
        if (!isOpen(office, date) || !office.rooms.some((r) => r.name === 'Netcafé')) continue;
        const team = staffByOffice.get(office.code) ?? [];
        for (let k = 0; k < team.length; k++) {
          const person = team[(week + k) % team.length];
          if (isAbsent(person, date) || onDuty.has(person.employeeNumber)) continue;
          if (addSession(office, 'Netcafé', 'netcafe', date, '13:00', [person])) {
            onDuty.set(person.employeeNumber, office);
            break;
          }
        }
      }
    }

    // Advisers publish half a day on four days a week at their own office (not on a satellite or netcafé day).
    for (const person of advisers) {
      if (onDuty.has(person.employeeNumber) || isAbsent(person, date)) continue;
      const office = officeByCode.get(person.officeCode!)!;
      const g = adviserIndex.get(person.employeeNumber)!;
      if ((weekday + g) % 5 === 0 || !isOpen(office, date)) continue;
      addSlots(
        person,
        office,
        date,
        weekday === 5 ? ADVISER_FRIDAY : (weekday + g) % 2 === 0 ? ADVISER_MORNING : ADVISER_AFTERNOON,
      );
    }

    // Job consultants: two session days a week (workshops; three of every seven also hold a weekly theme
    // day), slot days at a rotating main office on the other days from Monday to Thursday.
    if (weekday <= 4) {
      consultants.forEach((person, c) => {
        if (isAbsent(person, date)) return;
        if (weekday === (c % 4) + 1 || weekday === ((c + 2) % 4) + 1) {
          const themeDay = weekday === (c % 4) + 1 && c % 7 < THEME_DAYS.length;
          const activity = themeDay ? THEME_DAYS[c % 7] : WORKSHOPS[(week + c + weekday) % WORKSHOPS.length];
          for (let k = 0; k < kursusOffices.length; k++) {
            const office = kursusOffices[(week * 7 + c * 3 + weekday * 5 + k) % kursusOffices.length];
            if (!isOpen(office, date) || !addSession(office, 'Kursuslokale', activity, date, '09:00', [person]))
              continue;
            if (!themeDay) addSlots(person, office, date, CONSULTANT_AFTER_WORKSHOP);
            break;
          }
          return;
        }
        for (let k = 0; k < mains.length; k++) {
          const office = mains[(week * 3 + weekday * 7 + c * 5 + k) % mains.length];
          if (!isOpen(office, date)) continue;
          addSlots(person, office, date, CONSULTANT_DAY);
          break;
        }
      });
    }

    // Pre-unemployment staff hold JobStarter meetings two days a week.
    preUnemployment.forEach((person, i) => {
      if (isAbsent(person, date) || (weekday !== (i % 4) + 1 && weekday !== ((i + 2) % 4) + 1)) return;
      const office = officeByCode.get(person.officeCode!)!;
      if (isOpen(office, date)) addSlots(person, office, date, PRE_UNEMPLOYMENT_DAY);
    });
  }
  return { slots, sessions };
}
