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

/** Quotes a field when it holds a separator, quote or newline, and defuses spreadsheet formulas. */
function field(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function planToCsv(rows: readonly PlanCsvRow[]): string {
  const lines = [COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.week, r.weekStart, r.officeCode, r.officeName, r.activity, r.kind, r.role, r.skill, r.participants, r.sessions,
        r.demandHours, r.supplyHours, r.gapHours, r.utilisation, r.pool,
      ].map(field).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
