import {
  MAX_CSV_PROBLEMS,
  readCsvTable,
  sortProblems,
  toCsv,
  type CsvProblem,
  type CsvValue,
} from '../../common/csv/csv.js';
import { ISLANDS, type Island } from '../../shared/geo.js';
import { STAFF_JOB_ROLES, STAFF_SKILLS, type StaffRole, type StaffSkill } from '../../shared/vocabulary/roles.js';

/**
 * The fund's organisation as a file: departments, offices, rooms, opening hours and staff, each keyed by its
 * natural key (department code, office code, office + room name, office + weekday, employee number). JSON holds
 * all five sections in one document (rooms and opening hours nested in their office); CSV has one file per
 * section. Both are read into the same records and checked by the same rules.
 */

export const OFFICE_KINDS = ['main', 'satellite'] as const;
export const ORGANISATION_SECTIONS = ['departments', 'offices', 'rooms', 'opening-hours', 'staff'] as const;
export type OrganisationSection = (typeof ORGANISATION_SECTIONS)[number];

export interface DepartmentRecord {
  code: string;
  name: string;
  /** Absent: a new department is active, an existing one keeps its flag. */
  active?: boolean;
}

export interface OfficeRecord {
  code: string;
  name: string;
  kind: (typeof OFFICE_KINDS)[number];
  departmentCode: string;
  town: string;
  municipalityCode: string;
  lat: number;
  lon: number;
  island: Island | null;
  street: string;
  postcode: string;
  city: string;
  isHeadOffice: boolean;
  isContactCentre: boolean;
  active?: boolean;
}

export interface RoomRecord {
  officeCode: string;
  name: string;
  seats: number;
}

export interface OpeningHoursRecord {
  officeCode: string;
  weekday: number;
  opens: string;
  closes: string;
}

export interface StaffRecord {
  employeeNumber: string;
  name: string;
  email: string;
  role: StaffRole;
  officeCode: string | null;
  departmentCode: string | null;
  teamCode: string | null;
  skills: StaffSkill[];
  weeklyHours: number;
  active?: boolean;
}

export interface OrganisationDocument {
  departments: DepartmentRecord[];
  offices: OfficeRecord[];
  rooms: RoomRecord[];
  openingHours: OpeningHoursRecord[];
  staff: StaffRecord[];
}

/** Where a value came from: line and column of a CSV file, or the path in a JSON document. */
export type Where = { line: number; column: number; field?: string } | { path: string };
export type OrganisationProblem = CsvProblem | { path: string; message: string };

/** A record with the place each of its fields came from, for cross-reference errors found later. */
export interface Located<T> {
  value: T;
  at(field: keyof T | undefined): Where;
}

export interface LocatedDocument {
  departments: Located<DepartmentRecord>[];
  offices: Located<OfficeRecord>[];
  rooms: Located<RoomRecord>[];
  openingHours: Located<OpeningHoursRecord>[];
  staff: Located<StaffRecord>[];
}

export interface ParsedOrganisation {
  document: LocatedDocument;
  problems: OrganisationProblem[];
}

type FieldKind =
  | { type: 'code' }
  | { type: 'text'; max: number }
  | { type: 'number'; min: number; max: number }
  | { type: 'int'; min: number; max: number }
  | { type: 'bool' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'time' }
  | { type: 'skills' };

interface FieldSpec {
  /** JSON property. */
  name: string;
  /** CSV column. */
  column: string;
  kind: FieldKind;
  required: boolean;
  /** Value when the field is absent (optional fields only; undefined leaves it out). */
  absent?: unknown;
}

const CODE = /^[a-z0-9][a-z0-9._-]{0,39}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const MAX_TEXT = 200;

const f = (name: string, column: string, kind: FieldKind, required = true, absent?: unknown): FieldSpec => ({
  name,
  column,
  kind,
  required,
  absent,
});

const DEPARTMENT_FIELDS = [
  f('code', 'code', { type: 'code' }),
  f('name', 'name', { type: 'text', max: MAX_TEXT }),
  f('active', 'active', { type: 'bool' }, false),
];

