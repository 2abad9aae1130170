import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryOne, type Queryable } from '../../common/database/queryable.js';

export interface BookingRow {
  id: string;
  memberId: string;
  programmeItemId: string;
  slotId: string | null;
  sessionId: string | null;
  officeId: string;
  departmentId: string;
  activityCode: string;
  channel: string;
  start: Date;
  end: Date;
  status: 'booked' | 'cancelled' | 'attended' | 'no-show';
  staffId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const BOOKING_COLUMNS = `
  b.id, b.member_id AS "memberId", b.programme_item_id AS "programmeItemId", b.slot_id AS "slotId", b.session_id AS "sessionId",
  b.office_id AS "officeId", o.department_id AS "departmentId", b.activity_code AS "activityCode", b.channel,
  lower(b.during) AS start, upper(b.during) AS "end", b.status, sl.staff_id AS "staffId", b.created_at AS "createdAt", b.updated_at AS "updatedAt"`;

const BOOKING_FROM = `booking b JOIN office o ON o.id = b.office_id LEFT JOIN slot sl ON sl.id = b.slot_id`;

export interface BookingTarget {
  slotId: string | null;
  sessionId: string | null;
  officeId: string;
  activityCode: string;
  channel: string;
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
    return queryOne(db, `SELECT ${BOOKING_COLUMNS} FROM ${BOOKING_FROM} WHERE b.id = $1`, [id]);
  }

  findBookingDetails(id: string): Promise<BookingDetailsRow | undefined> {
    return queryOne(
      this.dataSource,
      `SELECT b.id, b.status, b.member_id AS "memberId", b.programme_item_id AS "programmeItemId", b.slot_id AS "slotId",
              b.session_id AS "sessionId", b.activity_code AS "activityCode", a.name_da AS "activityNameDa", a.name_en AS "activityNameEn",
              a.kind AS "activityKind", b.channel, lower(b.during) AS start, upper(b.during) AS "end", b.created_at AS "createdAt",
              pi.window_start AS "windowStart", pi.window_end AS "windowEnd",
              json_build_object('id', o.id, 'name', o.name, 'street', o.street, 'postcode', o.postcode, 'city', o.city, 'lat', o.lat, 'lon', o.lon) AS office,
              r.name AS "roomName",
              COALESCE((SELECT json_agg(json_build_object('firstName', split_part(st.name, ' ', 1), 'role', st.role) ORDER BY st.name)
                        FROM staff st
                        WHERE st.id = sl.staff_id OR st.id IN (SELECT l.staff_id FROM session_leader l WHERE l.session_id = b.session_id)), '[]') AS staff,
              b.ical_uid AS "icalUid", b.ical_sequence AS "icalSequence",
              COALESCE(sl.status = 'cancelled', false) AS "slotCancelled", COALESCE(se.status = 'cancelled', false) AS "sessionCancelled"
       FROM booking b
       JOIN activity_type a ON a.code = b.activity_code
       JOIN programme_item pi ON pi.id = b.programme_item_id
       JOIN office o ON o.id = b.office_id
       LEFT JOIN slot sl ON sl.id = b.slot_id
       LEFT JOIN session se ON se.id = b.session_id
       LEFT JOIN room r ON r.id = se.room_id
       WHERE b.id = $1`,
      [id],
    );
  }

  /** The member's live booking in a session and their place on its waiting list, for the member's session page. */
  async memberInSession(sessionId: string, memberId: string): Promise<{ bookingId: string | null; waitlistPosition: number | null }> {
    const row = await queryOne<{ bookingId: string | null; waitlistPosition: number | null }>(
      this.dataSource,
      `SELECT (SELECT b.id FROM booking b WHERE b.session_id = $1 AND b.member_id = $2 AND b.status <> 'cancelled' LIMIT 1) AS "bookingId",
              (SELECT w.position::int FROM (SELECT member_id, row_number() OVER (ORDER BY created_at, id) AS position
                                  FROM waitlist_entry WHERE session_id = $1 AND status = 'waiting') w WHERE w.member_id = $2) AS "waitlistPosition"`,
      [sessionId, memberId],
    );
    return row ?? { bookingId: null, waitlistPosition: null };
  }

