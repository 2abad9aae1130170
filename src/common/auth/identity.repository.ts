import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryOne, type Queryable } from '../database/queryable.js';

export interface StaffRecord {
  staffId: string;
  role: string;
  departmentId: string | null;
}

export interface MemberRecord {
  memberId: string;
}

export interface ServiceAccountRecord {
  id: string;
  name: string;
  scopes: string[];
}

export interface SessionRow {
  issuer: string;
  subject: string;
  role: string | null;
  subjectId: string | null;
  departmentId: string | null;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  endedAt: Date | null;
}

/** A staff member's department: their own, or their office's. Inactive staff match nothing. */
const STAFF_SELECT = `SELECT s.id AS "staffId", s.role, COALESCE(s.department_id, o.department_id) AS "departmentId"
  FROM staff s LEFT JOIN office o ON o.id = s.office_id`;

/** The SQL behind identities, link codes, web sessions and service accounts. */
@Injectable()
export class IdentityRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  staffByIdentity(issuer: string, subject: string): Promise<StaffRecord | undefined> {
    return queryOne(this.db, `${STAFF_SELECT} JOIN staff_identity i ON i.staff_id = s.id WHERE i.issuer = $1 AND i.subject = $2 AND s.active`, [issuer, subject]);
  }

  staffById(staffId: string): Promise<StaffRecord | undefined> {
    return queryOne(this.db, `${STAFF_SELECT} WHERE s.id = $1 AND s.active`, [staffId]);
  }

  /** Exactly one active staff member with this e-mail address, or none (two matches link nobody). */
  async staffByEmail(email: string): Promise<StaffRecord | undefined> {
    const rows: StaffRecord[] = await this.db.query(`${STAFF_SELECT} WHERE lower(s.email) = lower($1) AND s.active LIMIT 2`, [email]);
    return rows.length === 1 ? rows[0] : undefined;
  }

  async linkStaff(issuer: string, subject: string, staffId: string, linkedBy: 'verified-email' | 'manual'): Promise<void> {
    await this.db.query(`INSERT INTO staff_identity (issuer, subject, staff_id, linked_by) VALUES ($1, $2, $3, $4) ON CONFLICT (issuer, subject) DO NOTHING`, [issuer, subject, staffId, linkedBy]);
  }

  memberByIdentity(issuer: string, subject: string): Promise<MemberRecord | undefined> {
    return queryOne(this.db, `SELECT m.id AS "memberId" FROM member m JOIN member_identity i ON i.member_id = m.id WHERE i.issuer = $1 AND i.subject = $2 AND m.status <> 'erased'`, [issuer, subject]);
  }

  memberByNumber(memberNumber: string): Promise<MemberRecord | undefined> {
    return queryOne(this.db, `SELECT id AS "memberId" FROM member WHERE member_number = $1 AND status <> 'erased'`, [memberNumber]);
  }

  async linkMember(issuer: string, subject: string, memberId: string, linkedBy: 'member-number' | 'link-code', db: Queryable = this.db): Promise<void> {
    await db.query(`INSERT INTO member_identity (issuer, subject, member_id, linked_by) VALUES ($1, $2, $3, $4) ON CONFLICT (issuer, subject) DO NOTHING`, [issuer, subject, memberId, linkedBy]);
  }

  /**
   * Erasure: the member's sign-in identities and unused link codes are deleted and their web sessions end, in the
   * caller's transaction, so their old identity can no longer sign in (it is then simply not linked).
   */
  async forgetMember(memberId: string, db: Queryable): Promise<void> {
    await db.query(`DELETE FROM member_identity WHERE member_id = $1`, [memberId]);
    await db.query(`DELETE FROM member_link_code WHERE member_id = $1 AND used_at IS NULL`, [memberId]);
    await db.query(`UPDATE auth_session SET ended_at = now() WHERE role = 'member' AND subject_id = $1 AND ended_at IS NULL`, [memberId]);
  }

  async memberExists(memberId: string): Promise<boolean> {
    return (await queryOne(this.db, `SELECT 1 FROM member WHERE id = $1 AND status <> 'erased'`, [memberId])) !== undefined;
  }

  async insertLinkCode(codeHash: Buffer, memberId: string, issuedByRole: string, issuedById: string | null, expiresAt: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO member_link_code (code_hash, member_id, issued_by_role, issued_by_id, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [codeHash, memberId, issuedByRole, issuedById, expiresAt],
    );
  }

  /** Uses a link code and links the identity in one transaction; undefined if the code is unknown, used or expired. */
  redeemLinkCode(codeHash: Buffer, issuer: string, subject: string): Promise<MemberRecord | undefined> {
    return this.db.transaction(async (tx) => {
      const used = await queryOne<MemberRecord>(
        tx,
        // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
        `WITH used AS (
           UPDATE member_link_code c SET used_at = now() FROM member m
           WHERE c.code_hash = $1 AND c.used_at IS NULL AND c.expires_at > now() AND m.id = c.member_id AND m.status <> 'erased'
           RETURNING c.member_id)
         SELECT member_id AS "memberId" FROM used`,
        [codeHash],
      );
      if (!used) return undefined;
      await this.linkMember(issuer, subject, used.memberId, 'link-code', tx);
      return used;
    });
  }

  serviceAccount(issuer: string, clientId: string): Promise<ServiceAccountRecord | undefined> {
    return queryOne(this.db, `SELECT id, name, scopes FROM service_account WHERE issuer = $1 AND client_id = $2 AND active`, [issuer, clientId]);
  }

  async insertLoginAttempt(stateHash: Buffer, codeVerifier: string, nonce: string, returnTo: string, expiresAt: Date): Promise<void> {
    await this.db.query(`DELETE FROM auth_login_attempt WHERE expires_at < now()`);
    await this.db.query(`INSERT INTO auth_login_attempt (state_hash, code_verifier, nonce, return_to, expires_at) VALUES ($1, $2, $3, $4, $5)`, [stateHash, codeVerifier, nonce, returnTo, expiresAt]);
  }

  /** A pending sign-in is used once: taken and deleted together. */
  takeLoginAttempt(stateHash: Buffer): Promise<{ codeVerifier: string; nonce: string; returnTo: string } | undefined> {
    return queryOne(
      this.db,
      `WITH taken AS (DELETE FROM auth_login_attempt WHERE state_hash = $1 RETURNING code_verifier, nonce, return_to, expires_at)
       SELECT code_verifier AS "codeVerifier", nonce, return_to AS "returnTo" FROM taken WHERE expires_at > now()`,
      [stateHash],
    );
  }

  async insertSession(idHash: Buffer, row: Omit<SessionRow, 'lastSeenAt' | 'endedAt'>): Promise<void> {
    await this.db.query(`DELETE FROM auth_session WHERE expires_at < now() - interval '1 day'`);
    await this.db.query(
      `INSERT INTO auth_session (id_hash, issuer, subject, role, subject_id, department_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [idHash, row.issuer, row.subject, row.role, row.subjectId, row.departmentId, row.csrfToken, row.expiresAt],
    );
  }

  session(idHash: Buffer): Promise<SessionRow | undefined> {
    return queryOne(
      this.db,
      `SELECT issuer, subject, role, subject_id AS "subjectId", department_id AS "departmentId", csrf_token AS "csrfToken",
              expires_at AS "expiresAt", last_seen_at AS "lastSeenAt", ended_at AS "endedAt"
       FROM auth_session WHERE id_hash = $1`,
      [idHash],
    );
  }

  /**
   * Marks the session used, at most every 30 s. Never one that has idled out meanwhile: a request that read the
   * session just before it expired must not bring it back.
   */
  async touchSession(idHash: Buffer, idleMs: number): Promise<void> {
    await this.db.query(
      `UPDATE auth_session SET last_seen_at = now()
       WHERE id_hash = $1 AND last_seen_at < now() - interval '30 seconds' AND last_seen_at > now() - make_interval(secs => $2)`,
      [idHash, idleMs / 1000],
    );
  }

  async setSessionPrincipal(idHash: Buffer, role: string, subjectId: string | null, departmentId: string | null): Promise<void> {
    await this.db.query(`UPDATE auth_session SET role = $2, subject_id = $3, department_id = $4 WHERE id_hash = $1`, [idHash, role, subjectId, departmentId]);
  }

  async endSession(idHash: Buffer): Promise<void> {
    await this.db.query(`UPDATE auth_session SET ended_at = now() WHERE id_hash = $1 AND ended_at IS NULL`, [idHash]);
  }
}
