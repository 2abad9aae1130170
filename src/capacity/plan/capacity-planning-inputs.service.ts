import { setImmediate as nextTurn } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { publicHolidaysBetween } from '../../locations/calendar-rules.js';
import { addDays, weekKey, weeksBetween } from '../../shared/time/index.js';
import { CapacityRepository, type CapacityOfficeRow, type PlanningStaffRow } from '../capacity.repository.js';
import { CapacityForecastService } from '../forecast/capacity-forecast.service.js';
import { CapacityScenariosService } from '../forecast/capacity-scenarios.service.js';
import { ProgrammeShareRepository } from './programme-share.repository.js';
import { type DatedShare, valueOn } from './core/supply/programme-share.js';
import {
  BASIC_IT_NEEDS_SHARE,
  INTENSIVE_COURSE,
  JOBSTARTER_MEETINGS_PER_YEAR,
  MIX_PRIOR_MEMBERS,
  OPTIONAL_ITEM_UPTAKE,
  SNART_UDLAERT_MEETINGS_PER_YEAR,
  SUMMONS_RATE_WEEKS,
  WEEKLY_EXIT_HAZARD,
} from './core/demand/demand-assumptions.js';
import { outsideProgrammeRows, spreadByInflow } from './core/demand/outside-programme.js';
import { Clock } from '../../shared/time/index.js';
import {
  type DemandActivity,
  type DemandRow,
  type DemandTemplateItem,
  programmeWeeksOf,
  projectDemand,
} from './core/demand/project-demand.js';
import { projectProgrammeWeeks } from '../forecast/core/cohort.js';
import { supplyByWeek } from './core/supply/staff-supply.js';
import { TARGET_GROUPS, type TargetGroup } from '../../shared/vocabulary/target-groups.js';

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
  /**
   * With `withActuals`: what is planned, published and booked in the window, and the unbooked slot hours of staff who
   * can lead group sessions per office and week. Read with the other inputs but possibly not yet answered when they
   * are returned: a plan awaits it once its rows are computed. (Kept inputs are frozen; this promise's value is not.)
   */
  actuals?: Promise<PlanActuals>;
}

export type PlanActuals = Awaited<ReturnType<CapacityRepository['planActuals']>> & {
  groupConvertible: Awaited<ReturnType<CapacityRepository['groupConvertibleSlotHours']>>;
};

type GroupCounts = Partial<Record<TargetGroup, number[]>>;

const WEEK_MS = 7 * 86_400_000;

