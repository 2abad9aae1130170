import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../../common/auth/access.service.js';
import type { Principal } from '../../common/auth/principal.js';
import { MAX_CSV_PROBLEMS } from '../../common/csv/csv.js';
import type { Queryable } from '../../common/database/queryable.js';
import { badRequest, conflict, DomainError, notFound, unprocessable } from '../../common/errors/domain-error.js';
import {
  checkOrganisation,
  organisationCsv,
  organisationJson,
  parseOrganisationCsv,
  parseOrganisationJson,
  plainDocument,
  type OfficeRecord,
  type OrganisationDocument,
  type OrganisationProblem,
  type OrganisationSection,
  type ParsedOrganisation,
} from './organisation-format.js';
import { Clock } from '../../shared/time/clock.js';
import { OrganisationRepository, type AuditActor } from './organisation.repository.js';

/** A CSV file or JSON document larger than this is refused before it is read (the whole fund is well under 1 MB). */
export const MAX_ORGANISATION_BYTES = 2_000_000;
/** Records in one import, all sections together. */
export const MAX_ORGANISATION_RECORDS = 20_000;

export interface ImportResult {
  departments: number;
  offices: number;
  rooms: number;
  openingHours: number;
  staff: number;
}

function actor(principal: Principal): AuditActor {
  return { actorRole: principal.role, actorId: principal.subjectId ?? null };
}

