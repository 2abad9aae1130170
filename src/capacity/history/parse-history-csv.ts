import { FIRST_YEAR, isLocalDate, LAST_YEAR } from '../../shared/validation.js';
import { isMonday } from '../../shared/time/index.js';
import { TARGET_GROUPS, type TargetGroup } from '../../shared/vocabulary/target-groups.js';

export const HISTORY_CSV_COLUMNS = ['office_code', 'week_start', 'target_group', 'new_members'] as const;

export interface HistoryCsvRow {
  officeCode: string;
  weekStart: string;
  targetGroup: TargetGroup;
  newMembers: number;
}

export interface CsvProblem {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  /** 1-based column; 0 when the problem is the whole line. */
  column: number;
  field?: string;
  message: string;
}

export interface ParsedHistoryCsv {
  rows: HistoryCsvRow[];
  problems: CsvProblem[];
}

/** More problems than this are cut off: the caller learns the file is bad without a megabyte of details. */
export const MAX_CSV_PROBLEMS = 500;
const MAX_NEW_MEMBERS = 100_000;

/** Splits one line on commas or semicolons (Danish spreadsheets export ';'); double-quoted fields may contain the separator. */
function splitLine(line: string, separator: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      fields.push(current.trim());
      current = '';
    } else current += char;
  }
  fields.push(current.trim());
  return fields;
}

/**
 * Reads weekly inflow history. Every problem is reported with its line and column, so a coordinator can fix the
 * whole file in one go; the caller stores nothing unless `problems` is empty.
 */
export function parseHistoryCsv(text: string, knownOfficeCodes: ReadonlySet<string>): ParsedHistoryCsv {
  const problems: CsvProblem[] = [];
  const rows: HistoryCsvRow[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0) {
    return { rows, problems: [{ line: 1, column: 0, message: `The file is empty; expected a header: ${HISTORY_CSV_COLUMNS.join(',')}` }] };
  }
  const separator = lines[0].includes(';') && !lines[0].includes(',') ? ';' : ',';
  const header = splitLine(lines[0], separator).map((name) => name.toLowerCase());
  const index = new Map(header.map((name, i) => [name, i]));
  header.forEach((name, i) => {
    if (!(HISTORY_CSV_COLUMNS as readonly string[]).includes(name)) {
      problems.push({ line: 1, column: i + 1, message: `Unknown column "${name}"; expected ${HISTORY_CSV_COLUMNS.join(', ')}` });
    }
  });
  for (const column of HISTORY_CSV_COLUMNS) {
    if (!index.has(column)) problems.push({ line: 1, column: 0, field: column, message: `The header lacks the column "${column}"` });
  }
  if (problems.length > 0) return { rows, problems };
  if (lines.length === 1) return { rows, problems: [{ line: 2, column: 0, message: 'The file has a header but no rows' }] };

  const seen = new Map<string, number>();
  for (let l = 1; l < lines.length && problems.length < MAX_CSV_PROBLEMS; l++) {
    const line = l + 1;
    if (lines[l].trim() === '') {
      problems.push({ line, column: 0, message: 'Empty line' });
      continue;
    }
    const fields = splitLine(lines[l], separator);
    if (fields.length !== header.length) {
      problems.push({ line, column: 0, message: `Expected ${header.length} fields, found ${fields.length}` });
      continue;
    }
    const before = problems.length;
    const at = (column: (typeof HISTORY_CSV_COLUMNS)[number]) => ({ value: fields[index.get(column)!], column: index.get(column)! + 1 });
    const report = (column: (typeof HISTORY_CSV_COLUMNS)[number], message: string) =>
      problems.push({ line, column: at(column).column, field: column, message });

    const officeCode = at('office_code').value;
    if (officeCode === '') report('office_code', 'office_code is empty');
    else if (!knownOfficeCodes.has(officeCode)) report('office_code', `No office has the code "${officeCode}"`);
    const weekStart = at('week_start').value;
    if (!isLocalDate(weekStart)) report('week_start', `"${weekStart}" is not a date in the form YYYY-MM-DD in the years ${FIRST_YEAR}–${LAST_YEAR}`);
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
      problems.push({ line, column: 0, message: `Duplicate of line ${firstLine} (same office, week and target group)` });
      continue;
    }
    seen.set(key, line);
    rows.push({ officeCode, weekStart, targetGroup: targetGroup as TargetGroup, newMembers });
  }
  return { rows, problems };
}