const OFFICE_FIELDS = [
  f('code', 'code', { type: 'code' }),
  f('name', 'name', { type: 'text', max: MAX_TEXT }),
  f('kind', 'kind', { type: 'enum', values: OFFICE_KINDS }),
  f('departmentCode', 'department_code', { type: 'code' }),
  f('town', 'town', { type: 'text', max: MAX_TEXT }),
  f('municipalityCode', 'municipality_code', { type: 'text', max: 4 }),
  f('lat', 'lat', { type: 'number', min: 54.5, max: 57.8 }),
  f('lon', 'lon', { type: 'number', min: 8, max: 15.2 }),
  f('island', 'island', { type: 'enum', values: ISLANDS }, false, null),
  f('street', 'street', { type: 'text', max: MAX_TEXT }),
  f('postcode', 'postcode', { type: 'text', max: 4 }),
  f('city', 'city', { type: 'text', max: MAX_TEXT }),
  f('isHeadOffice', 'is_head_office', { type: 'bool' }, false, false),
  f('isContactCentre', 'is_contact_centre', { type: 'bool' }, false, false),
  f('active', 'active', { type: 'bool' }, false),
];

const ROOM_FIELDS = [
  f('name', 'name', { type: 'text', max: MAX_TEXT }),
  f('seats', 'seats', { type: 'int', min: 1, max: 500 }),
];
const ROOM_CSV_FIELDS = [f('officeCode', 'office_code', { type: 'code' }), ...ROOM_FIELDS];

const HOURS_FIELDS = [
  f('weekday', 'weekday', { type: 'int', min: 1, max: 7 }),
  f('opens', 'opens', { type: 'time' }),
  f('closes', 'closes', { type: 'time' }),
];
const HOURS_CSV_FIELDS = [f('officeCode', 'office_code', { type: 'code' }), ...HOURS_FIELDS];

const STAFF_FIELDS = [
  f('employeeNumber', 'employee_number', { type: 'text', max: 40 }),
  f('name', 'name', { type: 'text', max: MAX_TEXT }),
  f('email', 'email', { type: 'text', max: MAX_TEXT }),
  f('role', 'role', { type: 'enum', values: STAFF_JOB_ROLES }),
  f('officeCode', 'office_code', { type: 'code' }, false, null),
  f('departmentCode', 'department_code', { type: 'code' }, false, null),
  f('teamCode', 'team_code', { type: 'code' }, false, null),
  f('skills', 'skills', { type: 'skills' }, false, []),
  f('weeklyHours', 'weekly_hours', { type: 'number', min: 1, max: 48 }),
  f('active', 'active', { type: 'bool' }, false),
];

const CSV_FIELDS: Record<OrganisationSection, FieldSpec[]> = {
  departments: DEPARTMENT_FIELDS,
  offices: OFFICE_FIELDS,
  rooms: ROOM_CSV_FIELDS,
  'opening-hours': HOURS_CSV_FIELDS,
  staff: STAFF_FIELDS,
};

/** CSV columns of a section, in the order the export writes them. */
export function csvColumns(section: OrganisationSection): string[] {
  return CSV_FIELDS[section].map((field) => field.column);
}

type Report = (field: FieldSpec | undefined, message: string) => void;