/** Demand and supply for a planning window: forecast → cohorts → programme templates → hours, and staff calendars → hours. */
@Injectable()
export class CapacityPlanningInputsService {
  constructor(
    @Inject(CapacityRepository) private readonly repository: CapacityRepository,
    @Inject(CapacityForecastService) private readonly forecasts: CapacityForecastService,
    @Inject(CapacityScenariosService) private readonly scenarios: CapacityScenariosService,
    @Inject(ProgrammeShareRepository) private readonly shares: ProgrammeShareRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** `withActuals`: read the window's actuals too (the plan shows them; the allocation does not need them). */
  async build(
    from: string | undefined,
    weekCount: number,
    scenario: string | null | undefined,
    withActuals = false,
  ): Promise<PlanningInputs> {
    const adjustments = await this.scenarios.adjustmentsFor(scenario);
    const projection = await this.forecasts.projectInflow(from, weekCount, adjustments);
    const weeks = projection.mondays.slice(projection.leadWeeks).map((monday) => ({ key: weekKey(monday), monday }));
    const lastHistory = projection.history.last;
    const now = this.clock.now();
    const start = weeks[0].monday;
    const end = addDays(weeks[weeks.length - 1].monday, 7);
    // Every query at once, the staff calendars' and the window's actuals too: the database works while demand is
    // projected. The actuals (the slowest queries, needed only for the office weeks) are awaited by the plan after its
    // rows are computed, not here.
    const supplyRows = this.staffSupplyRows(start, end);
    supplyRows.catch(() => undefined); // awaited below
    const actuals = withActuals
      ? Promise.all([
          this.repository.planActuals(start, end),
          this.repository.groupConvertibleSlotHours(start, end),
        ]).then(([read, groupConvertible]) => ({ ...read, groupConvertible }))
      : undefined;
    actuals?.catch(() => undefined); // awaited by the caller
    const [activityRows, templateRows, groupHistory, members, closed, summonses, booked] = await Promise.all([
      this.repository.listActivities(),
      this.repository.listTemplateItems(weeks[0].monday),
      this.repository.inflowByGroupSince(addDays(lastHistory, -7 * 51)),
      this.repository.activeMembersByProgrammeWeek(lastHistory),
      this.repository.closedItemsByProgrammeWeek(lastHistory, weeks[0].monday),
      this.repository.summonsesByOffice(new Date(now.getTime() - SUMMONS_RATE_WEEKS * WEEK_MS), now),
      this.repository.bookedMeetings(['jobstarter', 'snart-udlaert'], new Date(now.getTime() - 52 * WEEK_MS), now),
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
    // Between the parts of a long computation the event loop serves other requests (see CapacityPlanService).
    await nextTurn();
    const fundMix = this.mixOf([...recent.values()]);
    const fromMembers = this.initialFromMembers(members, programmeWeeks);
    const doneByOffice = this.closedFromMembers(closed, programmeWeeks);
    const demand = projectDemand({
      weeks: weeks.map((w) => w.key),
      leadWeeks: projection.leadWeeks,
      offices: projection.history.offices.map((office) => {
        const counts = recent.get(office.id) ?? {};
        return {
          officeId: office.id,
          inflow: projection.byOffice.get(office.id)!.map((w) => w.mean),
          mix: this.smoothedMix(counts, fundMix),
          initial:
            members.length > 0 ? (fromMembers.get(office.id) ?? {}) : this.initialFromHistory(counts, programmeWeeks),
          initialDone: doneByOffice.get(office.id),
        };
      }),
      templates,
      activities,
      weeklyExitHazard: WEEKLY_EXIT_HAZARD,
      basicItNeedsShare: BASIC_IT_NEEDS_SHARE,
      optionalUptake: OPTIONAL_ITEM_UPTAKE,
      afterProgramme: INTENSIVE_COURSE.filter((item) => activities.has(item.activityCode)),
    });
    demand.push(...this.outsideProgramme(weeks, projection, activities, summonses, booked));
    const supply = await supplyRows;
    await nextTurn();
    return {
      weeks,
      offices: projection.history.offices,
      headOfficeId: projection.history.offices.find((o) => o.isHeadOffice)?.id ?? null,
      demand,
      ...this.staffSupply(weeks, projection.history.offices, supply),
      activities,
      cohortStart: members.length > 0 ? 'members' : 'history',
      ...(actuals ? { actuals } : {}),
    };
  }

  private staffSupplyRows(start: string, end: string) {
    return Promise.all([
      this.repository.listPlanningStaff(),
      this.repository.listAbsences(start, end),
      this.repository.listClosureDays(start, end),
      this.shares.listAll(),
    ]);
  }

  private staffSupply(
    weeks: PlanningWeek[],
    offices: CapacityOfficeRow[],
    [staff, absences, closures, shares]: Awaited<ReturnType<CapacityPlanningInputsService['staffSupplyRows']>>,
  ) {
    const start = weeks[0].monday;
    const end = addDays(weeks[weeks.length - 1].monday, 7);
    const sharesOf = new Map<string, DatedShare[]>();
    for (const row of shares) {
      const key = row.staffId ?? `role:${row.role}`;
      sharesOf.set(key, [...(sharesOf.get(key) ?? []), { validFrom: row.validFrom, share: row.share }]);
    }
    const closuresByOffice = new Map<string, Set<string>>();
    for (const row of closures)
      closuresByOffice.set(row.officeId, (closuresByOffice.get(row.officeId) ?? new Set()).add(row.day));
    const absencesByStaff = new Map<string, { from: string; to: string }[]>();
    for (const row of absences) absencesByStaff.set(row.staffId, [...(absencesByStaff.get(row.staffId) ?? []), row]);
    const roleShares = new Map(
      [...sharesOf].filter(([key]) => key.startsWith('role:')).map(([key, values]) => [key.slice(5), values]),
    );
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
      adviserShareByWeek: new Map(
        weeks.map((w) => [w.key, valueOn(roleShares.get('adviser') ?? [], w.monday)?.share ?? 0]),
      ),
    };
  }

  /**
   * Meetings outside the programme templates: JobStarter at the fund's yearly target or last year's bookings if more,
   * SnartUdlært at last year's bookings or the assumed yearly count if more (both spread over the offices by their
   * expected inflow), and red-smiley summonses at each office's rate over the last weeks.
   */
  private outsideProgramme(
    weeks: PlanningWeek[],
    projection: {
      leadWeeks: number;
      byOffice: Map<string, { mean: number }[]>;
      history: { offices: CapacityOfficeRow[] };
    },
    activities: PlanningInputs['activities'],
    summonses: { officeId: string; summonses: number }[],
    booked: { activity: string; meetings: number }[],
  ): DemandRow[] {
    const keys = weeks.map((w) => w.key);
    const inflow = new Map(
      projection.history.offices.map((o) => [
        o.id,
        projection.byOffice
          .get(o.id)!
          .slice(projection.leadWeeks)
          .map((w) => w.mean),
      ]),
    );
    const lastYear = (code: string) => booked.find((b) => b.activity === code)?.meetings ?? 0;
    const rows: DemandRow[] = [];
    for (const [code, floor] of [
      ['jobstarter', JOBSTARTER_MEETINGS_PER_YEAR],
      ['snart-udlaert', SNART_UDLAERT_MEETINGS_PER_YEAR],
    ] as const) {
      const activity = activities.get(code);
      if (activity && inflow.size > 0)
        rows.push(
          ...outsideProgrammeRows(
            keys,
            activity,
            spreadByInflow(Math.max(floor, lastYear(code)) / 52, inflow, keys.length),
          ),
        );
    }
    const summons = activities.get('summons');
    if (summons) {
      const rate = new Map(
        summonses
          .filter((s) => inflow.has(s.officeId))
          .map((s) => [s.officeId, keys.map(() => s.summonses / SUMMONS_RATE_WEEKS)]),
      );
      rows.push(...outsideProgrammeRows(keys, summons, rate));
    }
    return rows;
  }

  /** Closed items per office, target group and activity, per programme week (the last one collects the later weeks). */
  private closedFromMembers(
    rows: { officeId: string; targetGroup: TargetGroup; programmeWeek: number; activity: string; members: number }[],
    programmeWeeks: number,
  ) {
    const byOffice = new Map<string, Partial<Record<TargetGroup, Record<string, number[]>>>>();
    for (const row of rows) {
      if (row.programmeWeek < 1) continue;
      const office = byOffice.get(row.officeId) ?? {};
      const group = (office[row.targetGroup] ??= {});
      const series = (group[row.activity] ??= new Array<number>(programmeWeeks).fill(0));
      series[Math.min(row.programmeWeek, programmeWeeks) - 1] += row.members;
      byOffice.set(row.officeId, office);
    }
    return byOffice;
  }

  private mixOf(offices: GroupCounts[]): Record<TargetGroup, number> {
    const totals = Object.fromEntries(TARGET_GROUPS.map((g) => [g, 0])) as Record<TargetGroup, number>;
    for (const counts of offices)
      for (const g of TARGET_GROUPS) totals[g] += (counts[g] ?? []).reduce((a, b) => a + b, 0);
    const sum = TARGET_GROUPS.reduce((s, g) => s + totals[g], 0);
    for (const g of TARGET_GROUPS) totals[g] = sum > 0 ? totals[g] / sum : 1 / TARGET_GROUPS.length;
    return totals;
  }

  /** An office's last-year mix, shrunk towards the fund's: a small office's year holds too few members per group. */
  private smoothedMix(counts: GroupCounts, fundMix: Record<TargetGroup, number>): Record<TargetGroup, number> {
    const own = Object.fromEntries(
      TARGET_GROUPS.map((g) => [g, (counts[g] ?? []).reduce((a, b) => a + b, 0)]),
    ) as Record<TargetGroup, number>;
    const total = TARGET_GROUPS.reduce((s, g) => s + own[g], 0);
    return Object.fromEntries(
      TARGET_GROUPS.map((g) => [g, (own[g] + MIX_PRIOR_MEMBERS * fundMix[g]) / (total + MIX_PRIOR_MEMBERS)]),
    ) as Record<TargetGroup, number>;
  }

  private initialFromMembers(
    rows: { officeId: string; targetGroup: TargetGroup; programmeWeek: number; members: number }[],
    programmeWeeks: number,
  ) {
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
