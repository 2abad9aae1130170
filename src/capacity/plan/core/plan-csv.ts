import { toCsv, type CsvDialect } from '../../../common/csv/csv.js';
import type { PlanRow } from './capacity-plan.js';

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

/** A plan row as the CSV shows it: the office by code and name, and the week's Monday beside its ISO key. */
export type PlanCsvRow = Omit<PlanRow, 'officeId'> & { weekStart: string; officeCode: string; officeName: string };

export function planToCsv(rows: readonly PlanCsvRow[], dialect: CsvDialect = 'rfc4180'): string {
  return toCsv(
    COLUMNS,
    rows.map((r) => [
      r.week,
      r.weekStart,
      r.officeCode,
      r.officeName,
      r.activity,
      r.kind,
      r.role,
      r.skill,
      r.participants,
      r.sessions,
      r.demandHours,
      r.supplyHours,
      r.gapHours,
      r.utilisation,
      r.pool,
    ]),
    dialect,
  );
}
