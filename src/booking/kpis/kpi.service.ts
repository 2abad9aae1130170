import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../../common/auth/access.service.js';
import type { Principal } from '../../common/auth/principal.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { LocationsService } from '../../locations/locations.service.js';
import { STATUTORY_RULES } from '../catalogue/programme-templates.js';
import type { KpiQuery } from '../dto/bookings.dto.js';
import { COPENHAGEN } from '../../shared/time/index.js';
import { toCsv, type CsvDialect, type CsvValue } from '../../common/csv/csv.js';
import { kpiMonth } from './kpi-month.js';
import { KpiRepository, type KpiCounts } from './kpi.repository.js';
import { Clock } from '../../shared/time/clock.js';

/** The fund's target: on average at least 2 job meetings (jobsamtaler) per unemployed member. */
export const JOB_MEETINGS_TARGET = 2;

export interface KpiRow extends KpiCounts {
  scope: 'office' | 'fund' | 'department';
  jobMeetingsTarget: number;
  bookingsByActivity: Record<string, number>;
}

export interface KpiReport {
  month: string;
  timezone: string;
  from: Date;
  to: Date;
  departmentId: string | null;
  firstMeetingWithinDays: number;
  activityCodes: string[];
  rows: KpiRow[];
}

const COLUMNS: readonly [string, (row: KpiRow) => CsvValue][] = [
  ['scope', (r) => r.scope],
  ['office_id', (r) => r.officeId],
  ['office_code', (r) => r.officeCode],
  ['office_name', (r) => r.officeName],
  ['department_id', (r) => r.departmentId],
  ['department_name', (r) => r.departmentName],
  ['items_due', (r) => r.itemsDue],
  ['items_held_in_window', (r) => r.itemsHeldInWindow],
  ['items_held_in_window_share', (r) => r.itemsHeldInWindowShare],
  ['first_meetings_due', (r) => r.firstMeetingsDue],
  ['first_meetings_on_time', (r) => r.firstMeetingsOnTime],
  ['first_meetings_on_time_share', (r) => r.firstMeetingsOnTimeShare],
  ['active_members', (r) => r.activeMembers],
  ['job_meetings', (r) => r.jobMeetings],
  ['job_meetings_per_member', (r) => r.jobMeetingsPerMember],
  ['job_meetings_target', (r) => r.jobMeetingsTarget],
  ['bookings', (r) => r.bookings],
  ['attended', (r) => r.attended],
  ['no_shows', (r) => r.noShows],
  ['no_show_rate', (r) => r.noShowRate],
  ['waitlist_length', (r) => r.waitlistLength],
  ['published_slot_minutes', (r) => r.publishedSlotMinutes],
  ['booked_slot_minutes', (r) => r.bookedSlotMinutes],
  ['slot_minutes_used_share', (r) => r.slotMinutesUsedShare],
  ['session_seats', (r) => r.sessionSeats],
  ['session_seats_booked', (r) => r.sessionSeatsBooked],
  ['session_seats_used_share', (r) => r.sessionSeatsUsedShare],
];

/** The report as CSV: one row per office and the total, one `bookings_<activity>` column per activity in the catalogue. */
export function kpisToCsv(report: KpiReport, dialect: CsvDialect = 'rfc4180'): string {
  const header = ['month', ...COLUMNS.map(([name]) => name), ...report.activityCodes.map((code) => `bookings_${code}`)];
  const rows = report.rows.map((row) => [
    report.month,
    ...COLUMNS.map(([, value]) => value(row)),
    ...report.activityCodes.map((code) => row.bookingsByActivity[code] ?? 0),
  ]);
  return toCsv(header, rows, dialect);
}

@Injectable()
export class KpiService {
  constructor(
    @Inject(KpiRepository) private readonly kpis: KpiRepository,
    @Inject(LocationsService) private readonly locations: LocationsService,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Office coordinators see their own department (the total is then the department's); central roles the fund or one department. */
  async monthly(principal: Principal, query: KpiQuery, now = this.clock.now()): Promise<KpiReport> {
    this.access.assertAllowed(principal, 'KPIs', 'read');
    const year = Number(query.month.slice(0, 4));
    if (year < 2000 || year > 2100) {
      throw new DomainError('VALIDATION_FAILED', 'Invalid request: month (month must be between 2000-01 and 2100-12)', {
        fields: [{ field: 'month', problems: ['month must be between 2000-01 and 2100-12'] }],
      });
    }
    const scope = this.access.departmentFilter(principal);
    if (query.departmentId) {
      const known = (await this.locations.listAllOffices()).some(
        (office) => office.departmentId === query.departmentId,
      );
      if (!known || !this.access.inScope(principal, { departmentId: query.departmentId }))
        throw notFound('department', query.departmentId);
    }
    const departmentId = query.departmentId ?? scope ?? null;
    const month = kpiMonth(query.month);
    const rule =
      STATUTORY_RULES.find(
        (r) =>
          r.code === 'first-meeting' &&
          r.validFrom <= month.lastDay &&
          (r.validTo === null || month.firstDay < r.validTo),
      ) ?? STATUTORY_RULES[0];
    const firstMeeting = { activityCode: 'cv-meeting', withinDays: rule.withinDays, channel: rule.channel };
    const parameters = {
      start: month.start,
      end: month.end,
      firstDay: month.firstDay,
      lastDay: month.lastDay,
      waitlistAt: now < month.end ? now : month.end,
      departmentId,
      firstMeeting,
    };
    const [counts, byActivity, activityCodes] = await Promise.all([
      this.kpis.counts(parameters),
      this.kpis.bookingsByActivity(parameters),
      this.kpis.activityCodes(),
    ]);
    const activityCounts = new Map<string | null, Record<string, number>>();
    for (const entry of byActivity) {
      const forOffice =
        activityCounts.get(entry.officeId) ?? Object.fromEntries(activityCodes.map((code) => [code, 0]));
      forOffice[entry.activityCode] = entry.bookings;
      activityCounts.set(entry.officeId, forOffice);
    }
    const empty = Object.fromEntries(activityCodes.map((code) => [code, 0]));
    // A total over a single office would repeat that office's row under the department's name: an office
    // coordinator of a one-office department saw "Metal Aalborg" twice. One row per office, a total only over several.
    const officeRows = counts.filter((row) => row.officeId !== null).length;
    const rows: KpiRow[] = (officeRows === 1 ? counts.filter((row) => row.officeId !== null) : counts).map((row) => ({
      scope: row.officeId !== null ? 'office' : departmentId === null ? 'fund' : 'department',
      ...row,
      ...(row.officeId === null && departmentId !== null
        ? { departmentId, departmentName: counts.find((r) => r.departmentId === departmentId)?.departmentName ?? null }
        : {}),
      jobMeetingsTarget: JOB_MEETINGS_TARGET,
      bookingsByActivity: activityCounts.get(row.officeId) ?? { ...empty },
    }));
    return {
      month: query.month,
      timezone: COPENHAGEN,
      from: month.start,
      to: month.end,
      departmentId,
      firstMeetingWithinDays: rule.withinDays,
      activityCodes,
      rows,
    };
  }
}
