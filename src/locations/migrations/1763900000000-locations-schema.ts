import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LocationsSchema1763900000000 implements MigrationInterface {
  name = 'LocationsSchema1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await db.query(`
      CREATE TABLE department (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        CONSTRAINT uq_department_code UNIQUE (code)
      )`);
    await db.query(`
      CREATE TABLE team (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        works_across_departments boolean NOT NULL DEFAULT false,
        CONSTRAINT uq_team_code UNIQUE (code)
      )`);
    await db.query(`
      CREATE TABLE municipality (
        code char(4) PRIMARY KEY,
        name text NOT NULL,
        region_code char(4) NOT NULL,
        region_name text NOT NULL,
        contact_course_trial_2020 boolean NOT NULL,
        scheme_2027 text,
        lat double precision NOT NULL,
        lon double precision NOT NULL,
        island text
      )`);
    await db.query(`
      CREATE TABLE office (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        department_id uuid NOT NULL REFERENCES department (id),
        town text NOT NULL,
        municipality_code char(4) NOT NULL REFERENCES municipality (code),
        lat double precision NOT NULL,
        lon double precision NOT NULL,
        island text,
        street text NOT NULL,
        postcode text NOT NULL,
        city text NOT NULL,
        timezone text NOT NULL DEFAULT 'Europe/Copenhagen',
        is_head_office boolean NOT NULL DEFAULT false,
        is_contact_centre boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_office_code UNIQUE (code),
        CONSTRAINT ck_office_kind CHECK (kind IN ('main', 'satellite')),
        CONSTRAINT ck_office_coordinates CHECK (lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180)
      )`);
    await db.query(`CREATE INDEX ix_office_department ON office (department_id)`);
    await db.query(`CREATE UNIQUE INDEX uq_office_one_head_office ON office (is_head_office) WHERE is_head_office`);
    await db.query(
      `CREATE UNIQUE INDEX uq_office_one_contact_centre ON office (is_contact_centre) WHERE is_contact_centre`,
    );
    await db.query(`
      CREATE TABLE room (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES office (id) ON DELETE CASCADE,
        name text NOT NULL,
        seats integer NOT NULL,
        CONSTRAINT uq_room_office_name UNIQUE (office_id, name),
        CONSTRAINT ck_room_seats CHECK (seats BETWEEN 1 AND 500)
      )`);
    await db.query(`
      CREATE TABLE office_opening_hours (
        office_id uuid NOT NULL REFERENCES office (id) ON DELETE CASCADE,
        weekday smallint NOT NULL,
        opens time NOT NULL,
        closes time NOT NULL,
        PRIMARY KEY (office_id, weekday),
        CONSTRAINT ck_opening_hours_weekday CHECK (weekday BETWEEN 1 AND 7),
        CONSTRAINT ck_opening_hours_order CHECK (opens < closes)
      )`);
    await db.query(`
      CREATE TABLE closure_day (
        office_id uuid NOT NULL REFERENCES office (id) ON DELETE CASCADE,
        day date NOT NULL,
        reason text NOT NULL,
        PRIMARY KEY (office_id, day)
      )`);
    await db.query(`
      CREATE TABLE staff (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employee_number text NOT NULL,
        name text NOT NULL,
        email text NOT NULL,
        role text NOT NULL,
        office_id uuid REFERENCES office (id),
        department_id uuid REFERENCES department (id),
        team_id uuid REFERENCES team (id),
        skills text[] NOT NULL DEFAULT '{}',
        weekly_hours numeric(4,1) NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_staff_employee_number UNIQUE (employee_number),
        CONSTRAINT ck_staff_role CHECK (role IN ('adviser', 'job-consultant', 'pre-unemployment', 'office-coordinator', 'central-coordinator')),
        CONSTRAINT ck_staff_weekly_hours CHECK (weekly_hours > 0 AND weekly_hours <= 48),
        CONSTRAINT ck_staff_placement CHECK (
          (role NOT IN ('adviser', 'pre-unemployment') OR office_id IS NOT NULL)
          AND (role <> 'job-consultant' OR team_id IS NOT NULL)
          AND (role <> 'office-coordinator' OR department_id IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX ix_staff_office ON staff (office_id)`);
    await db.query(`CREATE INDEX ix_staff_department ON staff (department_id)`);
    await db.query(`
      CREATE TABLE staff_absence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        staff_id uuid NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
        period daterange NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_staff_absence_reason CHECK (reason IN ('vacation', 'sick', 'course', 'other')),
        CONSTRAINT ck_staff_absence_nonempty CHECK (NOT isempty(period)),
        CONSTRAINT ex_staff_absence_overlap EXCLUDE USING gist (staff_id WITH =, period WITH &&)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'staff_absence',
      'staff',
      'closure_day',
      'office_opening_hours',
      'room',
      'office',
      'municipality',
      'team',
      'department',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
