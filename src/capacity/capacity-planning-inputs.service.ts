import { Inject, Injectable } from '@nestjs/common';
import { publicHolidaysBetween } from '../locations/calendar-rules.js';
import { addDays, weekKey, weeksBetween } from '../shared/time/index.js';
import { CapacityRepository, type CapacityOfficeRow, type PlanningStaffRow } from './capacity.repository.js';
import { CapacityForecastService } from './capacity-forecast.service.js';
import { CapacityScenariosService } from './capacity-scenarios.service.js';
import { ProgrammeShareRepository } from './programme-share.repository.js';
import { type DatedShare, valueOn } from './supply/programme-share.js';
import {
  BASIC_IT_NEEDS_SHARE,
  MIX_PRIOR_MEMBERS,
  OPTIONAL_ITEM_UPTAKE,
  WEEKLY_EXIT_HAZARD,
} from './demand/demand-assumptions.js';
import { type DemandActivity, type DemandRow, type DemandTemplateItem, programmeWeeksOf, projectDemand } from './demand/project-demand.js';
import { projectProgrammeWeeks } from './forecast/cohort.js';
import { supplyByWeek } from './supply/staff-supply.js';
import { TARGET_GROUPS, type TargetGroup } from '../shared/vocabulary/target-groups.js';

export interface PlanningWeek {
  key: string;
  monday: string;
}

export interface PlanningInputs {
  weeks: PlanningWeek[];
  offices: CapacityOfficeRow[];
  headOfficeId: string | null;
  demand: DemandRow[];
  staff: (PlanningStaffRow & { hoursByWeek: Record<string, number> })[];
  activities: Map<string, DemandActivity & { countsAsJobMeeting: boolean; nameDa: string }>;
  /** The advisers' default programme share on each week's Monday (the unit of "advisers needed in FTE"). */
  adviserShareByWeek: Map<string, number>;
  /** Where the cohort model started: 'members' (the member table) or 'history' (inflow history, while no members are registered). */
  cohortStart: 'members' | 'history';
}

type GroupCounts = Partial<Record<TargetGroup, number[]>>;

/** Demand and supply for a planning window: forecast → cohorts → programme templates → hours, and staff calendars → hours. */
@Injectable()
export class CapacityPlanningInputsService {
  constructor(
    @Inject(CapacityRepository) private readonly repository: CapacityRepository,
    @Inject(CapacityForecastService) private readonly forecasts: CapacityForecastService,
    @Inject(CapacityScenariosService) private readonly scenarios: CapacityScenariosService,
    @Inject(ProgrammeShareRepository) private readonly shares: ProgrammeShareRepository,
  ) {}

  async build(from: string | undefined, weekCount: number, scenario: string | null | undefined): Promise<PlanningInputs> {
    const adjustments = await this.scenarios.adjustmentsFor(scenario);
    const projection = await this.forecasts.projectInflow(from, weekCount, adjustments);
    const weeks = projection.mondays.slice(projection.leadWeeks).map((monday) => ({ key: weekKey(monday), monday }));
    const lastHistory = projection.history.last;
    const [activityRows, templateRows, groupHistory, members] = await Promise.all([
      this.repository.listActivities(),
      this.repository.listTemplateItems(weeks[0].monday),
      this.repository.inflowByGroupSince(addDays(lastHistory, -7 * 51)),
      this.repository.activeMembersByProgrammeWeek(lastHistory),
    ]);
    const activities = new Map(activityRows.map((a) => [a.code, a]));
    const templates = new Map<TargetGroup, DemandTemplateItem[]>();
    for (const row of templateRows) templates.set(row.targetGroup, [...(templates.get(row.targetGroup) ?? []), row]);
    const programmeWeeks = programmeWeeksOf(templates);

    const recent = new Map<string, GroupCounts>();
    for (const row of groupHistory) {
      const office = recent.get(row.officeId) ?? {};
      const series = (office[row.targetGroup] ??= new Array<number>(52).fill(0));
      series[weeksBetween(addDays(lastHistory, -7 * 51), row.weekStart)] += row.newMembers;
      recent.set(row.officeId, office);
    }
    const fundMix = this.mixOf([...recent.values()]);
    const fromMembers = this.initialFromMembers(members, programmeWeeks);
    const demand = projectDemand({
      weeks: weeks.map((w) => w.key),
      leadWeeks: projection.leadWeeks,
      offices: projection.history.offices.map((office) => {
        const counts = recent.get(office.id) ?? {};
        return {
          officeId: office.id,
          inflow: projection.byOffice.get(office.id)!.map((w) => w.mean),
          mix: this.smoothedMix(counts, fundMix),
          initial: members.length > 0 ? (fromMembers.get(office.id) ?? {}) : this.initialFromHistory(counts, programmeWeeks),
        };
      }),
      templates,
      activities,
      weeklyExitHazard: WEEKLY_EXIT_HAZARD,
      basicItNeedsShare: BASIC_IT_NEEDS_SHARE,
      optionalUptake: OPTIONAL_ITEM_UPTAKE,
    });
    return {
      weeks,
      offices: projection.history.offices,
      headOfficeId: projection.history.offices.find((o) => o.isHeadOffice)?.id ?? null,
      demand,
      ...(await this.staffSupply(weeks, projection.history.offices)),
      activities,
      cohortStart: members.length > 0 ? 'members' : 'history',
    };
  }

