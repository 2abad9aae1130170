import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Members, programmes, published slots and sessions, bookings. The booking invariants are
 * PostgreSQL's to keep, whatever code path writes:
 * - a slot holds one live booking (uq_booking_slot_live), a session never exceeds its capacity
 *   (ck_session_booked, with the conditional UPDATE in the repository);
 * - a member is never in two overlapping bookings (ex_booking_member_overlap) and holds at most one
 *   live booking per programme item (uq_booking_item_live);
 * - a staff member is never committed twice at once, across slots and session leadership
 *   (ex_staff_commitment_overlap on staff_commitment, which triggers keep in step);
 * - a room never hosts two sessions at once (ex_session_room_overlap).
 */
export class BookingSchema1763900200000 implements MigrationInterface {
  name = 'BookingSchema1763900200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE activity_type (
        code text PRIMARY KEY,
        name_da text NOT NULL,
        name_en text NOT NULL,
        kind text NOT NULL,
        default_duration_minutes integer NOT NULL,
        min_group_size integer,
        max_group_size integer,
        leader_roles text[] NOT NULL,
        leader_skill text,
        channels text[] NOT NULL,
        counts_as_job_meeting boolean NOT NULL DEFAULT false,
        CONSTRAINT ck_activity_kind CHECK (kind IN ('individual', 'group')),
        CONSTRAINT ck_activity_duration CHECK (default_duration_minutes BETWEEN 5 AND 720),
        CONSTRAINT ck_activity_group_sizes CHECK (
          (kind = 'individual' AND min_group_size IS NULL AND max_group_size IS NULL)
          OR (kind = 'group' AND min_group_size >= 1 AND max_group_size >= min_group_size)),
        CONSTRAINT ck_activity_channels CHECK (channels <@ ARRAY['in-person', 'phone', 'video'] AND cardinality(channels) > 0)
      )`);
    await db.query(`
      CREATE TABLE programme_template (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        target_group text NOT NULL,
        version integer NOT NULL,
        valid_from date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_programme_template_version UNIQUE (target_group, version)
      )`);
    await db.query(`
      CREATE TABLE programme_template_item (
        template_id uuid NOT NULL REFERENCES programme_template (id) ON DELETE CASCADE,
        position integer NOT NULL,
        activity_code text NOT NULL REFERENCES activity_type (code),
        required boolean NOT NULL,
        from_week integer NOT NULL,
        to_week integer NOT NULL,
        condition text,
        PRIMARY KEY (template_id, position),
        CONSTRAINT ck_template_item_weeks CHECK (from_week >= 1 AND to_week >= from_week AND to_week <= 104),
        CONSTRAINT ck_template_item_condition CHECK (condition IS NULL OR condition IN ('basic-it-needs'))
      )`);
    await db.query(`
      CREATE TABLE member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_number text NOT NULL,
        name text,
        email text,
        phone text,
        municipality_code char(4) REFERENCES municipality (code),
        home_office_id uuid NOT NULL REFERENCES office (id),
        home_office_overridden boolean NOT NULL DEFAULT false,
        first_unemployment_day date NOT NULL,
        risk text NOT NULL,
        target_group text NOT NULL,
        basic_it_needs boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'active',
        smiley text NOT NULL DEFAULT 'green',
        programme_template_id uuid REFERENCES programme_template (id),
        referred_at timestamptz,
        erased_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_member_number UNIQUE (member_number),
        CONSTRAINT ck_member_risk CHECK (risk IN ('low', 'high')),
        CONSTRAINT ck_member_target_group CHECK (target_group IN
          ('plus50', 'plus50-it', 'it', 'newly-graduated', 'newly-graduated-it', 'other-at-risk', 'low-risk')),
        CONSTRAINT ck_member_risk_matches_group CHECK ((risk = 'low') = (target_group = 'low-risk')),
        CONSTRAINT ck_member_status CHECK (status IN ('active', 'referred', 'closed', 'erased')),
        CONSTRAINT ck_member_smiley CHECK (smiley IN ('green', 'yellow', 'red')),
        CONSTRAINT ck_member_erased CHECK ((status = 'erased') = (erased_at IS NOT NULL)
          AND (status <> 'erased' OR (name IS NULL AND email IS NULL AND phone IS NULL)))
      )`);
    await db.query(`CREATE INDEX ix_member_home_office ON member (home_office_id) WHERE status = 'active'`);
    await db.query(`
      CREATE TABLE programme_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        activity_code text NOT NULL REFERENCES activity_type (code),
        required boolean NOT NULL,
        window_start timestamptz NOT NULL,
        window_end timestamptz NOT NULL,
        channels text[] NOT NULL,
        status text NOT NULL DEFAULT 'open',
        origin text NOT NULL DEFAULT 'programme',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_programme_item_window CHECK (window_start < window_end),
        CONSTRAINT ck_programme_item_status CHECK (status IN ('open', 'booked', 'done', 'missed', 'waived')),
        CONSTRAINT ck_programme_item_origin CHECK (origin IN ('programme', 'smiley', 'manual'))
      )`);
    await db.query(`CREATE INDEX ix_programme_item_member ON programme_item (member_id)`);
    await db.query(
      `CREATE INDEX ix_programme_item_open_activity ON programme_item (activity_code, window_start) WHERE status = 'open'`,
    );
    await db.query(`
      CREATE TABLE slot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES office (id),
        staff_id uuid NOT NULL REFERENCES staff (id),
        activity_codes text[] NOT NULL,
        channel text NOT NULL,
        during tstzrange NOT NULL,
        status text NOT NULL DEFAULT 'open',
        ical_uid text NOT NULL DEFAULT (gen_random_uuid()::text || '@akasse-scheduler'),
        ical_sequence integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_slot_channel CHECK (channel IN ('in-person', 'phone', 'video')),
        CONSTRAINT ck_slot_status CHECK (status IN ('open', 'cancelled')),
        CONSTRAINT ck_slot_during CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
        CONSTRAINT ck_slot_activities CHECK (cardinality(activity_codes) > 0)
      )`);
    await db.query(`CREATE INDEX ix_slot_office_during ON slot USING gist (office_id, during) WHERE status = 'open'`);
    await db.query(`CREATE INDEX ix_slot_staff_during ON slot USING gist (staff_id, during)`);
    await db.query(`CREATE INDEX ix_slot_during ON slot USING gist (during) WHERE status = 'open'`);
    await db.query(`
      CREATE TABLE session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES office (id),
        room_id uuid NOT NULL REFERENCES room (id),
        activity_code text NOT NULL REFERENCES activity_type (code),
        during tstzrange NOT NULL,
        capacity integer NOT NULL,
        min_participants integer NOT NULL,
        booked integer NOT NULL DEFAULT 0,
        cutoff_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'scheduled',
        origin text NOT NULL DEFAULT 'manual',
        ical_uid text NOT NULL DEFAULT (gen_random_uuid()::text || '@akasse-scheduler'),
        ical_sequence integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_session_status CHECK (status IN ('scheduled', 'cancelled')),
        CONSTRAINT ck_session_during CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
        CONSTRAINT ck_session_sizes CHECK (min_participants >= 1 AND capacity >= min_participants),
        CONSTRAINT ck_session_booked CHECK (booked >= 0 AND booked <= capacity),
        CONSTRAINT ck_session_origin CHECK (origin IN ('manual', 'optimiser')),
        CONSTRAINT ex_session_room_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&) WHERE (status = 'scheduled')
      )`);
    await db.query(
      `CREATE INDEX ix_session_office_during ON session USING gist (office_id, during) WHERE status = 'scheduled'`,
    );
    await db.query(
      `CREATE INDEX ix_session_activity_during ON session USING gist (activity_code, during) WHERE status = 'scheduled'`,
    );
    await db.query(`
      CREATE TABLE session_leader (
        session_id uuid NOT NULL REFERENCES session (id) ON DELETE CASCADE,
        staff_id uuid NOT NULL REFERENCES staff (id),
        PRIMARY KEY (session_id, staff_id)
      )`);
    await db.query(`CREATE INDEX ix_session_leader_staff ON session_leader (staff_id)`);
    // One row per live commitment of a staff member's time, kept by triggers on slot, session and
    // session_leader, so a single exclusion constraint covers slots and sessions together.
    await db.query(`
      CREATE TABLE staff_commitment (
        staff_id uuid NOT NULL REFERENCES staff (id),
        during tstzrange NOT NULL,
        slot_id uuid REFERENCES slot (id) ON DELETE CASCADE,
        session_id uuid REFERENCES session (id) ON DELETE CASCADE,
        CONSTRAINT ck_staff_commitment_source CHECK ((slot_id IS NULL) <> (session_id IS NULL)),
        CONSTRAINT uq_staff_commitment_slot UNIQUE (slot_id),
        CONSTRAINT uq_staff_commitment_session UNIQUE (session_id, staff_id),
        CONSTRAINT ex_staff_commitment_overlap EXCLUDE USING gist (staff_id WITH =, during WITH &&)
      )`);
    await db.query(`
      CREATE FUNCTION sync_slot_commitment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM staff_commitment WHERE slot_id = NEW.id;
        IF NEW.status = 'open' THEN
          INSERT INTO staff_commitment (staff_id, during, slot_id) VALUES (NEW.staff_id, NEW.during, NEW.id);
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_slot_commitment AFTER INSERT OR UPDATE OF staff_id, during, status ON slot
      FOR EACH ROW EXECUTE FUNCTION sync_slot_commitment()`);
    await db.query(`
      CREATE FUNCTION sync_session_leader_commitment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          DELETE FROM staff_commitment WHERE session_id = OLD.session_id AND staff_id = OLD.staff_id;
          RETURN OLD;
        END IF;
        INSERT INTO staff_commitment (staff_id, during, session_id)
        SELECT NEW.staff_id, s.during, s.id FROM session s WHERE s.id = NEW.session_id AND s.status = 'scheduled';
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_session_leader_commitment AFTER INSERT OR DELETE ON session_leader
      FOR EACH ROW EXECUTE FUNCTION sync_session_leader_commitment()`);
    await db.query(`
      CREATE FUNCTION sync_session_commitment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM staff_commitment WHERE session_id = NEW.id;
        IF NEW.status = 'scheduled' THEN
          INSERT INTO staff_commitment (staff_id, during, session_id)
          SELECT l.staff_id, NEW.during, NEW.id FROM session_leader l WHERE l.session_id = NEW.id;
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_session_commitment AFTER UPDATE OF during, status ON session
      FOR EACH ROW EXECUTE FUNCTION sync_session_commitment()`);
    await db.query(`
      CREATE TABLE booking (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        programme_item_id uuid NOT NULL REFERENCES programme_item (id) ON DELETE CASCADE,
        slot_id uuid REFERENCES slot (id),
        session_id uuid REFERENCES session (id),
        office_id uuid NOT NULL REFERENCES office (id),
        activity_code text NOT NULL REFERENCES activity_type (code),
        channel text NOT NULL,
        during tstzrange NOT NULL,
        status text NOT NULL DEFAULT 'booked',
        booked_by_role text NOT NULL,
        cancel_reason text,
        ical_uid text NOT NULL DEFAULT (gen_random_uuid()::text || '@akasse-scheduler'),
        ical_sequence integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_booking_target CHECK ((slot_id IS NULL) <> (session_id IS NULL)),
        CONSTRAINT ck_booking_status CHECK (status IN ('booked', 'cancelled', 'attended', 'no-show')),
        CONSTRAINT ck_booking_channel CHECK (channel IN ('in-person', 'phone', 'video')),
        CONSTRAINT ex_booking_member_overlap EXCLUDE USING gist (member_id WITH =, during WITH &&) WHERE (status = 'booked')
      )`);
    await db.query(
      `CREATE UNIQUE INDEX uq_booking_slot_live ON booking (slot_id) WHERE status <> 'cancelled' AND slot_id IS NOT NULL`,
    );
    await db.query(
      `CREATE UNIQUE INDEX uq_booking_item_live ON booking (programme_item_id) WHERE status IN ('booked', 'attended')`,
    );
    await db.query(
      `CREATE UNIQUE INDEX uq_booking_session_member_live ON booking (session_id, member_id) WHERE status <> 'cancelled' AND session_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX ix_booking_member ON booking (member_id)`);
    await db.query(`CREATE INDEX ix_booking_session ON booking (session_id) WHERE session_id IS NOT NULL`);
    await db.query(`CREATE INDEX ix_booking_office_during ON booking USING gist (office_id, during)`);
    await db.query(`
      CREATE TABLE waitlist_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES session (id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        programme_item_id uuid NOT NULL REFERENCES programme_item (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'waiting',
        booking_id uuid REFERENCES booking (id),
        skip_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_waitlist_status CHECK (status IN ('waiting', 'promoted', 'skipped', 'withdrawn'))
      )`);
    await db.query(
      `CREATE UNIQUE INDEX uq_waitlist_waiting ON waitlist_entry (session_id, member_id) WHERE status = 'waiting'`,
    );
    await db.query(
      `CREATE INDEX ix_waitlist_queue ON waitlist_entry (session_id, created_at) WHERE status = 'waiting'`,
    );
    await db.query(`
      CREATE TABLE idempotency_key (
        principal text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status text NOT NULL DEFAULT 'in-flight',
        response_status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal, key),
        CONSTRAINT ck_idempotency_status CHECK (status IN ('in-flight', 'done'))
      )`);
    await db.query(`
      CREATE TABLE audit_event (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_role text NOT NULL,
        actor_id text,
        entity text NOT NULL,
        entity_id uuid NOT NULL,
        action text NOT NULL,
        office_id uuid REFERENCES office (id),
        before jsonb,
        after jsonb
      )`);
    await db.query(`CREATE INDEX ix_audit_entity ON audit_event (entity, entity_id, at)`);
    await db.query(`CREATE INDEX ix_audit_office_at ON audit_event (office_id, at)`);
    await db.query(`
      CREATE TABLE notification_event (
        id bigserial PRIMARY KEY,
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        kind text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await db.query(`CREATE INDEX ix_notification_unsent ON notification_event (created_at) WHERE sent_at IS NULL`);
    await db.query(`
      CREATE TABLE adviser_task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        staff_id uuid REFERENCES staff (id),
        office_id uuid NOT NULL REFERENCES office (id),
        kind text NOT NULL,
        status text NOT NULL DEFAULT 'open',
        due_date date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_adviser_task_kind CHECK (kind IN ('service-call')),
        CONSTRAINT ck_adviser_task_status CHECK (status IN ('open', 'done', 'cancelled'))
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_adviser_task_open ON adviser_task (member_id, kind) WHERE status = 'open'`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'adviser_task',
      'notification_event',
      'audit_event',
      'idempotency_key',
      'waitlist_entry',
      'booking',
      'staff_commitment',
      'session_leader',
      'session',
      'slot',
      'programme_item',
      'member',
      'programme_template_item',
      'programme_template',
      'activity_type',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await db.query(
      `DROP FUNCTION IF EXISTS sync_slot_commitment, sync_session_leader_commitment, sync_session_commitment`,
    );
  }
}