@Injectable()
export class OrganisationService {
  constructor(
    @Inject(OrganisationRepository) private readonly repository: OrganisationRepository,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  importCsv(principal: Principal, section: OrganisationSection, body: unknown): Promise<ImportResult> {
    if (typeof body !== 'string')
      throw badRequest('CSV_REQUIRED', 'Send the file as a CSV body with Content-Type: text/csv.');
    if (Buffer.byteLength(body) > MAX_ORGANISATION_BYTES) throw tooLarge();
    if (body.split('\n').length > MAX_ORGANISATION_RECORDS + 2) throw tooLarge();
    return this.store(principal, parseOrganisationCsv(section, body), 'CSV_INVALID');
  }

  importJson(principal: Principal, body: unknown): Promise<ImportResult> {
    const sizes =
      typeof body === 'object' && body !== null
        ? Object.values(body).map((v) => (Array.isArray(v) ? v.length : 0))
        : [];
    if (sizes.reduce((a, b) => a + b, 0) > MAX_ORGANISATION_RECORDS) throw tooLarge();
    return this.store(principal, parseOrganisationJson(body), 'JSON_INVALID');
  }

  /**
   * The whole file or nothing: checked against itself and the database inside the transaction that stores it
   * (under a lock, so two imports at once cannot both pass the checks on the same codes).
   */
  private async store(
    principal: Principal,
    parsed: ParsedOrganisation,
    code: 'CSV_INVALID' | 'JSON_INVALID',
  ): Promise<ImportResult> {
    if (parsed.problems.length > 0) throw invalid(code, parsed.problems);
    const document = plainDocument(parsed.document);
    const result: ImportResult = {
      departments: document.departments.length,
      offices: document.offices.length,
      rooms: document.rooms.length,
      openingHours: document.openingHours.length,
      staff: document.staff.length,
    };
    await this.repository.transaction(async (db) => {
      await this.repository.lockImport(db);
      const problems = checkOrganisation(parsed.document, await this.repository.snapshot(db));
      if (problems.length > 0) throw invalid(code, problems);
      await this.repository.upsert(document, this.clock.now(), db);
      await this.repository.audit(
        {
          ...actor(principal),
          entity: 'organisation',
          entityId: randomUUID(),
          action: 'import',
          officeId: null,
          after: result,
        },
        db,
      );
    });
    return result;
  }

  async exportJson() {
    return organisationJson(await this.repository.exportDocument());
  }

  async exportCsv(section: OrganisationSection): Promise<string> {
    return organisationCsv(section, await this.repository.exportDocument());
  }

  async createDepartment(principal: Principal, body: unknown) {
    this.access.assertAllowed(principal, 'department', 'create');
    const record = this.oneRecord(parseOrganisationJson({ departments: [body] }), 'departments[0]');
    const department = record.departments[0];
    const id = await this.repository.transaction(async (db) => {
      if (await this.repository.findDepartmentIdByCode(department.code, db)) {
        throw conflict('DEPARTMENT_CODE_TAKEN', `A department with the code "${department.code}" already exists.`);
      }
      const id = await this.repository.insertDepartment(department.code, department.name, db);
      if (department.active === false) await this.repository.updateDepartment(id, { active: false }, db);
      await this.repository.audit(
        {
          ...actor(principal),
          entity: 'department',
          entityId: id,
          action: 'create',
          officeId: null,
          after: department,
        },
        db,
      );
      return id;
    });
    return this.getDepartment(id);
  }

  async getDepartment(id: string) {
    const department = await this.repository.findDepartment(id);
    if (!department) throw notFound('department', id);
    return department;
  }

  /** Rename or (de)activate. A department with active offices cannot be deactivated: deactivate its offices first. */
  async updateDepartment(principal: Principal, id: string, body: { name?: string; active?: boolean }) {
    this.access.assertAllowed(principal, 'department', 'update or deactivate');
    this.access.assertInScope(principal, { departmentId: id }, 'department', id);
    await this.repository.transaction(async (db) => {
      if (!(await this.repository.findDepartmentForUpdate(id, db))) throw notFound('department', id);
      const before = await this.repository.findDepartment(id, db);
      if (body.active === false && before!.activeOfficeCount > 0) {
        throw conflict(
          'DEPARTMENT_HAS_ACTIVE_OFFICES',
          `The department still has ${before!.activeOfficeCount} active office(s); deactivate them first.`,
        );
      }
      await this.repository.updateDepartment(id, body, db);
      const after = await this.repository.findDepartment(id, db);
      const action =
        body.active === false && before!.active
          ? 'deactivate'
          : body.active === true && !before!.active
            ? 'activate'
            : 'update';
      await this.repository.audit(
        { ...actor(principal), entity: 'department', entityId: id, action, officeId: null, before, after },
        db,
      );
    });
    return this.getDepartment(id);
  }

  /** The office as the import reads it (code, departmentCode, rooms and opening hours). */
  async createOffice(principal: Principal, body: unknown) {
    this.access.assertAllowed(principal, 'office', 'create');
    const document = this.oneRecord(parseOrganisationJson({ offices: [body] }), 'offices[0]');
    const office = document.offices[0];
    return this.repository.transaction(async (db) => {
      const departmentId = await this.repository.findDepartmentIdByCode(office.departmentCode, db);
      if (!departmentId)
        throw unprocessable('UNKNOWN_DEPARTMENT', `No department has the code "${office.departmentCode}".`);
      this.access.assertMayActIn(principal, departmentId);
      if ((await this.repository.snapshot(db)).offices.has(office.code)) {
        throw conflict('OFFICE_CODE_TAKEN', `An office with the code "${office.code}" already exists.`);
      }
      await this.checkAndStore(document, db);
      const id = (await this.repository.findOfficeIdByCode(office.code, db))!;
      const after = await this.officeView(id, db);
      await this.repository.audit(
        { ...actor(principal), entity: 'office', entityId: id, action: 'create', officeId: id, after },
        db,
      );
      return after;
    });
  }

  /**
   * Changes some of an office's fields (never its code, which other data refers to). Moving it to another
   * department needs the right to manage both. `active: false` deactivates it.
   */
  async updateOffice(principal: Principal, id: string, body: unknown) {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw badRequest('BODY_REQUIRED', 'Send the fields to change as a JSON object.');
    const changes = body as Record<string, unknown>;
    if ('code' in changes)
      throw unprocessable('CODE_IMMUTABLE', 'An office’s code cannot change: other data refers to it.');
    for (const key of ['rooms', 'openingHours']) {
      if (key in changes)
        throw unprocessable(
          'USE_SUB_RESOURCE',
          `Change ${key} with PUT /api/offices/${id}/${key === 'rooms' ? 'rooms' : 'opening-hours'}.`,
        );
    }
    return this.changeOffice(principal, id, 'update', (current) => ({ ...current, ...changes }));
  }

  replaceRooms(principal: Principal, id: string, body: unknown) {
    return this.changeOffice(
      principal,
      id,
      'rooms',
      (current) => ({ ...current, rooms: listOf(body, 'rooms') }),
      async (office, document, db) => {
        const keep = new Set(document.rooms.map((r) => r.name));
        const removed = (await this.repository.listRooms(office, db))
          .map((r) => r.name)
          .filter((name) => !keep.has(name));
        const inUse = await this.repository.roomsInUse(office, removed, db);
        if (inUse.length > 0)
          throw conflict('ROOM_IN_USE', `These rooms have sessions and cannot be removed: ${inUse.join(', ')}.`, {
            rooms: inUse,
          });
        await this.repository.replaceRooms(office, document.rooms, db);
      },
    );
  }

  replaceOpeningHours(principal: Principal, id: string, body: unknown) {
    return this.changeOffice(
      principal,
      id,
      'opening-hours',
      (current) => ({ ...current, openingHours: listOf(body, 'openingHours') }),
      (office, document, db) => this.repository.replaceOpeningHours(office, document.openingHours, db),
    );
  }

  private async changeOffice(
    principal: Principal,
    id: string,
    action: keyof typeof OFFICE_CHANGES,
    change: (current: Record<string, unknown>) => Record<string, unknown>,
    replace?: (officeId: string, document: OrganisationDocument, db: Queryable) => Promise<void>,
  ) {
    const [resource, verb] = OFFICE_CHANGES[action];
    this.access.assertAllowed(principal, resource, verb);
    return this.repository.transaction(async (db) => {
      const existing = await this.repository.findOffice(id, db, true);
      if (!existing) throw notFound('office', id);
      this.access.assertInScope(principal, existing, 'office', id);
      const before = await this.officeView(id, db);
      const current: Record<string, unknown> = { ...before };
      delete current.id;
      delete current.departmentName;
      const document = this.oneRecord(parseOrganisationJson({ offices: [change(current)] }), 'offices[0]');
      const departmentId = await this.repository.findDepartmentIdByCode(document.offices[0].departmentCode, db);
      if (departmentId) this.access.assertMayActIn(principal, departmentId);
      // The replaced list is checked with the office, then written by `replace` (the upsert only adds and updates).
      await this.checkAndStore(document, db, replace ? { ...document, rooms: [], openingHours: [] } : document);
      if (replace) await replace(id, document, db);
      const after = await this.officeView(id, db);
      const auditAction =
        action === 'update' && before.active && !after.active
          ? 'deactivate'
          : action === 'update' && !before.active && after.active
            ? 'activate'
            : action;
      await this.repository.audit(
        { ...actor(principal), entity: 'office', entityId: id, action: auditAction, officeId: id, before, after },
        db,
      );
      return after;
    });
  }

  private async checkAndStore(document: OrganisationDocument, db: Queryable, store = document): Promise<void> {
    const located = {
      departments: [],
      offices: document.offices.map((value) => ({
        value,
        at: (field: keyof OfficeRecord | undefined) => ({ path: field ? String(field) : '$' }),
      })),
      rooms: document.rooms.map((value) => ({
        value,
        at: (field: unknown) => ({ path: field ? `rooms.${String(field)}` : 'rooms' }),
      })),
      openingHours: document.openingHours.map((value, i) => ({
        value,
        at: (field: unknown) => ({ path: `openingHours[${i}]${field ? `.${String(field)}` : ''}` }),
      })),
      staff: [],
    };
    const problems = checkOrganisation(located, await this.repository.snapshot(db));
    if (problems.length > 0) throw invalid('JSON_INVALID', problems);
    await this.repository.upsert(store, this.clock.now(), db);
  }

  private async officeView(id: string, db: Queryable) {
    const office = (await this.repository.findOffice(id, db))!;
    const document = await this.repository.exportDocument(db);
    const record = organisationJson(document).offices.find((o) => o.code === office.code)!;
    return { id, ...record, departmentName: (await this.repository.findDepartment(office.departmentId, db))!.name };
  }

  /** One record's document, with problems' paths relative to the record (the client sent the record, not a file). */
  private oneRecord(parsed: ParsedOrganisation, prefix: string): OrganisationDocument {
    const strip = (p: OrganisationProblem): OrganisationProblem =>
      'path' in p ? { ...p, path: p.path === prefix ? '$' : p.path.replace(`${prefix}.`, '') } : p;
    if (parsed.problems.length > 0) throw invalid('JSON_INVALID', parsed.problems.map(strip));
    return plainDocument(parsed.document);
  }
}

/** The access policy's resource and action for each kind of office change. */
const OFFICE_CHANGES = {
  update: ['office', 'update or deactivate'],
  rooms: ['room', 'replace'],
  'opening-hours': ['opening hours', 'replace'],
} as const;

function listOf(body: unknown, key: string): unknown {
  if (typeof body !== 'object' || body === null || !(key in body))
    throw badRequest('BODY_REQUIRED', `Send { "${key}": [ … ] }.`);
  return (body as Record<string, unknown>)[key];
}

function tooLarge(): DomainError {
  return new DomainError(
    'PAYLOAD_TOO_LARGE',
    `The file is too large: at most ${MAX_ORGANISATION_BYTES / 1_000_000} MB and ${MAX_ORGANISATION_RECORDS} records per import.`,
  );
}

function invalid(code: 'CSV_INVALID' | 'JSON_INVALID', problems: OrganisationProblem[]): DomainError {
  const truncated = problems.length >= MAX_CSV_PROBLEMS;
  return unprocessable(
    code,
    `The file has ${truncated ? 'at least ' : ''}${problems.length} error(s); nothing was stored.`,
    { errors: problems, truncated },
  );
}