  private async staffSupply(weeks: PlanningWeek[], offices: CapacityOfficeRow[]) {
    const start = weeks[0].monday;
    const end = addDays(weeks[weeks.length - 1].monday, 7);
    const [staff, absences, closures, shares] = await Promise.all([
      this.repository.listPlanningStaff(),
      this.repository.listAbsences(start, end),
      this.repository.listClosureDays(start, end),
      this.shares.listAll(),
    ]);
    const sharesOf = new Map<string, DatedShare[]>();
    for (const row of shares) {
      const key = row.staffId ?? `role:${row.role}`;
      sharesOf.set(key, [...(sharesOf.get(key) ?? []), { validFrom: row.validFrom, share: row.share }]);
    }
    const closuresByOffice = new Map<string, Set<string>>();
    for (const row of closures) closuresByOffice.set(row.officeId, (closuresByOffice.get(row.officeId) ?? new Set()).add(row.day));
    const absencesByStaff = new Map<string, { from: string; to: string }[]>();
    for (const row of absences) absencesByStaff.set(row.staffId, [...(absencesByStaff.get(row.staffId) ?? []), row]);
    const roleShares = new Map([...sharesOf].filter(([key]) => key.startsWith('role:')).map(([key, values]) => [key.slice(5), values]));
    const hours = supplyByWeek(
      staff.map((s) => ({
        ...s,
        officeId: s.role === 'job-consultant' ? null : s.officeId,
        absences: absencesByStaff.get(s.id) ?? [],
        shares: sharesOf.get(s.id) ?? [],
      })),
      weeks,
      {
        holidays: new Set(publicHolidaysBetween(start, end).map((h) => h.date)),
        closuresByOffice,
        jobTeamBaseOfficeId: offices.find((o) => o.isHeadOffice)?.id ?? null,
        roleShares,
      },
    );
    return {
      staff: staff.map((s) => ({ ...s, hoursByWeek: hours.get(s.id)! })),
      adviserShareByWeek: new Map(weeks.map((w) => [w.key, valueOn(roleShares.get('adviser') ?? [], w.monday)?.share ?? 0])),
    };
  }

  private mixOf(offices: GroupCounts[]): Record<TargetGroup, number> {
    const totals = Object.fromEntries(TARGET_GROUPS.map((g) => [g, 0])) as Record<TargetGroup, number>;
    for (const counts of offices) for (const g of TARGET_GROUPS) totals[g] += (counts[g] ?? []).reduce((a, b) => a + b, 0);
    const sum = TARGET_GROUPS.reduce((s, g) => s + totals[g], 0);
    for (const g of TARGET_GROUPS) totals[g] = sum > 0 ? totals[g] / sum : 1 / TARGET_GROUPS.length;
    return totals;
  }

  /** An office's last-year mix, shrunk towards the fund's: a small office's year holds too few members per group. */
  private smoothedMix(counts: GroupCounts, fundMix: Record<TargetGroup, number>): Record<TargetGroup, number> {
    const own = Object.fromEntries(TARGET_GROUPS.map((g) => [g, (counts[g] ?? []).reduce((a, b) => a + b, 0)])) as Record<TargetGroup, number>;
    const total = TARGET_GROUPS.reduce((s, g) => s + own[g], 0);
    return Object.fromEntries(TARGET_GROUPS.map((g) => [g, (own[g] + MIX_PRIOR_MEMBERS * fundMix[g]) / (total + MIX_PRIOR_MEMBERS)])) as Record<TargetGroup, number>;
  }

  private initialFromMembers(rows: { officeId: string; targetGroup: TargetGroup; programmeWeek: number; members: number }[], programmeWeeks: number) {
    const byOffice = new Map<string, GroupCounts>();
    for (const row of rows) {
      if (row.programmeWeek < 1) continue;
      const office = byOffice.get(row.officeId) ?? {};
      const series = (office[row.targetGroup] ??= new Array<number>(programmeWeeks).fill(0));
      series[Math.min(row.programmeWeek, programmeWeeks) - 1] += row.members;
      byOffice.set(row.officeId, office);
    }
    return byOffice;
  }

  /** While the member table is empty (before members are registered), the last year's inflow, aged by the cohort model. */
  private initialFromHistory(counts: GroupCounts, programmeWeeks: number): GroupCounts {
    const initial: GroupCounts = {};
    for (const g of TARGET_GROUPS) {
      const series = counts[g];
      if (!series) continue;
      const { members } = projectProgrammeWeeks(series, programmeWeeks, WEEKLY_EXIT_HAZARD);
      initial[g] = members[members.length - 1];
    }
    return initial;
  }
}
