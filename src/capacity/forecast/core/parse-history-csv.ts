import { type CsvProblem, MAX_CSV_PROBLEMS, readCsvTable, sortProblems } from '../../../common/csv/csv.js';
import { FIRST_YEAR, isLocalDate, LAST_YEAR } from '../../../shared/validation.js';
import { isMonday } from '../../../shared/time/index.js';
import { TARGET_GROUPS, type TargetGroup } from '../../../shared/vocabulary/target-groups.js';

export const HISTORY_CSV_COLUMNS = ['office_code', 'week_start', 'target_group', 'new_members'] as const;

export interface HistoryCsvRow {
  officeCode: string;
  weekStart: string;
  targetGroup: TargetGroup;
  newMembers: number;
}

export { MAX_CSV_PROBLEMS, type CsvProblem };

export interface ParsedHistoryCsv {
  rows: HistoryCsvRow[];
  problems: CsvProblem[];
}

const MAX_NEW_MEMBERS = 100_000;

/**
 * Reads weekly inflow history. Every problem is reported with its line and column, so a coordinator can fix the
 * whole file in one go; the caller stores nothing unless `problems` is empty.
 */
export function parseHistoryCsv(text: string, knownOfficeCodes: ReadonlySet<string>): ParsedHistoryCsv {
  const rows: HistoryCsvRow[] = [];
  const table = readCsvTable(text, HISTORY_CSV_COLUMNS);
  const problems: CsvProblem[] = [...table.problems];
  const seen = new Map<string, number>();
  for (const record of table.records) {
    if (problems.length >= MAX_CSV_PROBLEMS) break;
    const line = record.line;
    const before = problems.length;
    const at = (column: (typeof HISTORY_CSV_COLUMNS)[number]) => ({
      value: record.value(column),
      column: record.column(column),
    });
    const report = (column: (typeof HISTORY_CSV_COLUMNS)[number], message: string) =>
      problems.push({ line, column: at(column).column, field: column, message });

    const officeCode = at('office_code').value;
    if (officeCode === '') report('office_code', 'office_code is empty');
    else if (!knownOfficeCodes.has(officeCode)) report('office_code', `No office has the code "${officeCode}"`);
    const weekStart = at('week_start').value;
    if (!isLocalDate(weekStart))
      report(
        'week_start',
        `"${weekStart}" is not a date in the form YYYY-MM-DD in the years ${FIRST_YEAR}–${LAST_YEAR}`,
      );
    else if (!isMonday(weekStart)) report('week_start', `${weekStart} is not a Monday (weeks start on Monday)`);
    const targetGroup = at('target_group').value;
    if (!(TARGET_GROUPS as readonly string[]).includes(targetGroup)) {
      report('target_group', `"${targetGroup}" is not a target group; use one of ${TARGET_GROUPS.join(', ')}`);
    }
    const count = at('new_members').value;
    const newMembers = /^\d+$/.test(count) ? Number(count) : Number.NaN;
    if (!Number.isInteger(newMembers) || newMembers > MAX_NEW_MEMBERS) {
      report('new_members', `"${count}" is not a whole number from 0 to ${MAX_NEW_MEMBERS}`);
    }
    if (problems.length > before) continue;
    const key = `${officeCode}|${weekStart}|${targetGroup}`;
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      problems.push({
        line,
        column: 0,
        message: `Duplicate of line ${firstLine} (same office, week and target group)`,
      });
      continue;
    }
    seen.set(key, line);
    rows.push({ officeCode, weekStart, targetGroup: targetGroup as TargetGroup, newMembers });
  }
  return { rows, problems: sortProblems(problems) };
}
