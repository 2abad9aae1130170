export type CsvValue = string | number | boolean | null | undefined;

/**
 * How a CSV file is written. `rfc4180`: comma separators, decimal points, no BOM (the default, for API
 * clients). `excel-da`: what Excel with Danish regional settings opens correctly by double-click: a UTF-8
 * byte-order mark (else "Brønderslev" turns into "BrÃ¸nderslev"), `;` separators and decimal commas.
 */
export const CSV_DIALECTS = ['rfc4180', 'excel-da'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];

const SEPARATOR: Record<CsvDialect, string> = { rfc4180: ',', 'excel-da': ';' };

/**
 * One field: quoted when it holds the separator, a quote or a line break, quotes doubled. Text that a
 * spreadsheet would run as a formula gets a leading apostrophe; numbers are left alone, written with a
 * decimal comma in the Danish Excel dialect.
 */
export function csvField(value: CsvValue, dialect: CsvDialect = 'rfc4180'): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  if (typeof value === 'number' && dialect === 'excel-da') text = text.replace('.', ',');
  const separator = SEPARATOR[dialect];
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and the data rows, CRLF line ends (RFC 4180); the Danish Excel dialect starts with a BOM. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvValue[])[],
  dialect: CsvDialect = 'rfc4180',
): string {
  const separator = SEPARATOR[dialect];
  const body =
    [header, ...rows].map((row) => row.map((value) => csvField(value, dialect)).join(separator)).join('\r\n') + '\r\n';
  return dialect === 'excel-da' ? `\uFEFF${body}` : body;
}

export interface CsvProblem {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  /** 1-based column; 0 when the problem is the whole line. */
  column: number;
  field?: string;
  message: string;
}

/** More problems than this are cut off: the caller learns the file is bad without a megabyte of details. */
export const MAX_CSV_PROBLEMS = 500;

/** One data line of a CSV file, its fields by (lower-case) column name. */
export interface CsvRecord<C extends string = string> {
  line: number;
  value(column: C): string;
  /** 1-based column of a named field, for problems. */
  column(column: C): number;
  /** Whether the header has this (optional) column. */
  has(column: C): boolean;
}

export interface CsvTable<C extends string = string> {
  records: CsvRecord<C>[];
  problems: CsvProblem[];
}

/** Splits one line on commas or semicolons (Danish spreadsheets export ';'); double-quoted fields may contain the separator. */
export function splitCsvLine(line: string, separator: string): string[] {
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
 * Reads a CSV file with a header (any column order, BOM, CRLF, ',' or ';'), checking the header and each line's
 * field count. Problems carry line and column; the caller validates the values and stores nothing unless the
 * whole file is clean.
 */
export function readCsvTable<C extends string>(
  text: string,
  required: readonly C[],
  optional: readonly C[] = [],
): CsvTable<C> {
  const problems: CsvProblem[] = [];
  const records: CsvRecord<C>[] = [];
  const known: readonly string[] = [...required, ...optional];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0) {
    return {
      records,
      problems: [{ line: 1, column: 0, message: `The file is empty; expected a header: ${required.join(',')}` }],
    };
  }
  const separator = lines[0].includes(';') && !lines[0].includes(',') ? ';' : ',';
  const header = splitCsvLine(lines[0], separator).map((name) => name.toLowerCase());
  const index = new Map(header.map((name, i) => [name, i]));
  header.forEach((name, i) => {
    if (!known.includes(name))
      problems.push({ line: 1, column: i + 1, message: `Unknown column "${name}"; expected ${known.join(', ')}` });
  });
  for (const column of required) {
    if (!index.has(column))
      problems.push({ line: 1, column: 0, field: column, message: `The header lacks the column "${column}"` });
  }
  if (problems.length > 0) return { records, problems };
  if (lines.length === 1)
    return { records, problems: [{ line: 2, column: 0, message: 'The file has a header but no rows' }] };
  for (let l = 1; l < lines.length && problems.length < MAX_CSV_PROBLEMS; l++) {
    const line = l + 1;
    if (lines[l].trim() === '') {
      problems.push({ line, column: 0, message: 'Empty line' });
      continue;
    }
    const fields = splitCsvLine(lines[l], separator);
    if (fields.length !== header.length) {
      problems.push({ line, column: 0, message: `Expected ${header.length} fields, found ${fields.length}` });
      continue;
    }
    records.push({
      line,
      value: (column) => (index.has(column) ? fields[index.get(column)!] : ''),
      column: (column) => (index.get(column) ?? -1) + 1,
      has: (column) => index.has(column),
    });
  }
  return { records, problems };
}

/** In file order (stable within a line), cut off at MAX_CSV_PROBLEMS. */
export function sortProblems<P extends { line: number }>(problems: P[]): P[] {
  return [...problems].sort((a, b) => a.line - b.line).slice(0, MAX_CSV_PROBLEMS);
}
