import { Inject, Injectable, Logger } from '@nestjs/common';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { kysely } from '../../../common/database/kysely.js';

/** Rows of capacity_plan_input_change above which a read folds them into one (the version stays the same). */
const COMPACT_ABOVE_ROWS = 256;

/**
 * The version of the capacity plan's inputs: it grows with every committed transaction that changed a registered
 * input table (see the migration CapacityPlanInputs1766600000000). Read it before reading the inputs: a plan computed
 * afterwards reflects at least that version.
 */
@Injectable()
export class PlanInputsVersion {
  private readonly logger = new Logger(PlanInputsVersion.name);
  private compacting: Promise<void> | undefined;

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async current(): Promise<bigint> {
    const row = await kysely(this.db)
      .selectFrom('capacityPlanInputChange')
      .select((eb) => [
        sql<string>`coalesce(sum(${eb.ref('weight')}), 0)::text`.as('version'),
        sql<number>`count(*)::int`.as('rows'),
      ])
      .executeTakeFirstOrThrow();
    if (row.rows > COMPACT_ABOVE_ROWS && !this.compacting) {
      this.compacting = this.compact()
        .catch((error: unknown) => this.logger.warn(`Compacting the plan inputs version failed: ${String(error)}`))
        .finally(() => {
          this.compacting = undefined;
        });
    }
    return BigInt(row.version);
  }

  /** Folds every committed row into one of their summed weight: the version does not change. */
  async compact(): Promise<void> {
    await kysely(this.db)
      .with('gone', (db) => db.deleteFrom('capacityPlanInputChange').returning('weight'))
      .insertInto('capacityPlanInputChange')
      .columns(['weight'])
      .expression((eb) =>
        eb
          .selectFrom('gone')
          .select((g) => g.fn.sum<string>('weight').as('weight'))
          .having(sql`count(*)`, '>', sql.lit(0)),
      )
      .execute();
  }

  /** The tables whose changes bump the version. */
  async registeredTables(): Promise<string[]> {
    // A system catalogue: no generated type describes it.
    const { rows } = await sql<{
      name: string;
    }>`SELECT tgrelid::regclass::text AS name FROM pg_trigger WHERE tgname = 'capacity_plan_input_changed' ORDER BY 1`.execute(
      kysely(this.db),
    );
    return rows.map((r) => r.name);
  }
}
