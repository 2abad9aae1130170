import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MUNICIPALITIES } from '../seed/municipalities.js';
import { TEAMS } from '../seed/teams.js';

/**
 * Reference data every installation needs, demo or not: the 98 municipalities (with regions and islands) and
 * the fund's teams. Upserted, so a database that got them from the old demo loader ends up the same.
 *
 * Also the `active` flag of departments and offices. An inactive office keeps its history, slots, sessions and
 * bookings, but no new slot or session can be created there (a trigger, so every writer is covered: the office
 * UI, the optimiser's apply, psql). An inactive department cannot get new offices.
 */
export class OrganisationReferenceData1765600000000 implements MigrationInterface {
  name = 'OrganisationReferenceData1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `INSERT INTO municipality (code, name, region_code, region_name, contact_course_trial_2020, scheme_2027, lat, lon, island)
       SELECT code, name, region_code, region_name, trial, scheme, lat, lon, island
       FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, region_code text, region_name text, trial boolean, scheme text,
         lat float8, lon float8, island text)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code, region_name = EXCLUDED.region_name,
         contact_course_trial_2020 = EXCLUDED.contact_course_trial_2020, scheme_2027 = EXCLUDED.scheme_2027,
         lat = EXCLUDED.lat, lon = EXCLUDED.lon, island = EXCLUDED.island`,
      [
        JSON.stringify(
          MUNICIPALITIES.map((m) => ({
            code: m.code,
            name: m.name,
            region_code: m.regionCode,
            region_name: m.regionName,
            trial: m.contactCourseTrial2020,
            scheme: m.scheme2027,
            lat: m.lat,
            lon: m.lon,
            island: m.island,
          })),
        ),
      ],
    );
    await db.query(
      `INSERT INTO team (code, name, works_across_departments)
       SELECT code, name, across FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, across boolean)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, works_across_departments = EXCLUDED.works_across_departments`,
      [JSON.stringify(TEAMS.map((t) => ({ code: t.code, name: t.name, across: t.worksAcrossDepartments })))],
    );
    await db.query(`ALTER TABLE department ADD COLUMN active boolean NOT NULL DEFAULT true`);
    await db.query(`ALTER TABLE office ADD COLUMN active boolean NOT NULL DEFAULT true`);
    await db.query(`
      CREATE FUNCTION check_office_active() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM office WHERE id = NEW.office_id AND NOT active) THEN
          RAISE EXCEPTION 'office % is inactive', NEW.office_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_office_active';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(
      `CREATE TRIGGER tr_slot_office_active BEFORE INSERT OR UPDATE OF office_id ON slot FOR EACH ROW EXECUTE FUNCTION check_office_active()`,
    );
    await db.query(
      `CREATE TRIGGER tr_session_office_active BEFORE INSERT OR UPDATE OF office_id ON session FOR EACH ROW EXECUTE FUNCTION check_office_active()`,
    );
    await db.query(`
      CREATE FUNCTION check_department_active() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.active AND EXISTS (SELECT 1 FROM department WHERE id = NEW.department_id AND NOT active) THEN
          RAISE EXCEPTION 'department % is inactive', NEW.department_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_department_active';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(
      `CREATE TRIGGER tr_office_department_active BEFORE INSERT OR UPDATE OF department_id, active ON office FOR EACH ROW EXECUTE FUNCTION check_department_active()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS tr_office_department_active ON office`);
    await db.query(`DROP TRIGGER IF EXISTS tr_session_office_active ON session`);
    await db.query(`DROP TRIGGER IF EXISTS tr_slot_office_active ON slot`);
    await db.query(`DROP FUNCTION IF EXISTS check_department_active, check_office_active`);
    await db.query(`ALTER TABLE office DROP COLUMN IF EXISTS active`);
    await db.query(`ALTER TABLE department DROP COLUMN IF EXISTS active`);
    // The reference rows stay: offices and members refer to them.
  }
}
