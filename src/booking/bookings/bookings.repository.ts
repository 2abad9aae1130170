import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sql } from 'kysely';
import { type Database, kysely } from '../../common/database/kysely.js';
import type { Queryable } from '../../common/database/queryable.js';
import { given, tstzrange } from '../../common/database/sql-fragments.js';
import { insertAuditEvent } from '../../common/database/audit-events.js';

export type Channel = 'in-person' | 'phone' | 'video';

export interface BookingRow {
  id: string;
  memberId: string;
  programmeItemId: string;
  slotId: string | null;
  sessionId: string | null;
  officeId: string;
  departmentId: string;
  activityCode: string;
  channel: Channel;
  start: Date;
  end: Date;
  status: 'booked' | 'cancelled' | 'attended' | 'no-show';
  staffId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Booking rows with their office's department and their slot's adviser. */
function selectBookings(db: Database) {
  return db
    .selectFrom('booking as b')
    .innerJoin('office as o', 'o.id', 'b.officeId')
    .leftJoin('slot as sl', 'sl.id', 'b.slotId')
    .select((eb) => [
      'b.id',
      'b.memberId',
      'b.programmeItemId',
      'b.slotId',
      'b.sessionId',
      'b.officeId',
      'o.departmentId',
      'b.activityCode',
      'b.channel',
      eb.fn<Date>('lower', ['b.during']).as('start'),
      eb.fn<Date>('upper', ['b.during']).as('end'),
      'b.status',
      'sl.staffId',
      'b.createdAt',
      'b.updatedAt',
    ]);
}

export interface BookingTarget {
  slotId: string | null;
  sessionId: string | null;
  officeId: string;
  activityCode: string;
  channel: Channel;
  start: Date;
  end: Date;
}

export interface AuditEntry {
  actorRole: string;
  actorId: string | null;
  entity: 'booking' | 'slot' | 'session' | 'member';
  entityId: string;
  action: string;
  officeId: string | null;
  before: unknown;
  after: unknown;
}

/** One audit event as GET /api/audit lists it (any entity, the organisation's too). */
export interface AuditEventRow {
  id: string;
  at: Date;
  actorRole: string;
  actorId: string | null;
  entity: string;
  entityId: string;
  action: string;
  officeId: string | null;
  before: unknown;
  after: unknown;
}

/** What a member's booking page shows: the booking, where, with whom (first name and role only), its calendar identity. */
export interface BookingDetailsRow {
  id: string;
  status: BookingRow['status'];
  memberId: string;
  programmeItemId: string;
  slotId: string | null;
  sessionId: string | null;
  activityCode: string;
  activityNameDa: string;
  activityNameEn: string;
  activityKind: 'individual' | 'group';
  channel: string;
  start: Date;
  end: Date;
  createdAt: Date;
  windowStart: Date;
  windowEnd: Date;
  office: { id: string; name: string; street: string; postcode: string; city: string; lat: number; lon: number };
  roomName: string | null;
  staff: { firstName: string; role: string }[];
  icalUid: string;
  icalSequence: number;
  slotCancelled: boolean;
  sessionCancelled: boolean;
}

@Injectable()
export class BookingsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  findBooking(id: string, db: Queryable = this.dataSource): Promise<BookingRow | undefined> {
    return selectBookings(kysely(db)).where('b.id', '=', id).executeTakeFirst();
  }

  findBookingDetails(id: string): Promise<BookingDetailsRow | undefined> {
    return kysely(this.dataSource)
      .selectFrom('booking as b')
      .innerJoin('activityType as a', 'a.code', 'b.activityCode')
      .innerJoin('programmeItem as pi', 'pi.id', 'b.programmeItemId')
      .innerJoin('office as o', 'o.id', 'b.officeId')
      .leftJoin('slot as sl', 'sl.id', 'b.slotId')
      .leftJoin('session as se', 'se.id', 'b.sessionId')
      .leftJoin('room as r', 'r.id', 'se.roomId')
      .select([
        'b.id',
        'b.status',
        'b.memberId',
        'b.programmeItemId',
        'b.slotId',
        'b.sessionId',
        'b.activityCode',
        'a.nameDa as activityNameDa',
        'a.nameEn as activityNameEn',
        'a.kind as activityKind',
        'b.channel',
        sql<Date>`lower(b.during)`.as('start'),
        sql<Date>`upper(b.during)`.as('end'),
        'b.createdAt',
        'pi.windowStart',
        'pi.windowEnd',
        sql<
          BookingDetailsRow['office']
        >`json_build_object('id', o.id, 'name', o.name, 'street', o.street, 'postcode', o.postcode, 'city', o.city, 'lat', o.lat, 'lon', o.lon)`.as(
          'office',
        ),
        'r.name as roomName',
        sql<
          BookingDetailsRow['staff']
        >`COALESCE((SELECT json_agg(json_build_object('firstName', split_part(st.name, ' ', 1), 'role', st.role) ORDER BY st.name)
                  FROM staff st
                  WHERE st.id = sl.staff_id OR st.id IN (SELECT l.staff_id FROM session_leader l WHERE l.session_id = b.session_id)), '[]')`.as(
          'staff',
        ),
        'b.icalUid',
        'b.icalSequence',
        sql<boolean>`COALESCE(sl.status = 'cancelled', false)`.as('slotCancelled'),
        sql<boolean>`COALESCE(se.status = 'cancelled', false)`.as('sessionCancelled'),
      ])
      .where('b.id', '=', id)
      .executeTakeFirst();
  }

