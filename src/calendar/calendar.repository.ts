import { Inject, Injectable } from '@nestjs/common';
import { type RawBuilder, sql } from 'kysely';
import { DataSource, type EntityManager } from 'typeorm';
import { type Database, kysely } from '../common/database/kysely.js';
import type { Queryable } from '../common/database/queryable.js';
import { given, tstzrange } from '../common/database/sql-fragments.js';
import type { BookingEventRow, FeedKind, FeedWindow, SessionEventRow, TokenFeedKind } from './feed-events.js';

export interface FeedRevision {
  revision: string;
  changedAt: Date | null;
}

export interface TokenFeedLookup extends FeedRevision {
  id: string;
  kind: TokenFeedKind;
  subjectId: string;
  revokedAt: Date | null;
}

export interface FeedLinkRow {
  id: string;
  kind: TokenFeedKind;
  subjectId: string;
  createdByRole: string;
  createdBy: string | null;
  createdAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

/** Who may manage a subject's feed links: its department (for coordinators) and its owners. */
export interface FeedSubjectScope {
  departmentId: string | null;
  /** Staff of every department see it (sessions, the job team's staff); otherwise only its department's. */
  visibleToAllStaff: boolean;
  /** Members and staff whose own feed this is: the member, the staff member, a session's leaders and participants. */
  ownerIds: string[];
}

/** Where an event takes place, as every feed shows it. */
const OFFICE_COLUMNS = ['o.name as officeName', 'o.street', 'o.postcode', 'o.city', 'o.timezone'] as const;

const LINK_COLUMNS = [
  'id',
  'kind',
  'subjectId',
  'createdByRole',
  'createdBy',
  'createdAt',
  'rotatedAt',
  'revokedAt',
] as const;

/** The feed revision of a subject, as the `calendar_feed_revision_of` function answers it (no row: revision 0). */
function revisionOf(kind: RawBuilder<unknown>, subjectId: RawBuilder<unknown>) {
  return sql<{ revision: string | null; changedAt: Date | null }>`calendar_feed_revision_of(${kind}, ${subjectId})`.as(
    'r',
  );
}

// A booking is cancelled for the calendar when it, its slot or its session is, and its grace period runs
// from that row's last change. DTSTAMP is the latest change of the three; the session and slot triggers
// bump the member's and adviser's feeds to match.
function bookingEvents(db: Database) {
  return db
    .selectFrom('booking as b')
    .innerJoin('activityType as a', 'a.code', 'b.activityCode')
    .innerJoin('office as o', 'o.id', 'b.officeId')
    .leftJoin('session as s', 's.id', 'b.sessionId')
    .leftJoin('room as r', 'r.id', 's.roomId')
    .leftJoin('slot as sl', 'sl.id', 'b.slotId')
    .select((eb) => [
      'b.id as bookingId',
      'b.icalUid as uid',
      'b.icalSequence as sequence',
      eb.fn<Date>('lower', ['b.during']).as('start'),
      eb.fn<Date>('upper', ['b.during']).as('end'),
      eb.ref('b.channel').$castTo<BookingEventRow['channel']>().as('channel'),
      'a.nameDa as activity',
      ...OFFICE_COLUMNS,
      'r.name as roomName',
      'b.createdAt',
      eb.fn<Date>('greatest', ['b.updatedAt', 's.updatedAt', 'sl.updatedAt']).as('updatedAt'),
      eb
        .case()
        .when('b.status', '=', 'cancelled')
        .then(eb.ref('b.updatedAt'))
        .when('s.status', '=', 'cancelled')
        .then(eb.ref('s.updatedAt'))
        .when('sl.status', '=', 'cancelled')
        .then(eb.ref('sl.updatedAt'))
        .end()
        .as('cancelledAt'),
    ]);
}

type BookingEventQuery = ReturnType<typeof bookingEvents>;

/** The events of a booking query, with `cancelled` derived from when (if ever) it was cancelled. */
function asBookingEventRows(db: Database, query: BookingEventQuery, cancelledSince?: Date) {
  return db
    .selectFrom(query.as('e'))
    .selectAll('e')
    .select((eb) => eb('e.cancelledAt', 'is not', null).$castTo<boolean>().as('cancelled'))
    .$if(given(cancelledSince), (q) =>
      q.where((eb) => eb.or([eb('e.cancelledAt', 'is', null), eb('e.cancelledAt', '>=', cancelledSince!)])),
    );
}

function sessionEvents(db: Database) {
  return db
    .selectFrom('session as s')
    .innerJoin('activityType as a', 'a.code', 's.activityCode')
    .innerJoin('office as o', 'o.id', 's.officeId')
    .innerJoin('room as r', 'r.id', 's.roomId')
    .select((eb) => [
      's.id as sessionId',
      's.icalUid as uid',
      's.icalSequence as sequence',
      eb.fn<Date>('lower', ['s.during']).as('start'),
      eb.fn<Date>('upper', ['s.during']).as('end'),
      'a.nameDa as activity',
      ...OFFICE_COLUMNS,
      'r.name as roomName',
      's.capacity',
      's.booked',
      eb('s.status', '=', 'cancelled').$castTo<boolean>().as('cancelled'),
      's.createdAt',
      's.updatedAt',
    ]);
}

type SessionEventQuery = ReturnType<typeof sessionEvents>;

@Injectable()
export class CalendarRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The whole 304 decision for a token feed: one indexed look-up. */
  async findTokenFeed(tokenHash: Buffer): Promise<TokenFeedLookup | undefined> {
    const row = await kysely(this.db)
      .selectFrom('calendarFeed as f')
      .leftJoinLateral(revisionOf(sql.ref('f.kind'), sql.ref('f.subjectId')), (join) => join.onTrue())
      .select((eb) => [
        'f.id',
        'f.kind',
        'f.subjectId',
        'f.revokedAt',
        eb.fn.coalesce('r.revision', sql.lit(0)).$castTo<string>().as('revision'),
        'r.changedAt',
      ])
      .where('f.tokenHash', '=', tokenHash)
      .executeTakeFirst();
    return (
      row && { ...row, kind: row.kind as TokenFeedKind, subjectId: row.subjectId!, revision: String(row.revision) }
    );
  }

