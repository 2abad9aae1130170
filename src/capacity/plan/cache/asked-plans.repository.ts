import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { kysely } from '../../../common/database/kysely.js';
import { json } from '../../../common/database/sql-fragments.js';
import type { Role } from '../../../shared/vocabulary/roles.js';
import type { PlanQuery } from '../../dto/capacity-query.dto.js';

export interface AskedPlanRow {
  askedKey: string;
  role: Role;
  departmentId: string | null;
  query: PlanQuery;
  askedAt: Date;
}

/** The plans coordinators asked for (table capacity_plan_asked), one row per plan with its last asking. */
@Injectable()
export class AskedPlansRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async record(row: AskedPlanRow): Promise<void> {
    await kysely(this.db)
      .insertInto('capacityPlanAsked')
      .values({
        askedKey: row.askedKey,
        role: row.role,
        departmentId: row.departmentId,
        query: sql<string>`${json(row.query)}::jsonb`,
        askedAt: row.askedAt,
      })
      .onConflict((oc) =>
        oc.column('askedKey').doUpdateSet((eb) => ({
          askedAt: sql<Date>`greatest(${eb.ref('capacityPlanAsked.askedAt')}, ${eb.ref('excluded.askedAt')})`,
        })),
      )
      .execute();
  }

  /** The plans asked for since `since`, the most recently asked last. */
  async askedSince(since: Date): Promise<AskedPlanRow[]> {
    const rows = await kysely(this.db)
      .selectFrom('capacityPlanAsked')
      .select(['askedKey', 'role', 'departmentId', 'query', 'askedAt'])
      .where('askedAt', '>=', since)
      .orderBy('askedAt')
      .orderBy('askedKey')
      .execute();
    return rows.map((r) => ({ ...r, role: r.role as Role, query: r.query as PlanQuery, askedAt: new Date(r.askedAt) }));
  }

  /** Forgets the plans last asked for before `before`. */
  async forgetBefore(before: Date): Promise<void> {
    await kysely(this.db).deleteFrom('capacityPlanAsked').where('askedAt', '<', before).execute();
  }
}
