import type { DemandRow } from '../../plan/core/demand/project-demand.js';
import { isLeaderJobRole, type LeaderJobRole } from '../../../shared/vocabulary/roles.js';
import { type AllocationInput, type UncoveredReason } from './allocation.types.js';

export interface PlanForAllocation {
  weeks: readonly { key: string }[];
  offices: readonly { id: string; lat: number; lon: number; island: string | null }[];
  headOfficeId: string | null;
  staff: readonly {
    id: string;
    role: string;
    skills: readonly string[];
    officeId: string | null;
    hoursByWeek: Record<string, number>;
  }[];
  demand: readonly DemandRow[];
  /** Activities that count as job meetings (the statutory ones) are covered first within an office, week and skill. */
  statutoryActivities: ReadonlySet<string>;
}

const isAllocationRole = (role: string): role is LeaderJobRole => isLeaderJobRole(role);

/** The allocation core's input from planning inputs: the job team has no home office and travels from the head office. */
export function allocationInputFromPlan(plan: PlanForAllocation): AllocationInput {
  const demand = plan.demand
    .filter((row) => row.hours > 0 && isAllocationRole(row.role))
    .map((row) => ({
      officeId: row.officeId,
      week: row.week,
      activity: row.activity,
      role: row.role as LeaderJobRole,
      skill: row.skill,
      hours: row.hours,
    }))
    .sort(
      (a, b) =>
        Number(plan.statutoryActivities.has(b.activity)) - Number(plan.statutoryActivities.has(a.activity)) ||
        a.activity.localeCompare(b.activity),
    );
  return {
    weeks: plan.weeks.map((w) => w.key),
    offices: plan.offices.map((o) => ({ id: o.id, lat: o.lat, lon: o.lon, island: o.island })),
    staff: plan.staff
      .filter((s) => isAllocationRole(s.role))
      .map((s) => {
        const jobTeam = s.role === 'job-consultant';
        return {
          id: s.id,
          role: s.role as LeaderJobRole,
          skills: s.skills,
          homeOfficeId: jobTeam ? null : s.officeId,
          ...(jobTeam ? { baseOfficeId: s.officeId ?? plan.headOfficeId } : {}),
          hoursByWeek: s.hoursByWeek,
        };
      }),
    demand,
  };
}

export const UNCOVERED_EXPLANATIONS: Record<UncoveredReason, string> = {
  NO_QUALIFIED_STAFF: 'Nobody in the fund has the role and skill this activity needs.',
  NO_STAFF_IN_REACH: 'Qualified staff exist, but none works within travel distance of this office.',
  NO_HOURS_IN_WEEK: 'Qualified staff in reach have no hours this week (holidays, closures, absences).',
  INSUFFICIENT_HOURS: 'Every qualified person in reach is fully allocated this week.',
  NOT_OPTIMISED: 'The solver ran out of time here; qualified staff in reach still have hours.',
};