/** A raw value: from CSV always a string ('' = absent), from JSON whatever the document holds (undefined/null = absent). */
function readField(spec: FieldSpec, raw: unknown, fromCsv: boolean, report: (message: string) => void): unknown {
  const absent = raw === undefined || raw === null || (fromCsv && raw === '');
  if (absent) {
    if (spec.required) report(`${spec.column} is required`);
    return spec.absent;
  }
  const kind = spec.kind;
  switch (kind.type) {
    case 'code':
    case 'text': {
      if (typeof raw !== 'string') return report(`${spec.name} must be text`);
      const text = raw.trim();
      if (text === '') return spec.required ? report(`${spec.column} is empty`) : spec.absent;
      if (CONTROL.test(text)) return report(`${spec.column} contains a control character`);
      if (kind.type === 'code' && !CODE.test(text)) {
        return report(
          `"${text}" is not a code: 1–40 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit`,
        );
      }
      if (kind.type === 'text' && text.length > kind.max)
        return report(`${spec.column} is longer than ${kind.max} characters`);
      return text;
    }
    case 'number':
    case 'int': {
      const value = fromCsv ? (/^-?\d+(\.\d+)?$/.test(String(raw)) ? Number(raw) : Number.NaN) : raw;
      if (typeof value !== 'number' || !Number.isFinite(value)) return report(`"${String(raw)}" is not a number`);
      if (kind.type === 'int' && !Number.isInteger(value)) return report(`${String(raw)} is not a whole number`);
      if (value < kind.min || value > kind.max) return report(`${value} is outside ${kind.min}–${kind.max}`);
      return value;
    }
    case 'bool': {
      if (typeof raw === 'boolean') return raw;
      if (fromCsv && /^(true|false)$/i.test(String(raw))) return String(raw).toLowerCase() === 'true';
      return report(`"${String(raw)}" is not true or false`);
    }
    case 'enum': {
      if (typeof raw !== 'string' || !kind.values.includes(raw))
        return report(`"${String(raw)}" is not one of ${kind.values.join(', ')}`);
      return raw;
    }
    case 'time': {
      if (typeof raw !== 'string' || !TIME.test(raw)) return report(`"${String(raw)}" is not a time HH:mm`);
      return raw;
    }
    case 'skills': {
      const list = fromCsv
        ? String(raw)
            .split('|')
            .map((s) => s.trim())
            .filter((s) => s !== '')
        : raw;
      if (!Array.isArray(list)) return report(`${spec.name} must be a list`);
      const unknown = list.filter(
        (skill) => typeof skill !== 'string' || !(STAFF_SKILLS as readonly string[]).includes(skill),
      );
      if (unknown.length > 0)
        return report(
          `Unknown skill(s) ${unknown.map((s) => JSON.stringify(s)).join(', ')}; use ${STAFF_SKILLS.join(', ')}`,
        );
      if (new Set(list).size !== list.length) return report('A skill is listed twice');
      return list;
    }
  }
}

function readRecord<T>(
  specs: FieldSpec[],
  get: (spec: FieldSpec) => unknown,
  fromCsv: boolean,
  report: Report,
): T | undefined {
  const result: Record<string, unknown> = {};
  let ok = true;
  for (const spec of specs) {
    const value = readField(spec, get(spec), fromCsv, (message) => {
      ok = false;
      report(spec, message);
    });
    if (value !== undefined) result[spec.name] = value;
  }
  return ok ? (result as T) : undefined;
}

function emptyDocument(): LocatedDocument {
  return { departments: [], offices: [], rooms: [], openingHours: [], staff: [] };
}

