import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { type Database, kysely } from '../database/kysely.js';
import type { Queryable } from '../database/queryable.js';

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
function selectActiveStaff(db: Database) {
  return db
    .selectFrom('staff as s')
    .leftJoin('office as o', 'o.id', 's.officeId')
    .select((eb) => [
      's.id as staffId',
      's.role',
      eb.fn.coalesce('s.departmentId', 'o.departmentId').as('departmentId'),
    ])
    .where('s.active', '=', true);
}

const now = sql<Date>`now()`;

/** The SQL behind identities, link codes, web sessions and service accounts. */
@Injectable()
export class IdentityRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  staffByIdentity(issuer: string, subject: string): Promise<StaffRecord | undefined> {
    return selectActiveStaff(kysely(this.db))
      .innerJoin('staffIdentity as i', 'i.staffId', 's.id')
      .where('i.issuer', '=', issuer)
      .where('i.subject', '=', subject)
      .executeTakeFirst();
  }

  staffById(staffId: string): Promise<StaffRecord | undefined> {
    return selectActiveStaff(kysely(this.db)).where('s.id', '=', staffId).executeTakeFirst();
  }

  /** Exactly one active staff member with this e-mail address, or none (two matches link nobody). */
  async staffByEmail(email: string): Promise<StaffRecord | undefined> {
    const rows = await selectActiveStaff(kysely(this.db))
      .where((eb) => eb(eb.fn('lower', ['s.email']), '=', eb.fn('lower', [eb.val(email)])))
      .limit(2)
      .execute();
    return rows.length === 1 ? rows[0] : undefined;
  }

  async linkStaff(
    issuer: string,
    subject: string,
    staffId: string,
    linkedBy: 'verified-email' | 'manual',
  ): Promise<void> {
    await kysely(this.db)
      .insertInto('staffIdentity')
      .values({ issuer, subject, staffId, linkedBy })
      .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
      .execute();
  }

  memberByIdentity(issuer: string, subject: string): Promise<MemberRecord | undefined> {
    return kysely(this.db)
      .selectFrom('member as m')
      .innerJoin('memberIdentity as i', 'i.memberId', 'm.id')
      .select('m.id as memberId')
      .where('i.issuer', '=', issuer)
      .where('i.subject', '=', subject)
      .where('m.status', '<>', 'erased')
      .executeTakeFirst();
  }

  memberByNumber(memberNumber: string): Promise<MemberRecord | undefined> {
    return kysely(this.db)
      .selectFrom('member')
      .select('id as memberId')
      .where('memberNumber', '=', memberNumber)
      .where('status', '<>', 'erased')
      .executeTakeFirst();
  }

  async linkMember(
    issuer: string,
    subject: string,
    memberId: string,
    linkedBy: 'member-number' | 'link-code',
    db: Queryable = this.db,
  ): Promise<void> {
    await kysely(db)
      .insertInto('memberIdentity')
      .values({ issuer, subject, memberId, linkedBy })
      .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
      .execute();
  }

  /**
   * Erasure: the member's sign-in identities and unused link codes are deleted and their web sessions end, in the
   * caller's transaction, so their old identity can no longer sign in (it is then simply not linked).
   */
  async forgetMember(memberId: string, db: Queryable): Promise<void> {
    const k = kysely(db);
    await k.deleteFrom('memberIdentity').where('memberId', '=', memberId).execute();
    await k.deleteFrom('memberLinkCode').where('memberId', '=', memberId).where('usedAt', 'is', null).execute();
    await k
      .updateTable('authSession')
      .set({ endedAt: now })
      .where('role', '=', 'member')
      .where('subjectId', '=', memberId)
      .where('endedAt', 'is', null)
      .execute();
  }

  async memberExists(memberId: string): Promise<boolean> {
    const row = await kysely(this.db)
      .selectFrom('member')
      .select((eb) => eb.lit(1).as('exists'))
      .where('id', '=', memberId)
      .where('status', '<>', 'erased')
      .executeTakeFirst();
    return row !== undefined;
  }

  async insertLinkCode(
    codeHash: Buffer,
    memberId: string,
    issuedByRole: string,
    issuedById: string | null,
    expiresAt: Date,
  ): Promise<void> {
    await kysely(this.db)
      .insertInto('memberLinkCode')
      .values({ codeHash, memberId, issuedByRole, issuedById, expiresAt })
      .execute();
  }

  /** Uses a link code and links the identity in one transaction; undefined if the code is unknown, used or expired. */
  redeemLinkCode(codeHash: Buffer, issuer: string, subject: string): Promise<MemberRecord | undefined> {
    return this.db.transaction(async (tx) => {
      const used = await kysely(tx)
        .updateTable('memberLinkCode as c')
        .from('member as m')
        .set({ usedAt: now })
        .where('c.codeHash', '=', codeHash)
        .where('c.usedAt', 'is', null)
        .where('c.expiresAt', '>', now)
        .whereRef('m.id', '=', 'c.memberId')
        .where('m.status', '<>', 'erased')
        .returning('c.memberId')
        .executeTakeFirst();
      if (!used) return undefined;
      await this.linkMember(issuer, subject, used.memberId, 'link-code', tx);
      return used;
    });
  }

  serviceAccount(issuer: string, clientId: string): Promise<ServiceAccountRecord | undefined> {
    return kysely(this.db)
      .selectFrom('serviceAccount')
      .select(['id', 'name', 'scopes'])
      .where('issuer', '=', issuer)
      .where('clientId', '=', clientId)
      .where('active', '=', true)
      .executeTakeFirst();
  }

  async insertLoginAttempt(
    stateHash: Buffer,
    codeVerifier: string,
    nonce: string,
    returnTo: string,
    expiresAt: Date,
  ): Promise<void> {
    const k = kysely(this.db);
    await k.deleteFrom('authLoginAttempt').where('expiresAt', '<', now).execute();
    await k.insertInto('authLoginAttempt').values({ stateHash, codeVerifier, nonce, returnTo, expiresAt }).execute();
  }

  /** A pending sign-in is used once: taken and deleted together. */
  takeLoginAttempt(stateHash: Buffer): Promise<{ codeVerifier: string; nonce: string; returnTo: string } | undefined> {
    return kysely(this.db)
      .with('taken', (db) =>
        db
          .deleteFrom('authLoginAttempt')
          .where('stateHash', '=', stateHash)
          .returning(['codeVerifier', 'nonce', 'returnTo', 'expiresAt']),
      )
      .selectFrom('taken')
      .select(['codeVerifier', 'nonce', 'returnTo'])
      .where('expiresAt', '>', now)
      .executeTakeFirst();
  }

  async insertSession(idHash: Buffer, row: Omit<SessionRow, 'lastSeenAt' | 'endedAt'>): Promise<void> {
    const k = kysely(this.db);
    await k
      .deleteFrom('authSession')
      .where('expiresAt', '<', sql<Date>`now() - interval '1 day'`)
      .execute();
    await k
      .insertInto('authSession')
      .values({
        idHash,
        issuer: row.issuer,
        subject: row.subject,
        role: row.role,
        subjectId: row.subjectId,
        departmentId: row.departmentId,
        csrfToken: row.csrfToken,
        expiresAt: row.expiresAt,
      })
      .execute();
  }

  session(idHash: Buffer): Promise<SessionRow | undefined> {
    return kysely(this.db)
      .selectFrom('authSession')
      .select([
        'issuer',
        'subject',
        'role',
        'subjectId',
        'departmentId',
        'csrfToken',
        'expiresAt',
        'lastSeenAt',
        'endedAt',
      ])
      .where('idHash', '=', idHash)
      .executeTakeFirst();
  }

  /**
   * Marks the session used, at most every 30 s. Never one that has idled out meanwhile: a request that read the
   * session just before it expired must not bring it back.
   */
  async touchSession(idHash: Buffer, idleMs: number): Promise<void> {
    await kysely(this.db)
      .updateTable('authSession')
      .set({ lastSeenAt: now })
      .where('idHash', '=', idHash)
      .where('lastSeenAt', '<', sql<Date>`now() - interval '30 seconds'`)
      .where('lastSeenAt', '>', sql<Date>`now() - make_interval(secs => ${idleMs / 1000})`)
      .execute();
  }

  async setSessionPrincipal(
    idHash: Buffer,
    role: string,
    subjectId: string | null,
    departmentId: string | null,
  ): Promise<void> {
    await kysely(this.db)
      .updateTable('authSession')
      .set({ role, subjectId, departmentId })
      .where('idHash', '=', idHash)
      .execute();
  }

  async endSession(idHash: Buffer): Promise<void> {
    await kysely(this.db)
      .updateTable('authSession')
      .set({ endedAt: now })
      .where('idHash', '=', idHash)
      .where('endedAt', 'is', null)
      .execute();
  }
}
