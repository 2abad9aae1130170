import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The plan's side-by-side hours (published slots and sessions, booked hours), its demand without items already done
 * and its programme shares read these tables too, so a change to any of them makes kept plans stale. Bookings change
 * often: a plan is then computed again at most once per change and asker (single flight, see plan-cache/).
 */
const TABLES = ['slot', 'session', 'session_leader', 'booking', 'programme_item', 'programme_share'];

export class CapacityPlanBookingInputs1766600000001 implements MigrationInterface {
  name = 'CapacityPlanBookingInputs1766600000001';

  async up(db: QueryRunner): Promise<void> {
    for (const table of TABLES) await db.query(`SELECT capacity_plan_input_register($1)`, [table]);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of TABLES) await db.query(`DROP TRIGGER IF EXISTS capacity_plan_input_changed ON ${table}`);
  }
}
