import { DEFAULT_MAX_TRAVEL_KM } from '../../../shared/geo.js';
import type { LeaderJobRole } from '../../../shared/vocabulary/roles.js';

export interface AllocationOffice {
  id: string;
  lat: number;
  lon: number;
  /** Ferry-only island (e.g. 'bornholm'); null for offices on the bridged road network. */
  island: string | null;
}

export interface AllocationStaff {
  id: string;
  role: LeaderJobRole;
  skills: readonly string[];
  /** Null for the job team, whose job consultants serve every office. */
  homeOfficeId: string | null;
  /** Where a job-team member travels from; staff with a home office travel from it. */
  baseOfficeId?: string | null;
  /** Hours available per ISO week, already net of holidays, closures and absences, times the person's programme share. */
  hoursByWeek: Readonly<Record<string, number>>;
  /** Straight-line km from home (or base) this person may be sent; defaults to `defaultMaxTravelKm` for staff with a home office, unlimited for the job team. */
  maxTravelKm?: number;
}

export interface AllocationDemand {
  officeId: string;
  /** ISO week key, e.g. '2026-W49'. */
  week: string;
  activity: string;
  role: LeaderJobRole;
  /** Skill the person must have; null when any member of the role will do. */
  skill: string | null;
  /** Staff hours needed (leader hours for group sessions). */
  hours: number;
}

export interface AllocationInput {
  weeks: readonly string[];
  offices: readonly AllocationOffice[];
  staff: readonly AllocationStaff[];
  /** Within one office, week, role and skill, activities are covered in this order: list the statutory ones first. */
  demand: readonly AllocationDemand[];
  /** DKK per km driven (default 3.5). */
  travelCostPerKm?: number;
  /** DKK-equivalent cost of one visit (a working day) at an office other than one's own (default 200). */
  crossOfficePenalty?: number;
  /** Hours worked per visit, to turn per-visit costs into per-hour costs (default 7.4, a 37-hour week over 5 days). */
  hoursPerVisit?: number;
  /** Reach of staff with a home office when they have no `maxTravelKm` (default 60 km). */
  defaultMaxTravelKm?: number;
}

export interface AllocationOptions {
  /** Budget for the whole allocation (default 120 s); components not solved in time fall back to the greedy allocation. */
  timeLimitSeconds?: number;
}

/** 'heuristic': a feasible allocation with no optimality claim (the greedy baseline). */
export type AllocationStatus = 'optimal' | 'time-limit' | 'heuristic' | 'empty' | 'error';

export type UncoveredReason =
  /** Nobody in the input has the role and skill. */
  | 'NO_QUALIFIED_STAFF'
  /** Qualified staff exist, but none may travel to this office. */
  | 'NO_STAFF_IN_REACH'
  /** Qualified staff can reach the office, but none has hours in this week. */
  | 'NO_HOURS_IN_WEEK'
  /** Every qualified person in reach is fully allocated in this week. */
  | 'INSUFFICIENT_HOURS'
  /** Qualified staff in reach still have free hours: the allocation is not optimal (time limit or greedy). */
  | 'NOT_OPTIMISED';

export interface AllocationAssignment {
  staffId: string;
  officeId: string;
  week: string;
  activity: string;
  hours: number;
}

export interface UncoveredDemand {
  officeId: string;
  week: string;
  activity: string;
  role: LeaderJobRole;
  skill: string | null;
  hours: number;
  reason: UncoveredReason;
}

/** The three objective tiers, in priority order, plus figures derived from them (hours to 0.01, DKK and km whole). */
export interface AllocationTotals {
  demandHours: number;
  coveredHours: number;
  /** Tier 1. */
  uncoveredHours: number;
  /** Tier 2, DKK: km driven times `travelCostPerKm` plus `crossOfficePenalty` per visit away from one's own office. */
  travelCost: number;
  /** Tier 3: hours staff with a home office work elsewhere. */
  awayFromHomeHours: number;
  /** Hours worked at an office other than one's home (or, for the job team, base) office. */
  crossOfficeHours: number;
  /** Round trips, one per `hoursPerVisit` hours away. */
  travelKm: number;
}

export interface AllocationStats {
  /** Independent sub-problems (week × connected part of the who-can-serve-where graph). */
  components: number;
  /** Columns and rows over all linear programmes built. */
  variables: number;
  rows: number;
  /** Simplex runs (at most one per objective tier per component). */
  lpRuns: number;
  /** Components solved by the greedy fallback because the time limit ran out. */
  greedyFallbacks: number;
}

export interface AllocationResult {
  status: AllocationStatus;
  assignments: AllocationAssignment[];
  uncovered: UncoveredDemand[];
  totals: AllocationTotals;
  stats: AllocationStats;
  solveMs: number;
  /** Why the status is 'error' or 'time-limit'. */
  messages: string[];
}

export const ALLOCATION_DEFAULTS = {
  travelCostPerKm: 3.5,
  crossOfficePenalty: 200,
  hoursPerVisit: 7.4,
  defaultMaxTravelKm: DEFAULT_MAX_TRAVEL_KM,
  timeLimitSeconds: 120,
} as const;