  /** A token this link had before it was rotated, and when it was replaced. */
  findRetiredToken(tokenHash: Buffer): Promise<{ feedId: string; retiredAt: Date } | undefined> {
    return kysely(this.db)
      .selectFrom('calendarFeedRetiredToken')
      .select(['feedId', 'retiredAt'])
      .where('tokenHash', '=', tokenHash)
      .executeTakeFirst();
  }

  /** The office's name and feed revision, or undefined for an unknown office. */
  async findOfficeFeed(officeId: string): Promise<(FeedRevision & { name: string }) | undefined> {
    const row = await kysely(this.db)
      .selectFrom('office as o')
      .leftJoinLateral(revisionOf(sql.lit('office'), sql.ref('o.id')), (join) => join.onTrue())
      .select((eb) => ['o.name', eb.fn.coalesce('r.revision', sql.lit(0)).as('revision'), 'r.changedAt'])
      .where('o.id', '=', officeId)
      .executeTakeFirst();
    return row && { ...row, revision: String(row.revision) };
  }

  /**
   * Reads the revision and the rows in one snapshot, so the ETag sent with a body always names that body
   * even while bookings change.
   */
  readFeedSnapshot<T>(
    kind: FeedKind,
    subjectId: string,
    read: (manager: EntityManager, revision: () => Promise<FeedRevision>) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction('REPEATABLE READ', (manager) =>
      read(manager, async () => {
        const row = await kysely(manager)
          .selectFrom('calendarFeedRevision')
          .select(['revision', 'changedAt'])
          .where('kind', '=', kind)
          .where('subjectId', '=', subjectId)
          .executeTakeFirst();
        return row ? { revision: String(row.revision), changedAt: row.changedAt } : { revision: '0', changedAt: null };
      }),
    );
  }

  /** One booking as the member's feed shows it (same UID and SEQUENCE), whatever its age or state. */
  bookingEvent(bookingId: string): Promise<BookingEventRow | undefined> {
    const db = kysely(this.db);
    return asBookingEventRows(db, bookingEvents(db).where('b.id', '=', bookingId)).executeTakeFirst();
  }

  memberBookingEvents(manager: Queryable, memberId: string, window: FeedWindow): Promise<BookingEventRow[]> {
    return this.bookingEvents(manager, (query) => query.where('b.memberId', '=', memberId), window);
  }

  staffAppointmentEvents(manager: Queryable, staffId: string, window: FeedWindow): Promise<BookingEventRow[]> {
    return this.bookingEvents(manager, (query) => query.where('sl.staffId', '=', staffId), window);
  }

