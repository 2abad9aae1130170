import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The share of a person's working time that goes to programme work (meetings, sessions and their preparation), dated:
 * a row holds from `valid_from` until the next row of the same person or role, so history is kept. A row names either
 * a leader role (the default for everyone of that role) or one person (their own share; `share` NULL means "the role's
 * default again" from that date). The role defaults below are the first version; coordinators change them through the
 * API. Why these values: README, "Capacity planning".
 */
export class ProgrammeShare1766500000000 implements MigrationInterface {
  name = 'ProgrammeShare1766500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE programme_share (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        staff_id uuid REFERENCES staff (id) ON DELETE CASCADE,
        role text,
        share numeric(4, 3),
        valid_from date NOT NULL,
        note text,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_programme_share_subject CHECK ((staff_id IS NULL) <> (role IS NULL)),
        CONSTRAINT ck_programme_share_role CHECK (role IN ('adviser', 'job-consultant', 'pre-unemployment')),
        CONSTRAINT ck_programme_share_range CHECK (share >= 0 AND share <= 1),
        CONSTRAINT ck_programme_share_role_value CHECK (role IS NULL OR share IS NOT NULL)
      )`);
    await db.query(
      `CREATE UNIQUE INDEX uq_programme_share_staff ON programme_share (staff_id, valid_from) WHERE staff_id IS NOT NULL`,
    );
    await db.query(
      `CREATE UNIQUE INDEX uq_programme_share_role ON programme_share (role, valid_from) WHERE role IS NOT NULL`,
    );
    await db.query(`
      INSERT INTO programme_share (role, share, valid_from, note) VALUES
        ('adviser', 0.40, '2000-01-01', 'First version: member case work, phone and e-mail service take the rest'),
        ('job-consultant', 0.65, '2000-01-01', 'First version: preparation of workshops and theme days, travel between offices'),
        ('pre-unemployment', 0.25, '2000-01-01', 'First version: JobStarter and SnartUdlært beside other member service')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE programme_share`);
  }
}
