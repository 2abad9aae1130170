import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A session's capacity never exceeds its room's seats, whoever writes it (the office UI, the optimiser's
 * apply, a fix in psql), and a room cannot shrink below a scheduled session's capacity. A CHECK cannot
 * look at another table, so two small triggers say it.
 */
export class SessionFitsRoom1763900700000 implements MigrationInterface {
  name = 'SessionFitsRoom1763900700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION check_session_fits_room() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        room_seats integer;
      BEGIN
        SELECT seats INTO room_seats FROM room WHERE id = NEW.room_id;
        IF NEW.status = 'scheduled' AND NEW.capacity > room_seats THEN
          RAISE EXCEPTION 'session capacity % exceeds the room''s % seats', NEW.capacity, room_seats
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_session_fits_room';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_session_fits_room BEFORE INSERT OR UPDATE OF capacity, room_id, status ON session
      FOR EACH ROW EXECUTE FUNCTION check_session_fits_room()`);
    await db.query(`
      CREATE FUNCTION check_room_fits_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM session WHERE room_id = NEW.id AND status = 'scheduled' AND capacity > NEW.seats) THEN
          RAISE EXCEPTION 'room % has scheduled sessions with more than % places', NEW.id, NEW.seats
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_session_fits_room';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_room_fits_sessions BEFORE UPDATE OF seats ON room
      FOR EACH ROW EXECUTE FUNCTION check_room_fits_sessions()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS tr_room_fits_sessions ON room`);
    await db.query(`DROP TRIGGER IF EXISTS tr_session_fits_room ON session`);
    await db.query(`DROP FUNCTION IF EXISTS check_room_fits_sessions, check_session_fits_room`);
  }
}