  /**
   * Bookings that left the staff member's slots (see the departures migration), as cancelled events at the
   * time and place the feed last showed. Never one that is back on their slots, so a UID is never twice.
   */
  staffDepartureEvents(manager: Queryable, staffId: string, window: FeedWindow): Promise<BookingEventRow[]> {
    return kysely(manager)
      .selectFrom('calendarStaffDeparture as d')
      .innerJoin('booking as b', 'b.id', 'd.bookingId')
      .innerJoin('activityType as a', 'a.code', 'd.activityCode')
      .innerJoin('office as o', 'o.id', 'd.officeId')
      .select((eb) => [
        'b.id as bookingId',
        'b.icalUid as uid',
        'd.icalSequence as sequence',
        eb.fn<Date>('lower', ['d.during']).as('start'),
        eb.fn<Date>('upper', ['d.during']).as('end'),
        eb.ref('d.channel').$castTo<BookingEventRow['channel']>().as('channel'),
        'a.nameDa as activity',
        ...OFFICE_COLUMNS,
        sql<string | null>`NULL`.as('roomName'),
        'b.createdAt',
        'd.departedAt as updatedAt',
        sql<boolean>`true`.as('cancelled'),
      ])
      .where('d.staffId', '=', staffId)
      .where('d.during', '&&', tstzrange(window.from, window.to))
      .where('d.departedAt', '>=', window.cancelledSince)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('slot as sl')
              .select(sql.lit(1).as('one'))
              .whereRef('sl.id', '=', 'b.slotId')
              .whereRef('sl.staffId', '=', 'd.staffId'),
          ),
        ),
      )
      .execute();
  }

  ledSessionEvents(manager: Queryable, staffId: string, window: FeedWindow): Promise<SessionEventRow[]> {
    return this.sessionEvents(
      manager,
      (query) =>
        query.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('sessionLeader as l')
              .select(sql.lit(1).as('one'))
              .whereRef('l.sessionId', '=', 's.id')
              .where('l.staffId', '=', staffId),
          ),
        ),
      window,
    );
  }

  officeSessionEvents(manager: Queryable, officeId: string, window: FeedWindow): Promise<SessionEventRow[]> {
    return this.sessionEvents(manager, (query) => query.where('s.officeId', '=', officeId), window);
  }

  sessionFeedEvents(manager: Queryable, sessionId: string, window: FeedWindow): Promise<SessionEventRow[]> {
    return this.sessionEvents(manager, (query) => query.where('s.id', '=', sessionId), window);
  }

  private sessionEvents(
    manager: Queryable,
    subject: (query: SessionEventQuery) => SessionEventQuery,
    window: FeedWindow,
  ): Promise<SessionEventRow[]> {
    const db = kysely(manager);
    return db
      .selectFrom(subject(sessionEvents(db)).where('s.during', '&&', tstzrange(window.from, window.to)).as('e'))
      .selectAll('e')
      .where((eb) => eb.or([eb.not(eb.ref('e.cancelled')), eb('e.updatedAt', '>=', window.cancelledSince)]))
      .execute();
  }

  private bookingEvents(
    manager: Queryable,
    subject: (query: BookingEventQuery) => BookingEventQuery,
    window: FeedWindow,
  ): Promise<BookingEventRow[]> {
    const db = kysely(manager);
    return asBookingEventRows(
      db,
      subject(bookingEvents(db)).where('b.during', '&&', tstzrange(window.from, window.to)),
      window.cancelledSince,
    ).execute();
  }

  sessionTitle(manager: Queryable, sessionId: string): Promise<{ activity: string; officeName: string } | undefined> {
    return kysely(manager)
      .selectFrom('session as s')
      .innerJoin('activityType as a', 'a.code', 's.activityCode')
      .innerJoin('office as o', 'o.id', 's.officeId')
      .select(['a.nameDa as activity', 'o.name as officeName'])
      .where('s.id', '=', sessionId)
      .executeTakeFirst();
  }

  subjectScope(kind: TokenFeedKind, subjectId: string): Promise<FeedSubjectScope | undefined> {
    const db = kysely(this.db);
    switch (kind) {
      case 'member':
        return db
          .selectFrom('member as m')
          .innerJoin('office as o', 'o.id', 'm.homeOfficeId')
          .select([
            'o.departmentId',
            sql<boolean>`false`.as('visibleToAllStaff'),
            sql<string[]>`ARRAY[${sql.ref('m.id')}]`.as('ownerIds'),
          ])
          .where('m.id', '=', subjectId)
          .executeTakeFirst();
      case 'staff':
        return db
          .selectFrom('staff as s')
          .leftJoin('office as o', 'o.id', 's.officeId')
          .leftJoin('team as t', 't.id', 's.teamId')
          .select((eb) => [
            eb.fn.coalesce('s.departmentId', 'o.departmentId').as('departmentId'),
            eb.fn.coalesce('t.worksAcrossDepartments', sql.lit(false)).$castTo<boolean>().as('visibleToAllStaff'),
            sql<string[]>`ARRAY[${sql.ref('s.id')}]`.as('ownerIds'),
          ])
          .where('s.id', '=', subjectId)
          .executeTakeFirst();
      case 'session':
        return db
          .selectFrom('session as s')
          .innerJoin('office as o', 'o.id', 's.officeId')
          .select((eb) => [
            'o.departmentId',
            sql<boolean>`true`.as('visibleToAllStaff'),
            sql<string[]>`ARRAY(${eb
              .selectFrom('sessionLeader')
              .select('staffId as ownerId')
              .whereRef('sessionId', '=', 's.id')
              .union(
                eb
                  .selectFrom('booking')
                  .select('memberId as ownerId')
                  .whereRef('sessionId', '=', 's.id')
                  .where('status', '<>', 'cancelled'),
              )})`.as('ownerIds'),
          ])
          .where('s.id', '=', subjectId)
          .executeTakeFirst();
    }
  }

  async insertFeedLink(link: {
    kind: TokenFeedKind;
    subjectId: string;
    tokenHash: Buffer;
    createdByRole: string;
    createdBy: string | null;
  }): Promise<FeedLinkRow> {
    const subject = { member: 'memberId', staff: 'staffId', session: 'sessionId' } as const;
    const row = await kysely(this.db)
      .insertInto('calendarFeed')
      .values({
        kind: link.kind,
        [subject[link.kind]]: link.subjectId,
        tokenHash: link.tokenHash,
        createdByRole: link.createdByRole,
        createdBy: link.createdBy,
      })
      .returning(LINK_COLUMNS)
      .executeTakeFirstOrThrow();
    return asLink(row);
  }

  async findFeedLink(id: string): Promise<FeedLinkRow | undefined> {
    const row = await kysely(this.db)
      .selectFrom('calendarFeed')
      .select(LINK_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && asLink(row);
  }

  /** Replaces the token of a live link; undefined if the link is revoked (or gone) by now. */
  async rotateFeedLink(id: string, tokenHash: Buffer): Promise<FeedLinkRow | undefined> {
    const row = await kysely(this.db)
      .updateTable('calendarFeed')
      .set({ tokenHash, rotatedAt: sql`now()` })
      .where('id', '=', id)
      .where('revokedAt', 'is', null)
      .returning(LINK_COLUMNS)
      .executeTakeFirst();
    return row && asLink(row);
  }

  /** Revokes once; revoking again keeps the first time, so the grace period is not extended. */
  async revokeFeedLink(id: string): Promise<FeedLinkRow | undefined> {
    const row = await kysely(this.db)
      .updateTable('calendarFeed')
      .set((eb) => ({ revokedAt: eb.fn.coalesce('revokedAt', sql<Date>`now()`) }))
      .where('id', '=', id)
      .returning(LINK_COLUMNS)
      .executeTakeFirst();
    return row && asLink(row);
  }

  async listFeedLinks(filter: {
    kind?: TokenFeedKind;
    subjectId?: string;
    createdByOrSubject?: string;
  }): Promise<FeedLinkRow[]> {
    const { kind, subjectId, createdByOrSubject } = filter;
    const rows = await kysely(this.db)
      .selectFrom('calendarFeed')
      .select(LINK_COLUMNS)
      .$if(given(kind), (q) => q.where('kind', '=', kind!))
      .$if(given(subjectId), (q) => q.where('subjectId', '=', subjectId!))
      .$if(given(createdByOrSubject), (q) =>
        q.where((eb) =>
          eb.or([
            eb('createdBy', '=', createdByOrSubject!),
            eb.and([eb('kind', 'in', ['member', 'staff']), eb('subjectId', '=', createdByOrSubject!)]),
          ]),
        ),
      )
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
    return rows.map(asLink);
  }
}

function asLink(
  row: { kind: string; subjectId: string | null } & Omit<FeedLinkRow, 'kind' | 'subjectId'>,
): FeedLinkRow {
  return { ...row, kind: row.kind as TokenFeedKind, subjectId: row.subjectId! };
}
