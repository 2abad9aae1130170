import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A booking and a waiting-list entry belong to the member whose programme item they serve, and a
 * booking is for that item's activity. Composite foreign keys say so in PostgreSQL, so no writer (the
 * booking service, the optimiser's apply, the demo loader, a fix in psql) can mix them up.
 */
export class BookingItemConsistency1763900800000 implements MigrationInterface {
  name = 'BookingItemConsistency1763900800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE programme_item ADD CONSTRAINT uq_programme_item_member UNIQUE (id, member_id)`);
    await db.query(
      `ALTER TABLE programme_item ADD CONSTRAINT uq_programme_item_member_activity UNIQUE (id, member_id, activity_code)`,
    );
    await db.query(`
      ALTER TABLE booking ADD CONSTRAINT fk_booking_item_member_activity
      FOREIGN KEY (programme_item_id, member_id, activity_code) REFERENCES programme_item (id, member_id, activity_code) ON DELETE CASCADE`);
    await db.query(`
      ALTER TABLE waitlist_entry ADD CONSTRAINT fk_waitlist_item_member
      FOREIGN KEY (programme_item_id, member_id) REFERENCES programme_item (id, member_id) ON DELETE CASCADE`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE waitlist_entry DROP CONSTRAINT IF EXISTS fk_waitlist_item_member`);
    await db.query(`ALTER TABLE booking DROP CONSTRAINT IF EXISTS fk_booking_item_member_activity`);
    await db.query(`ALTER TABLE programme_item DROP CONSTRAINT IF EXISTS uq_programme_item_member_activity`);
    await db.query(`ALTER TABLE programme_item DROP CONSTRAINT IF EXISTS uq_programme_item_member`);
  }
}
