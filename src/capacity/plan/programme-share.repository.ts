import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { kysely } from '../../common/database/kysely.js';
import type { Queryable } from '../../common/database/queryable.js';
import type { LeaderJobRole } from '../../shared/vocabulary/roles.js';
import { insertAuditEvent } from '../../common/database/audit-events.js';

export interface ProgrammeShareRow {
  id: string;
  staffId: string | null;
  role: string | null;
  share: number | null;
  validFrom: string;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface ShareStaffRow {
  id: string;
  name: string;
  role: string;
  officeId: string | null;
  departmentId: string | null;
}

/** Dated programme shares (table programme_share): role defaults and each person's own values, history kept. */
@Injectable()
export class ProgrammeShareRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  private select(db: Queryable) {
    return kysely(db)
      .selectFrom('programmeShare')
      .select(['id', 'staffId', 'role', 'note', 'createdBy'])
      .select([
        sql<number | null>`share::float8`.as('share'),
        sql<string>`valid_from::text`.as('validFrom'),
        sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('createdAt'),
      ]);
  }

  /** Every row, oldest date first: the planning inputs read them all (a few per person at most). */
  listAll(db: Queryable = this.db): Promise<ProgrammeShareRow[]> {
    return this.select(db).orderBy('validFrom').orderBy('createdAt').execute();
  }

  listForStaff(staffId: string, db: Queryable = this.db): Promise<ProgrammeShareRow[]> {
    return this.select(db).where('staffId', '=', staffId).orderBy('validFrom').execute();
  }

  listForRole(role: LeaderJobRole, db: Queryable = this.db): Promise<ProgrammeShareRow[]> {
    return this.select(db).where('role', '=', role).orderBy('validFrom').execute();
  }

  /** Leaders (the roles the plan counts) in a department, or all when `departmentId` is undefined; the job team has none. */
  listLeaders(departmentId: string | undefined, db: Queryable = this.db): Promise<ShareStaffRow[]> {
    let query = kysely(db)
      .selectFrom('staff')
      .select(['id', 'name', 'role', 'officeId', 'departmentId'])
      .where('active', '=', true)
      .where('role', 'in', ['adviser', 'job-consultant', 'pre-unemployment']);
    if (departmentId !== undefined) query = query.where('departmentId', '=', departmentId);
    return query.orderBy('employeeNumber').execute();
  }

  findStaff(id: string, db: Queryable = this.db): Promise<ShareStaffRow | undefined> {
    return kysely(db)
      .selectFrom('staff')
      .select(['id', 'name', 'role', 'officeId', 'departmentId'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** One value per person or role and date: a second one on the same date replaces the first (the audit keeps it). */
  async upsert(
    entry: {
      staffId: string | null;
      role: LeaderJobRole | null;
      share: number | null;
      validFrom: string;
      note: string | null;
      createdBy: string | null;
    },
    db: Queryable,
  ): Promise<{ id: string }> {
    // The partial unique index to meet: a person's own value, or a role's default.
    const target = entry.staffId !== null ? 'staffId' : 'role';
    return kysely(db)
      .insertInto('programmeShare')
      .values({
        staffId: entry.staffId,
        role: entry.role,
        share: entry.share,
        validFrom: entry.validFrom,
        note: entry.note,
        createdBy: entry.createdBy,
      })
      .onConflict((oc) =>
        oc
          .columns([target, 'validFrom'])
          .where(target, 'is not', null)
          .doUpdateSet((eb) => ({
            share: eb.ref('excluded.share'),
            note: eb.ref('excluded.note'),
            createdBy: eb.ref('excluded.createdBy'),
            createdAt: sql<Date>`now()`,
          })),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
  }

  audit(
    entry: {
      actorRole: string;
      actorId: string | null;
      entityId: string;
      action: string;
      officeId: string | null;
      before: unknown;
      after: unknown;
    },
    db: Queryable,
  ): Promise<unknown> {
    return insertAuditEvent({ ...entry, entity: 'programme-share' }, db);
  }
}