/** Reads one section's CSV file; cross-references are checked afterwards (checkOrganisation). */
export function parseOrganisationCsv(section: OrganisationSection, text: string): ParsedOrganisation {
  const specs = CSV_FIELDS[section];
  const required = specs.filter((s) => s.required).map((s) => s.column);
  const optional = specs.filter((s) => !s.required).map((s) => s.column);
  const table = readCsvTable(text, required, optional);
  const problems: OrganisationProblem[] = [...table.problems];
  const document = emptyDocument();
  for (const record of table.records) {
    if (problems.length >= MAX_CSV_PROBLEMS) break;
    const at = (field: string | undefined): Where => {
      const spec = specs.find((s) => s.name === field);
      return spec && record.has(spec.column)
        ? { line: record.line, column: record.column(spec.column), field: spec.column }
        : { line: record.line, column: 0 };
    };
    const value = readRecord<never>(
      specs,
      (spec) => record.value(spec.column),
      true,
      (spec, message) => problems.push({ ...(at(spec?.name) as CsvProblem), message }),
    );
    if (value === undefined) continue;
    const located = { value, at: (field: unknown) => at(field as string | undefined) };
    if (section === 'departments') document.departments.push(located);
    else if (section === 'offices') document.offices.push(located);
    else if (section === 'rooms') document.rooms.push(located);
    else if (section === 'opening-hours') document.openingHours.push(located);
    else document.staff.push(located);
  }
  return { document, problems: sortProblems(problems as CsvProblem[]) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a JSON organisation document (any subset of departments, offices, staff; rooms and openingHours inside offices). */
export function parseOrganisationJson(body: unknown): ParsedOrganisation {
  const problems: OrganisationProblem[] = [];
  const document = emptyDocument();
  if (!isObject(body))
    return {
      document,
      problems: [{ path: '$', message: 'The body must be a JSON object with departments, offices and/or staff' }],
    };
  const sections = ['departments', 'offices', 'staff'];
  for (const key of Object.keys(body)) {
    if (!sections.includes(key))
      problems.push({ path: key, message: `Unknown section "${key}"; expected ${sections.join(', ')}` });
  }
  const list = (value: unknown, path: string): unknown[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      problems.push({ path, message: `${path} must be a list` });
      return [];
    }
    return value;
  };
  const records = <T>(
    items: unknown[],
    path: string,
    specs: FieldSpec[],
    extra: readonly string[],
    add: (located: Located<T>) => void,
    nested?: (item: Record<string, unknown>, base: string, value: T | undefined) => void,
  ) => {
    items.forEach((item, i) => {
      const base = `${path}[${i}]`;
      if (!isObject(item)) {
        problems.push({ path: base, message: 'Each element must be an object' });
        return;
      }
      for (const key of Object.keys(item)) {
        if (!specs.some((s) => s.name === key) && !extra.includes(key))
          problems.push({ path: `${base}.${key}`, message: `Unknown field "${key}"` });
      }
      const value = readRecord<T>(
        specs,
        (spec) => item[spec.name],
        false,
        (spec, message) => problems.push({ path: spec ? `${base}.${spec.name}` : base, message }),
      );
      if (value !== undefined)
        add({ value, at: (field) => ({ path: field === undefined ? base : `${base}.${String(field)}` }) });
      nested?.(item, base, value);
    });
  };
  records<DepartmentRecord>(list(body.departments, 'departments'), 'departments', DEPARTMENT_FIELDS, [], (d) =>
    document.departments.push(d),
  );
  records<OfficeRecord>(
    list(body.offices, 'offices'),
    'offices',
    OFFICE_FIELDS,
    ['rooms', 'openingHours'],
    (office) => document.offices.push(office),
    // Rooms and hours are checked even when their office is not, so one pass finds every error.
    (item, base, office) => {
      const officeCode = office?.code ?? '';
      records<Omit<RoomRecord, 'officeCode'>>(
        list(item.rooms, `${base}.rooms`),
        `${base}.rooms`,
        ROOM_FIELDS,
        [],
        (room) =>
          document.rooms.push({
            value: { officeCode, ...room.value },
            at: (field) => room.at(field === 'officeCode' ? undefined : (field as keyof typeof room.value)),
          }),
      );
      records<Omit<OpeningHoursRecord, 'officeCode'>>(
        list(item.openingHours, `${base}.openingHours`),
        `${base}.openingHours`,
        HOURS_FIELDS,
        [],
        (hours) =>
          document.openingHours.push({
            value: { officeCode, ...hours.value },
            at: (field) => hours.at(field === 'officeCode' ? undefined : (field as keyof typeof hours.value)),
          }),
      );
    },
  );
  records<StaffRecord>(list(body.staff, 'staff'), 'staff', STAFF_FIELDS, [], (s) => document.staff.push(s));
  return { document, problems: problems.slice(0, MAX_CSV_PROBLEMS) };
}

/** What the database already holds, for cross-references and the one-head-office rule. */
export interface OrganisationSnapshot {
  departmentCodes: ReadonlySet<string>;
  /** Office code → its department code and flags. */
  offices: ReadonlyMap<string, { departmentCode: string; isHeadOffice: boolean; isContactCentre: boolean }>;
  municipalityCodes: ReadonlySet<string>;
  teamCodes: ReadonlySet<string>;
}

function problemAt(where: Where, message: string): OrganisationProblem {
  return 'path' in where ? { path: where.path, message } : { ...where, message };
}

function describe(where: Where): string {
  return 'path' in where ? where.path : `line ${where.line}`;
}

/**
 * Checks a parsed document as a whole: duplicates by natural key, references between records (the file first,
 * then the database), the staff placement rules of the schema, and at most one head office and contact centre.
 */
export function checkOrganisation(document: LocatedDocument, snapshot: OrganisationSnapshot): OrganisationProblem[] {
  const problems: OrganisationProblem[] = [];
  const unique = <T>(records: Located<T>[], key: (value: T) => string, what: string) => {
    const seen = new Map<string, Where>();
    for (const record of records) {
      const k = key(record.value);
      const first = seen.get(k);
      if (first) problems.push(problemAt(record.at(undefined), `Duplicate of ${describe(first)} (same ${what})`));
      else seen.set(k, record.at(undefined));
    }
  };
  unique(document.departments, (d) => d.code, 'department code');
  unique(document.offices, (o) => o.code, 'office code');
  unique(document.rooms, (r) => `${r.officeCode}|${r.name}`, 'office and room name');
  unique(document.openingHours, (h) => `${h.officeCode}|${h.weekday}`, 'office and weekday');
  unique(document.staff, (s) => s.employeeNumber, 'employee number');

  const departmentCodes = new Set([...snapshot.departmentCodes, ...document.departments.map((d) => d.value.code)]);
  const officeDepartment = new Map([...snapshot.offices].map(([code, office]) => [code, office.departmentCode]));
  for (const office of document.offices) officeDepartment.set(office.value.code, office.value.departmentCode);

  for (const office of document.offices) {
    const o = office.value;
    if (!departmentCodes.has(o.departmentCode))
      problems.push(problemAt(office.at('departmentCode'), `No department has the code "${o.departmentCode}"`));
    if (!snapshot.municipalityCodes.has(o.municipalityCode))
      problems.push(problemAt(office.at('municipalityCode'), `No municipality has the code "${o.municipalityCode}"`));
  }
  for (const flag of ['isHeadOffice', 'isContactCentre'] as const) {
    const holders = new Map<string, Where | undefined>();
    for (const [code, office] of snapshot.offices) if (office[flag]) holders.set(code, undefined);
    for (const office of document.offices) {
      if (office.value[flag]) holders.set(office.value.code, office.at(flag));
      else holders.delete(office.value.code);
    }
    if (holders.size > 1) {
      const where = [...holders.values()].find((w) => w !== undefined);
      const label = flag === 'isHeadOffice' ? 'head office' : 'contact centre';
      problems.push(
        problemAt(
          where ?? { path: '$' },
          `There can be only one ${label}; these would be: ${[...holders.keys()].sort().join(', ')}`,
        ),
      );
    }
  }
  for (const room of document.rooms) {
    if (!officeDepartment.has(room.value.officeCode))
      problems.push(problemAt(room.at('officeCode'), `No office has the code "${room.value.officeCode}"`));
  }
  for (const hours of document.openingHours) {
    const h = hours.value;
    if (!officeDepartment.has(h.officeCode))
      problems.push(problemAt(hours.at('officeCode'), `No office has the code "${h.officeCode}"`));
    if (h.opens >= h.closes)
      problems.push(problemAt(hours.at('closes'), `The office closes (${h.closes}) before it opens (${h.opens})`));
  }
  for (const person of document.staff) {
    const s = person.value;
    if (s.officeCode !== null && !officeDepartment.has(s.officeCode))
      problems.push(problemAt(person.at('officeCode'), `No office has the code "${s.officeCode}"`));
    if (s.departmentCode !== null && !departmentCodes.has(s.departmentCode)) {
      problems.push(problemAt(person.at('departmentCode'), `No department has the code "${s.departmentCode}"`));
    }
    const officeDepartmentCode = s.officeCode === null ? undefined : officeDepartment.get(s.officeCode);
    if (officeDepartmentCode !== undefined && s.departmentCode !== null && s.departmentCode !== officeDepartmentCode) {
      problems.push(
        problemAt(
          person.at('departmentCode'),
          `Office "${s.officeCode}" belongs to department "${officeDepartmentCode}", not "${s.departmentCode}"`,
        ),
      );
    }
    if (s.teamCode !== null && !snapshot.teamCodes.has(s.teamCode)) {
      problems.push(
        problemAt(
          person.at('teamCode'),
          `No team has the code "${s.teamCode}"; teams are ${[...snapshot.teamCodes].sort().join(', ')}`,
        ),
      );
    }
    if ((s.role === 'adviser' || s.role === 'pre-unemployment') && s.officeCode === null)
      problems.push(problemAt(person.at('officeCode'), `A ${s.role} needs an office`));
    if (s.role === 'job-consultant' && s.teamCode === null)
      problems.push(problemAt(person.at('teamCode'), 'A job consultant needs a team (job-team)'));
    if (s.role === 'office-coordinator' && s.departmentCode === null)
      problems.push(problemAt(person.at('departmentCode'), 'An office coordinator needs a department'));
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s.email))
      problems.push(problemAt(person.at('email'), `"${s.email}" is not an e-mail address`));
  }
  return sortOrganisationProblems(problems);
}