  /** The member's live booking in a session and their place on its waiting list, for the member's session page. */
  async memberInSession(
    sessionId: string,
    memberId: string,
  ): Promise<{ bookingId: string | null; waitlistPosition: number | null }> {
    const row = await kysely(this.dataSource)
      .selectNoFrom((eb) => [
        eb
          .selectFrom('booking as b')
          .select('b.id')
          .where('b.sessionId', '=', sessionId)
          .where('b.memberId', '=', memberId)
          .where('b.status', '<>', 'cancelled')
          .limit(1)
          .as('bookingId'),
        sql<
          number | null
        >`(SELECT w.position::int FROM (SELECT member_id, row_number() OVER (ORDER BY created_at, id) AS position
                            FROM waitlist_entry WHERE session_id = ${sessionId} AND status = 'waiting') w WHERE w.member_id = ${memberId})`.as(
          'waitlistPosition',
        ),
      ])
      .executeTakeFirst();
    return row ?? { bookingId: null, waitlistPosition: null };
  }

  /** A member's waiting-list entries: where they wait (with their place in line) and which bookings came from a list. */
  memberWaitlist(memberId: string): Promise<
    {
      programmeItemId: string;
      sessionId: string;
      status: 'waiting' | 'promoted';
      position: number | null;
      bookingId: string | null;
    }[]
  > {
    return kysely(this.dataSource)
      .selectFrom('waitlistEntry as w')
      .select([
        'w.programmeItemId',
        'w.sessionId',
        'w.status',
        'w.bookingId',
        sql<number | null>`CASE WHEN w.status = 'waiting' THEN (SELECT count(*)::int FROM waitlist_entry o
                           WHERE o.session_id = w.session_id AND o.status = 'waiting' AND (o.created_at, o.id) <= (w.created_at, w.id)) END`.as(
          'position',
        ),
      ])
      .where('w.memberId', '=', memberId)
      .where('w.status', 'in', ['waiting', 'promoted'])
      .orderBy('w.createdAt')
      .$narrowType<{ status: 'waiting' | 'promoted' }>()
      .execute();
  }

  findLiveBookingOfItem(itemId: string, db: Queryable = this.dataSource): Promise<BookingRow | undefined> {
    return selectBookings(kysely(db))
      .where('b.programmeItemId', '=', itemId)
      .where('b.status', '=', 'booked')
      .executeTakeFirst();
  }

  lockBooking(id: string, db: Queryable): Promise<BookingRow | undefined> {
    return selectBookings(kysely(db)).where('b.id', '=', id).forUpdate('b').executeTakeFirst();
  }

  listMemberBookings(memberId: string, db: Queryable = this.dataSource): Promise<BookingRow[]> {
    return selectBookings(kysely(db))
      .where('b.memberId', '=', memberId)
      .orderBy((eb) => eb.fn('lower', ['b.during']))
      .execute();
  }

  /** Live bookings on a slot or in a session, locked, for cancelling them together. */
  lockLiveBookingsOf(target: { slotId?: string; sessionId?: string }, db: Queryable): Promise<BookingRow[]> {
    return selectBookings(kysely(db))
      .where('b.status', '=', 'booked')
      .where((eb) =>
        eb.or([eb('b.slotId', '=', target.slotId ?? null), eb('b.sessionId', '=', target.sessionId ?? null)]),
      )
      .orderBy('b.createdAt')
      .forUpdate('b')
      .execute();
  }

  lockFutureBookingsOfMember(memberId: string, now: Date, db: Queryable): Promise<BookingRow[]> {
    return selectBookings(kysely(db))
      .where('b.memberId', '=', memberId)
      .where('b.status', '=', 'booked')
      .where((eb) => eb(eb.fn('lower', ['b.during']), '>', now))
      .forUpdate('b')
      .execute();
  }

