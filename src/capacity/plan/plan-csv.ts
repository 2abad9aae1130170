import { toCsv } from '../../common/csv/csv.js';

const COLUMNS = [
  'week', 'week_start', 'office_code', 'office_name', 'activity', 'kind', 'role', 'skill', 'participants', 'sessions',
  'demand_hours', 'supply_hours', 'gap_hours', 'utilisation', 'pool',
] as const;

export interface PlanCsvRow {
  week: string;
  weekStart: string;
  officeCode: string;
  officeName: string;
  activity: string;
  kind: string;
  role: string;
  skill: string | null;
  participants: number;
  sessions: number | null;
  demandHours: number;
  supplyHours: number;
  gapHours: number;
  utilisation: number | null;
  pool: string;
}

export function planToCsv(rows: readonly PlanCsvRow[]): string {
  return toCsv(
    COLUMNS,
    rows.map((r) => [
      r.week, r.weekStart, r.officeCode, r.officeName, r.activity, r.kind, r.role, r.skill, r.participants, r.sessions,
      r.demandHours, r.supplyHours, r.gapHours, r.utilisation, r.pool,
    ]),
  );
}
