import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Starts and ends on a whole minute (in UTC, so any zone with whole-minute offsets agrees) and lasts at least 10 minutes. */
const appointmentTimes = (column: string) => `
  date_trunc('minute', lower(${column}) AT TIME ZONE 'UTC') = lower(${column}) AT TIME ZONE 'UTC'
  AND date_trunc('minute', upper(${column}) AT TIME ZONE 'UTC') = upper(${column}) AT TIME ZONE 'UTC'
  AND upper(${column}) - lower(${column}) >= interval '10 minutes'`;

/**
 * Slots and sessions are whole minutes and at least 10 minutes long, whoever writes them: a session from
 * 10:00:00.100 to 10:00:00.900 broke every feed it appeared in. NOT VALID, because rows written before the
 * API refused such times may exist; they are exempt once cancelled, so they can still be cancelled, and they
 * leave the feeds 30 days later.
 */
export class AppointmentTimes1764200000000 implements MigrationInterface {
  name = 'AppointmentTimes1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE slot ADD CONSTRAINT ck_slot_appointment_times CHECK (status = 'cancelled' OR (${appointmentTimes('during')})) NOT VALID`,
    );
    await db.query(
      `ALTER TABLE session ADD CONSTRAINT ck_session_appointment_times CHECK (status = 'cancelled' OR (${appointmentTimes('during')})) NOT VALID`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE session DROP CONSTRAINT IF EXISTS ck_session_appointment_times`);
    await db.query(`ALTER TABLE slot DROP CONSTRAINT IF EXISTS ck_slot_appointment_times`);
  }
}