  async insertBooking(
    memberId: string,
    itemId: string,
    target: BookingTarget,
    bookedByRole: string,
    db: Queryable,
  ): Promise<string> {
    const row = await kysely(db)
      .insertInto('booking')
      .values({
        memberId,
        programmeItemId: itemId,
        slotId: target.slotId,
        sessionId: target.sessionId,
        officeId: target.officeId,
        activityCode: target.activityCode,
        channel: target.channel,
        during: tstzrange(target.start, target.end),
        bookedByRole,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  moveBooking(id: string, target: BookingTarget, db: Queryable): Promise<unknown> {
    return kysely(db)
      .updateTable('booking')
      .set({
        slotId: target.slotId,
        sessionId: target.sessionId,
        officeId: target.officeId,
        channel: target.channel,
        during: tstzrange(target.start, target.end),
        updatedAt: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
  }

  /** A moved session's live bookings follow it (their SEQUENCE rises by trigger, so feeds and .ics update). */
  moveSessionBookings(sessionId: string, start: Date, end: Date, db: Queryable): Promise<unknown> {
    return kysely(db)
      .updateTable('booking')
      .set({ during: tstzrange(start, end), updatedAt: sql`now()` })
      .where('sessionId', '=', sessionId)
      .where('status', '=', 'booked')
      .execute();
  }

  setStatus(id: string, status: BookingRow['status'], reason: string | null, db: Queryable): Promise<unknown> {
    return kysely(db)
      .updateTable('booking')
      .set((eb) => ({ status, cancelReason: eb.fn.coalesce(eb.val(reason), 'cancelReason'), updatedAt: sql`now()` }))
      .where('id', '=', id)
      .execute();
  }

  audit(entry: AuditEntry, db: Queryable): Promise<unknown> {
    return insertAuditEvent(entry, db);
  }

  insertWaitlistEntry(
    sessionId: string,
    memberId: string,
    itemId: string,
    db: Queryable,
  ): Promise<{ id: string; position: number } | undefined> {
    return kysely(db)
      .with('inserted', (qb) =>
        qb
          .insertInto('waitlistEntry')
          .values({ sessionId, memberId, programmeItemId: itemId })
          .returning(['id', 'createdAt']),
      )
      .selectFrom('inserted as i')
      .select((eb) => [
        'i.id',
        sql<number>`1 + ${eb
          .selectFrom('waitlistEntry as w')
          .where('w.sessionId', '=', sessionId)
          .where('w.status', '=', 'waiting')
          .select(eb.cast<number>(eb.fn.countAll(), 'integer').as('waiting'))}`.as('position'),
      ])
      .executeTakeFirst();
  }

  /** The next member in line but `passedOver`; SKIP LOCKED lets two seats freeing at once promote two different people. */
  nextWaiting(
    sessionId: string,
    passedOver: string[],
    db: Queryable,
  ): Promise<{ id: string; memberId: string; programmeItemId: string } | undefined> {
    return kysely(db)
      .selectFrom('waitlistEntry')
      .select(['id', 'memberId', 'programmeItemId'])
      .where('sessionId', '=', sessionId)
      .where('status', '=', 'waiting')
      .$if(passedOver.length > 0, (qb) => qb.where('id', 'not in', passedOver))
      .orderBy('createdAt')
      .orderBy('id')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
  }

  markWaitlist(
    id: string,
    status: 'promoted' | 'skipped' | 'withdrawn',
    bookingId: string | null,
    reason: string | null,
    db: Queryable,
  ): Promise<unknown> {
    return kysely(db)
      .updateTable('waitlistEntry')
      .set({ status, bookingId, skipReason: reason, updatedAt: sql`now()` })
      .where('id', '=', id)
      .execute();
  }

  withdrawWaitlist(sessionId: string, db: Queryable): Promise<unknown> {
    return kysely(db)
      .updateTable('waitlistEntry')
      .set({ status: 'withdrawn', updatedAt: sql`now()` })
      .where('sessionId', '=', sessionId)
      .where('status', '=', 'waiting')
      .execute();
  }

  listWaitlist(
    sessionId: string,
  ): Promise<{ id: string; memberId: string; programmeItemId: string; createdAt: Date }[]> {
    return kysely(this.dataSource)
      .selectFrom('waitlistEntry')
      .select(['id', 'memberId', 'programmeItemId', 'createdAt'])
      .where('sessionId', '=', sessionId)
      .where('status', '=', 'waiting')
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
  }

  listAudit(
    filter: { entity?: string; entityId?: string; officeIds?: string[] },
    limit: number,
  ): Promise<AuditEventRow[]> {
    return kysely(this.dataSource)
      .selectFrom('auditEvent')
      .select((eb) => [
        eb.cast<string>('id', 'text').as('id'),
        'at',
        'actorRole',
        'actorId',
        'entity',
        'entityId',
        'action',
        'officeId',
        'before',
        'after',
      ])
      .$if(given(filter.entity), (qb) => qb.where('entity', '=', filter.entity!))
      .$if(given(filter.entityId), (qb) => qb.where('entityId', '=', filter.entityId!))
      .$if(given(filter.officeIds), (qb) => qb.where((eb) => eb('officeId', '=', eb.fn.any(eb.val(filter.officeIds!)))))
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }
}
