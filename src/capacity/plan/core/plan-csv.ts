import { toCsv, type CsvDialect } from '../../../common/csv/csv.js';
import type { PlanActivity, PlanRow } from './capacity-plan.js';

const COLUMNS = [
  'week',
  'week_start',
  'office_code',
  'office_name',
  'activity',
  'kind',
  'role',
  'skill',
  'participants',
  'sessions',
  'demand_hours',
  'supply_hours',
  'gap_hours',
  'utilisation',
  'pool',
] as const;

/** What the CSV reads of a plan: its rows, and the offices, weeks' Mondays and activities they refer to. */
export interface PlanForCsv {
  weeks: readonly string[];
  weekStarts: readonly string[];
  offices: readonly { id: string; code: string; name: string }[];
  activities: readonly PlanActivity[];
  rows: readonly PlanRow[];
}

/**
 * The plan's rows, each with its office's code and name and its week's Monday beside the ISO key, and its activity's
 * kind, role, skill and pool.
 */
export function planToCsv(plan: PlanForCsv, dialect: CsvDialect = 'rfc4180'): string {
  const offices = new Map(plan.offices.map((o) => [o.id, o]));
  const mondays = new Map(plan.weeks.map((week, i) => [week, plan.weekStarts[i]]));
  const activities = new Map(plan.activities.map((a) => [a.activity, a]));
  return toCsv(
    COLUMNS,
    plan.rows.map((r) => [
      r.week,
      mondays.get(r.week),
      offices.get(r.officeId)?.code,
      offices.get(r.officeId)?.name,
      r.activity,
      activities.get(r.activity)?.kind,
      activities.get(r.activity)?.role,
      activities.get(r.activity)?.skill,
      r.participants,
      r.sessions,
      r.demandHours,
      r.supplyHours,
      r.gapHours,
      r.utilisation,
      activities.get(r.activity)?.pool,
    ]),
    dialect,
  );
}
