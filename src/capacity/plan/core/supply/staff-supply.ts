import { addDays } from '../../../../shared/time/index.js';
import { type DatedShare, programmeShareOn } from './programme-share.js';

export interface SupplyStaff {
  id: string;
  role: string;
  skills: readonly string[];
  weeklyHours: number;
  /** Null for the job team, which serves every office. */
  officeId: string | null;
  /** Absences as half-open date ranges [from, to). */
  absences: readonly { from: string; to: string }[];
  /** The person's own programme shares (dated); without one in force, the role's default applies. */
  shares?: readonly DatedShare[];
}

export interface SupplyCalendar {
  /** Public holidays (every office). */
  holidays: ReadonlySet<string>;
  /** Closure days per office; the job team follows its base office's. */
  closuresByOffice: ReadonlyMap<string, ReadonlySet<string>>;
  /** Office whose closure days the job team keeps (the head office). */
  jobTeamBaseOfficeId: string | null;
  /** Dated default programme shares per role. */
  roleShares: ReadonlyMap<string, readonly DatedShare[]>;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Hours a person can give to programme work in the week starting `monday`: contract hours spread over Monday–Friday,
 * less days that are public holidays, closure days of their office or absences, each working day times the person's
 * programme share in force that day (their own, or their role's default): the rest of their time goes to member case
 * work, service, preparation and training.
 */
export function weeklySupplyHours(
  staff: SupplyStaff,
  monday: string,
  calendar: SupplyCalendar,
  weekdays = workingDays(monday),
): number {
  const officeId = staff.officeId ?? calendar.jobTeamBaseOfficeId;
  const closures = officeId ? calendar.closuresByOffice.get(officeId) : undefined;
  const roleShares = calendar.roleShares.get(staff.role) ?? [];
  let shareDays = 0;
  for (const day of weekdays) {
    if (calendar.holidays.has(day) || closures?.has(day)) continue;
    if (staff.absences.some((a) => day >= a.from && day < a.to)) continue;
    shareDays += programmeShareOn(staff.shares ?? [], roleShares, day);
  }
  return round2((staff.weeklyHours / 5) * shareDays);
}

/** Monday to Friday of the week starting `monday`. */
const workingDays = (monday: string): string[] => [0, 1, 2, 3, 4].map((d) => addDays(monday, d));

/** Hours per person per week key. */
export function supplyByWeek(
  staff: readonly SupplyStaff[],
  weeks: readonly { key: string; monday: string }[],
  calendar: SupplyCalendar,
): Map<string, Record<string, number>> {
  // The week's dates once, not per person (at scale 9: 4,000-odd people × 26 weeks × 5 days).
  const days = weeks.map((w) => workingDays(w.monday));
  return new Map(
    staff.map((person) => [
      person.id,
      Object.fromEntries(weeks.map((w, i) => [w.key, weeklySupplyHours(person, w.monday, calendar, days[i])])),
    ]),
  );
}

/** May this person lead the activity? Role from the activity's leader roles, plus its skill when it names one. */
export function qualifies(
  staff: { role: string; skills: readonly string[] },
  role: string,
  skill: string | null,
): boolean {
  return staff.role === role && (skill === null || staff.skills.includes(skill));
}
