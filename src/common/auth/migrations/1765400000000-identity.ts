import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who is who is decided here, not by a role claim: an OpenID identity (issuer + subject) is linked to a
 * member or a staff record; web sessions and pending sign-ins live server-side with only hashes of their
 * secrets; machine clients map to service accounts with named scopes.
 */
export class Identity1765400000000 implements MigrationInterface {
  name = 'Identity1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE member_identity (
        issuer text NOT NULL,
        subject text NOT NULL,
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        linked_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (issuer, subject),
        CONSTRAINT ck_member_identity_linked_by CHECK (linked_by IN ('member-number', 'link-code'))
      )`);
    await db.query(`CREATE INDEX ix_member_identity_member ON member_identity (member_id)`);
    await db.query(`
      CREATE TABLE staff_identity (
        issuer text NOT NULL,
        subject text NOT NULL,
        staff_id uuid NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
        linked_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (issuer, subject),
        CONSTRAINT ck_staff_identity_linked_by CHECK (linked_by IN ('verified-email', 'manual'))
      )`);
    await db.query(`CREATE INDEX ix_staff_identity_staff ON staff_identity (staff_id)`);
    await db.query(`CREATE INDEX ix_staff_email_lower ON staff (lower(email)) WHERE active`);
    await db.query(`
      CREATE TABLE member_link_code (
        code_hash bytea PRIMARY KEY,
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        issued_by_role text NOT NULL,
        issued_by_id uuid,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_member_link_code_hash CHECK (octet_length(code_hash) = 32)
      )`);
    await db.query(`CREATE INDEX ix_member_link_code_member ON member_link_code (member_id)`);
    await db.query(`
      CREATE TABLE auth_login_attempt (
        state_hash bytea PRIMARY KEY,
        code_verifier text NOT NULL,
        nonce text NOT NULL,
        return_to text NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT ck_auth_login_attempt_hash CHECK (octet_length(state_hash) = 32)
      )`);
    await db.query(`
      CREATE TABLE auth_session (
        id_hash bytea PRIMARY KEY,
        issuer text NOT NULL,
        subject text NOT NULL,
        role text,
        subject_id uuid,
        department_id uuid,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        CONSTRAINT ck_auth_session_hash CHECK (octet_length(id_hash) = 32)
      )`);
    await db.query(`CREATE INDEX ix_auth_session_expiry ON auth_session (expires_at)`);
    await db.query(`
      CREATE TABLE service_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        issuer text NOT NULL,
        client_id text NOT NULL,
        name text NOT NULL,
        scopes text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_service_account_client UNIQUE (issuer, client_id),
        CONSTRAINT ck_service_account_scopes CHECK (scopes <@ ARRAY['members:write', 'members:read', 'bookings:read']::text[])
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS service_account`);
    await db.query(`DROP TABLE IF EXISTS auth_session`);
    await db.query(`DROP TABLE IF EXISTS auth_login_attempt`);
    await db.query(`DROP TABLE IF EXISTS member_link_code`);
    await db.query(`DROP INDEX IF EXISTS ix_staff_email_lower`);
    await db.query(`DROP TABLE IF EXISTS staff_identity`);
    await db.query(`DROP TABLE IF EXISTS member_identity`);
  }
}