  /** A member's waiting-list entries: where they wait (with their place in line) and which bookings came from a list. */
  memberWaitlist(memberId: string): Promise<{ programmeItemId: string; sessionId: string; status: 'waiting' | 'promoted'; position: number | null; bookingId: string | null }[]> {
    return this.dataSource.query(
      `SELECT w.programme_item_id AS "programmeItemId", w.session_id AS "sessionId", w.status, w.booking_id AS "bookingId",
              CASE WHEN w.status = 'waiting' THEN (SELECT count(*)::int FROM waitlist_entry o
                                                   WHERE o.session_id = w.session_id AND o.status = 'waiting' AND (o.created_at, o.id) <= (w.created_at, w.id)) END AS position
       FROM waitlist_entry w WHERE w.member_id = $1 AND w.status IN ('waiting', 'promoted') ORDER BY w.created_at`,
      [memberId],
    );
  }

  findLiveBookingOfItem(itemId: string, db: Queryable = this.dataSource): Promise<BookingRow | undefined> {
    return queryOne(db, `SELECT ${BOOKING_COLUMNS} FROM ${BOOKING_FROM} WHERE b.programme_item_id = $1 AND b.status = 'booked'`, [itemId]);
  }

  lockBooking(id: string, db: Queryable): Promise<BookingRow | undefined> {
    return queryOne(db, `SELECT ${BOOKING_COLUMNS} FROM ${BOOKING_FROM} WHERE b.id = $1 FOR UPDATE OF b`, [id]);
  }

  listMemberBookings(memberId: string, db: Queryable = this.dataSource): Promise<BookingRow[]> {
    return db.query(`SELECT ${BOOKING_COLUMNS} FROM ${BOOKING_FROM} WHERE b.member_id = $1 ORDER BY lower(b.during)`, [memberId]);
  }

  /** Live bookings on a slot or in a session, locked, for cancelling them together. */
  lockLiveBookingsOf(target: { slotId?: string; sessionId?: string }, db: Queryable): Promise<BookingRow[]> {
    return db.query(
      `SELECT ${BOOKING_COLUMNS} FROM ${BOOKING_FROM}
       WHERE b.status = 'booked' AND (b.slot_id = $1 OR b.session_id = $2) ORDER BY b.created_at FOR UPDATE OF b`,
      [target.slotId ?? null, target.sessionId ?? null],
    );
  }

  lockFutureBookingsOfMember(memberId: string, now: Date, db: Queryable): Promise<BookingRow[]> {
    return db.query(
      `SELECT ${BOOKING_COLUMNS} FROM ${BOOKING_FROM} WHERE b.member_id = $1 AND b.status = 'booked' AND lower(b.during) > $2 FOR UPDATE OF b`,
      [memberId, now],
    );
  }

  async insertBooking(memberId: string, itemId: string, target: BookingTarget, bookedByRole: string, db: Queryable): Promise<string> {
    const row = await queryOne<{ id: string }>(
      db,
      `INSERT INTO booking (member_id, programme_item_id, slot_id, session_id, office_id, activity_code, channel, during, booked_by_role)
       VALUES ($1, $2, $3, $4, $5, $6, $7, tstzrange($8, $9, '[)'), $10) RETURNING id`,
      [memberId, itemId, target.slotId, target.sessionId, target.officeId, target.activityCode, target.channel, target.start, target.end, bookedByRole],
    );
    return row!.id;
  }

  moveBooking(id: string, target: BookingTarget, db: Queryable): Promise<unknown> {
    return db.query(
      `UPDATE booking SET slot_id = $2, session_id = $3, office_id = $4, channel = $5, during = tstzrange($6, $7, '[)'), updated_at = now()
       WHERE id = $1`,
      [id, target.slotId, target.sessionId, target.officeId, target.channel, target.start, target.end],
    );
  }