function sortOrganisationProblems(problems: OrganisationProblem[]): OrganisationProblem[] {
  if (problems.every((p) => 'line' in p)) return sortProblems(problems as CsvProblem[]);
  return problems.slice(0, MAX_CSV_PROBLEMS);
}

/** Plain records of a located document, staff with their department filled in from their office. */
export function plainDocument(document: LocatedDocument): OrganisationDocument {
  const officeDepartment = new Map(document.offices.map((o) => [o.value.code, o.value.departmentCode]));
  return {
    departments: document.departments.map((d) => d.value),
    offices: document.offices.map((o) => o.value),
    rooms: document.rooms.map((r) => r.value),
    openingHours: document.openingHours.map((h) => h.value),
    staff: document.staff
      .map((s) => s.value)
      .map((s) => ({
        ...s,
        departmentCode: s.departmentCode ?? (s.officeCode ? (officeDepartment.get(s.officeCode) ?? null) : null),
      })),
  };
}

/** The export: JSON nests rooms and opening hours in their office, the form the import reads. */
export function organisationJson(document: OrganisationDocument) {
  return {
    departments: document.departments,
    offices: document.offices.map((office) => ({
      ...office,
      rooms: document.rooms.filter((r) => r.officeCode === office.code).map(({ name, seats }) => ({ name, seats })),
      openingHours: document.openingHours
        .filter((h) => h.officeCode === office.code)
        .map(({ weekday, opens, closes }) => ({ weekday, opens, closes })),
    })),
    staff: document.staff,
  };
}

export function organisationCsv(section: OrganisationSection, document: OrganisationDocument): string {
  const specs = CSV_FIELDS[section];
  const rows: readonly object[] =
    section === 'departments'
      ? document.departments
      : section === 'offices'
        ? document.offices
        : section === 'rooms'
          ? document.rooms
          : section === 'opening-hours'
            ? document.openingHours
            : document.staff;
  const cell = (spec: FieldSpec, value: unknown): CsvValue =>
    spec.kind.type === 'skills' ? (value as string[]).join('|') : (value as CsvValue);
  return toCsv(
    specs.map((s) => s.column),
    rows.map((row) => specs.map((spec) => cell(spec, (row as Record<string, unknown>)[spec.name]))),
  );
}
