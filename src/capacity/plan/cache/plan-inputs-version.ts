import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

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
    const [row]: { version: string; rows: number }[] = await this.db.query(
      `SELECT coalesce(sum(weight), 0)::text AS version, count(*)::int AS rows FROM capacity_plan_input_change`,
    );
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
    await this.db.query(`
      WITH gone AS (DELETE FROM capacity_plan_input_change RETURNING weight)
      INSERT INTO capacity_plan_input_change (weight) SELECT sum(weight) FROM gone HAVING count(*) > 0`);
  }

  /** The tables whose changes bump the version. */
  async registeredTables(): Promise<string[]> {
    const rows: { name: string }[] = await this.db.query(
      `SELECT tgrelid::regclass::text AS name FROM pg_trigger WHERE tgname = 'capacity_plan_input_changed' ORDER BY 1`,
    );
    return rows.map((r) => r.name);
  }
}