  setStatus(id: string, status: BookingRow['status'], reason: string | null, db: Queryable): Promise<unknown> {
    return db.query(`UPDATE booking SET status = $2, cancel_reason = COALESCE($3, cancel_reason), updated_at = now() WHERE id = $1`, [id, status, reason]);
  }

  audit(entry: AuditEntry, db: Queryable): Promise<unknown> {
    return db.query(
      `INSERT INTO audit_event (actor_role, actor_id, entity, entity_id, action, office_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [entry.actorRole, entry.actorId, entry.entity, entry.entityId, entry.action, entry.officeId, entry.before === undefined ? null : JSON.stringify(entry.before), entry.after === undefined ? null : JSON.stringify(entry.after)],
    );
  }

  /** Events for the notification sender; the payload names the activity and time, never the person. */
  notify(memberId: string, kind: string, payload: Record<string, unknown>, db: Queryable): Promise<unknown> {
    return db.query(`INSERT INTO notification_event (member_id, kind, payload) VALUES ($1, $2, $3)`, [memberId, kind, JSON.stringify(payload)]);
  }

  insertWaitlistEntry(sessionId: string, memberId: string, itemId: string, db: Queryable): Promise<{ id: string; position: number } | undefined> {
    return queryOne(
      db,
      `WITH inserted AS (
         INSERT INTO waitlist_entry (session_id, member_id, programme_item_id) VALUES ($1, $2, $3) RETURNING id, created_at
       )
       SELECT i.id, 1 + (SELECT count(*)::int FROM waitlist_entry w WHERE w.session_id = $1 AND w.status = 'waiting') AS position FROM inserted i`,
      [sessionId, memberId, itemId],
    );
  }

  /** The next member in line but `passedOver`; SKIP LOCKED lets two seats freeing at once promote two different people. */
  nextWaiting(sessionId: string, passedOver: string[], db: Queryable): Promise<{ id: string; memberId: string; programmeItemId: string } | undefined> {
    return queryOne(
      db,
      `SELECT id, member_id AS "memberId", programme_item_id AS "programmeItemId" FROM waitlist_entry
       WHERE session_id = $1 AND status = 'waiting' AND id <> ALL ($2::uuid[]) ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [sessionId, passedOver],
    );
  }

  markWaitlist(id: string, status: 'promoted' | 'skipped' | 'withdrawn', bookingId: string | null, reason: string | null, db: Queryable): Promise<unknown> {
    return db.query(`UPDATE waitlist_entry SET status = $2, booking_id = $3, skip_reason = $4, updated_at = now() WHERE id = $1`, [id, status, bookingId, reason]);
  }

  withdrawWaitlist(sessionId: string, db: Queryable): Promise<unknown> {
    return db.query(`UPDATE waitlist_entry SET status = 'withdrawn', updated_at = now() WHERE session_id = $1 AND status = 'waiting'`, [sessionId]);
  }

  listWaitlist(sessionId: string): Promise<{ id: string; memberId: string; programmeItemId: string; createdAt: Date }[]> {
    return this.dataSource.query(
      `SELECT id, member_id AS "memberId", programme_item_id AS "programmeItemId", created_at AS "createdAt"
       FROM waitlist_entry WHERE session_id = $1 AND status = 'waiting' ORDER BY created_at, id`,
      [sessionId],
    );
  }

  listAudit(filter: { entity?: string; entityId?: string; officeIds?: string[] }, limit: number): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT id::text, at, actor_role AS "actorRole", actor_id AS "actorId", entity, entity_id AS "entityId", action, office_id AS "officeId", before, after
       FROM audit_event
       WHERE ($1::text IS NULL OR entity = $1) AND ($2::uuid IS NULL OR entity_id = $2) AND ($3::uuid[] IS NULL OR office_id = ANY($3))
       ORDER BY at DESC, id DESC LIMIT $4`,
      [filter.entity ?? null, filter.entityId ?? null, filter.officeIds ?? null, limit],
    );
  }
}
