import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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

const LINK_COLUMNS = `
  id, kind, subject_id AS "subjectId", created_by_role AS "createdByRole", created_by AS "createdBy",
  created_at AS "createdAt", rotated_at AS "rotatedAt", revoked_at AS "revokedAt"`;

const OFFICE_COLUMNS = `o.name AS "officeName", o.street, o.postcode, o.city, o.timezone`;

// A booking is cancelled for the calendar when it, its slot or its session is, and its grace period runs
// from that row's last change. DTSTAMP is the latest change of the three; the session and slot triggers
// bump the member's and adviser's feeds to match.
const BOOKING_EVENTS = `
  SELECT b.id AS "bookingId", b.ical_uid AS uid, b.ical_sequence AS sequence, lower(b.during) AS start,
         upper(b.during) AS "end", b.channel, a.name_da AS activity, ${OFFICE_COLUMNS}, r.name AS "roomName",
         b.created_at AS "createdAt", GREATEST(b.updated_at, s.updated_at, sl.updated_at) AS "updatedAt",
         CASE WHEN b.status = 'cancelled' THEN b.updated_at
              WHEN s.status = 'cancelled' THEN s.updated_at
              WHEN sl.status = 'cancelled' THEN sl.updated_at END AS "cancelledAt"
  FROM booking b
  JOIN activity_type a ON a.code = b.activity_code
  JOIN office o ON o.id = b.office_id
  LEFT JOIN session s ON s.id = b.session_id
  LEFT JOIN room r ON r.id = s.room_id
  LEFT JOIN slot sl ON sl.id = b.slot_id`;

const SESSION_EVENTS = `
  SELECT s.id AS "sessionId", s.ical_uid AS uid, s.ical_sequence AS sequence, lower(s.during) AS start,
         upper(s.during) AS "end", a.name_da AS activity, ${OFFICE_COLUMNS}, r.name AS "roomName", s.capacity,
         s.booked, s.status = 'cancelled' AS cancelled, s.created_at AS "createdAt", s.updated_at AS "updatedAt"
  FROM session s
  JOIN activity_type a ON a.code = s.activity_code
  JOIN office o ON o.id = s.office_id
  JOIN room r ON r.id = s.room_id`;

@Injectable()
export class CalendarRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The whole 304 decision for a token feed: one indexed look-up. */
  async findTokenFeed(tokenHash: Buffer): Promise<TokenFeedLookup | undefined> {
    const rows: TokenFeedLookup[] = await this.db.query(
      `SELECT f.id, f.kind, f.subject_id AS "subjectId", f.revoked_at AS "revokedAt",
              coalesce(r.revision, 0)::text AS revision, r.changed_at AS "changedAt"
       FROM calendar_feed f
       LEFT JOIN LATERAL calendar_feed_revision_of(f.kind, f.subject_id) r ON true
       WHERE f.token_hash = $1`,
      [tokenHash],
    );
    return rows[0];
  }

  /** A token this link had before it was rotated, and when it was replaced. */
  async findRetiredToken(tokenHash: Buffer): Promise<{ feedId: string; retiredAt: Date } | undefined> {
    const rows: { feedId: string; retiredAt: Date }[] = await this.db.query(
      `SELECT feed_id AS "feedId", retired_at AS "retiredAt" FROM calendar_feed_retired_token WHERE token_hash = $1`,
      [tokenHash],
    );
    return rows[0];
  }

  /** The office's name and feed revision, or undefined for an unknown office. */
  async findOfficeFeed(officeId: string): Promise<(FeedRevision & { name: string }) | undefined> {
    const rows: (FeedRevision & { name: string })[] = await this.db.query(
      `SELECT o.name, coalesce(r.revision, 0)::text AS revision, r.changed_at AS "changedAt"
       FROM office o
       LEFT JOIN LATERAL calendar_feed_revision_of('office', o.id) r ON true
       WHERE o.id = $1`,
      [officeId],
    );
    return rows[0];
  }

  /**
   * Reads the revision and the rows in one snapshot, so the ETag sent with a body always names that body
   * even while bookings change.
   */
  readFeedSnapshot<T>(kind: FeedKind, subjectId: string, read: (manager: EntityManager, revision: () => Promise<FeedRevision>) => Promise<T>): Promise<T> {
    return this.db.transaction('REPEATABLE READ', (manager) =>
      read(manager, async () => {
        const rows: FeedRevision[] = await manager.query(
          `SELECT revision::text AS revision, changed_at AS "changedAt" FROM calendar_feed_revision WHERE kind = $1 AND subject_id = $2`,
          [kind, subjectId],
        );
        return rows[0] ?? { revision: '0', changedAt: null };
      }),
    );
  }

  /** One booking as the member's feed shows it (same UID and SEQUENCE), whatever its age or state. */
  async bookingEventById(bookingId: string): Promise<BookingEventRow | undefined> {
    const rows: BookingEventRow[] = await this.db.query(`SELECT *, "cancelledAt" IS NOT NULL AS cancelled FROM (${BOOKING_EVENTS} WHERE b.id = $1) e`, [bookingId]);
    return rows[0];
  }

  memberBookingEvents(manager: EntityManager, memberId: string, window: FeedWindow): Promise<BookingEventRow[]> {
    return this.bookingEvents(manager, 'b.member_id = $1', memberId, window);
  }

  staffAppointmentEvents(manager: EntityManager, staffId: string, window: FeedWindow): Promise<BookingEventRow[]> {
    return this.bookingEvents(manager, 'sl.staff_id = $1', staffId, window);
  }

  /**
   * Bookings that left the staff member's slots (see the departures migration), as cancelled events at the
   * time and place the feed last showed. Never one that is back on their slots, so a UID is never twice.
   */
  staffDepartureEvents(manager: EntityManager, staffId: string, window: FeedWindow): Promise<BookingEventRow[]> {
    return manager.query(
      `SELECT b.id AS "bookingId", b.ical_uid AS uid, d.ical_sequence AS sequence, lower(d.during) AS start,
              upper(d.during) AS "end", d.channel, a.name_da AS activity, ${OFFICE_COLUMNS}, NULL AS "roomName",
              b.created_at AS "createdAt", d.departed_at AS "updatedAt", true AS cancelled
       FROM calendar_staff_departure d
       JOIN booking b ON b.id = d.booking_id
       JOIN activity_type a ON a.code = d.activity_code
       JOIN office o ON o.id = d.office_id
       WHERE d.staff_id = $1 AND d.during && tstzrange($2, $3) AND d.departed_at >= $4
         AND NOT EXISTS (SELECT 1 FROM slot sl WHERE sl.id = b.slot_id AND sl.staff_id = d.staff_id)`,
      [staffId, window.from, window.to, window.cancelledSince],
    );
  }

  ledSessionEvents(manager: EntityManager, staffId: string, window: FeedWindow): Promise<SessionEventRow[]> {
    return this.sessionEvents(manager, 'EXISTS (SELECT 1 FROM session_leader l WHERE l.session_id = s.id AND l.staff_id = $1)', staffId, window);
  }

  officeSessionEvents(manager: EntityManager, officeId: string, window: FeedWindow): Promise<SessionEventRow[]> {
    return this.sessionEvents(manager, 's.office_id = $1', officeId, window);
  }

  sessionFeedEvents(manager: EntityManager, sessionId: string, window: FeedWindow): Promise<SessionEventRow[]> {
    return this.sessionEvents(manager, 's.id = $1', sessionId, window);
  }

  private sessionEvents(manager: EntityManager, condition: string, subjectId: string, window: FeedWindow): Promise<SessionEventRow[]> {
    return manager.query(
      `SELECT * FROM (${SESSION_EVENTS} WHERE ${condition} AND s.during && tstzrange($2, $3)) e
       WHERE NOT e.cancelled OR e."updatedAt" >= $4`,
      [subjectId, window.from, window.to, window.cancelledSince],
    );
  }

  private bookingEvents(manager: EntityManager, condition: string, subjectId: string, window: FeedWindow): Promise<BookingEventRow[]> {
    return manager.query(
      `SELECT *, "cancelledAt" IS NOT NULL AS cancelled FROM (${BOOKING_EVENTS} WHERE ${condition} AND b.during && tstzrange($2, $3)) e
       WHERE e."cancelledAt" IS NULL OR e."cancelledAt" >= $4`,
      [subjectId, window.from, window.to, window.cancelledSince],
    );
  }

  /** One booking as the member's feed shows it, for the `.ics` attached to a message about it. */
  async bookingEvent(bookingId: string): Promise<BookingEventRow | undefined> {
    const rows: BookingEventRow[] = await this.db.query(`SELECT *, "cancelledAt" IS NOT NULL AS cancelled FROM (${BOOKING_EVENTS} WHERE b.id = $1) e`, [bookingId]);
    return rows[0];
  }

  async sessionTitle(manager: EntityManager, sessionId: string): Promise<{ activity: string; officeName: string } | undefined> {
    const rows: { activity: string; officeName: string }[] = await manager.query(
      `SELECT a.name_da AS activity, o.name AS "officeName"
       FROM session s JOIN activity_type a ON a.code = s.activity_code JOIN office o ON o.id = s.office_id
       WHERE s.id = $1`,
      [sessionId],
    );
    return rows[0];
  }

  async subjectScope(kind: TokenFeedKind, subjectId: string): Promise<FeedSubjectScope | undefined> {
    const queries: Record<TokenFeedKind, string> = {
      member: `SELECT o.department_id AS "departmentId", false AS "visibleToAllStaff", ARRAY[m.id] AS "ownerIds"
               FROM member m JOIN office o ON o.id = m.home_office_id WHERE m.id = $1`,
      staff: `SELECT coalesce(s.department_id, o.department_id) AS "departmentId", coalesce(t.works_across_departments, false) AS "visibleToAllStaff",
                     ARRAY[s.id] AS "ownerIds"
              FROM staff s LEFT JOIN office o ON o.id = s.office_id LEFT JOIN team t ON t.id = s.team_id WHERE s.id = $1`,
      session: `SELECT o.department_id AS "departmentId", true AS "visibleToAllStaff",
                       ARRAY(SELECT staff_id FROM session_leader WHERE session_id = s.id
                             UNION SELECT member_id FROM booking WHERE session_id = s.id AND status <> 'cancelled') AS "ownerIds"
                FROM session s JOIN office o ON o.id = s.office_id WHERE s.id = $1`,
    };
    const rows: FeedSubjectScope[] = await this.db.query(queries[kind], [subjectId]);
    return rows[0];
  }

  async insertFeedLink(link: { kind: TokenFeedKind; subjectId: string; tokenHash: Buffer; createdByRole: string; createdBy: string | null }): Promise<FeedLinkRow> {
    const column = `${link.kind}_id`;
    const rows: FeedLinkRow[] = await this.db.query(
      `INSERT INTO calendar_feed (kind, ${column}, token_hash, created_by_role, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${LINK_COLUMNS}`,
      [link.kind, link.subjectId, link.tokenHash, link.createdByRole, link.createdBy],
    );
    return rows[0];
  }

  async findFeedLink(id: string): Promise<FeedLinkRow | undefined> {
    const rows: FeedLinkRow[] = await this.db.query(`SELECT ${LINK_COLUMNS} FROM calendar_feed WHERE id = $1`, [id]);
    return rows[0];
  }

  /** Replaces the token of a live link; undefined if the link is revoked (or gone) by now. */
  async rotateFeedLink(id: string, tokenHash: Buffer): Promise<FeedLinkRow | undefined> {
    const rows: [FeedLinkRow[], number] = await this.db.query(
      `UPDATE calendar_feed SET token_hash = $2, rotated_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING ${LINK_COLUMNS}`,
      [id, tokenHash],
    );
    return rows[0][0];
  }

  /** Revokes once; revoking again keeps the first time, so the grace period is not extended. */
  async revokeFeedLink(id: string): Promise<FeedLinkRow | undefined> {
    const rows: [FeedLinkRow[], number] = await this.db.query(
      `UPDATE calendar_feed SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${LINK_COLUMNS}`,
      [id],
    );
    return rows[0][0];
  }

  listFeedLinks(filter: { kind?: TokenFeedKind; subjectId?: string; createdByOrSubject?: string }): Promise<FeedLinkRow[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.kind) conditions.push(`kind = $${params.push(filter.kind)}`);
    if (filter.subjectId) conditions.push(`subject_id = $${params.push(filter.subjectId)}`);
    if (filter.createdByOrSubject) {
      const p = params.push(filter.createdByOrSubject);
      conditions.push(`(created_by = $${p} OR (kind IN ('member', 'staff') AND subject_id = $${p}))`);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return this.db.query(`SELECT ${LINK_COLUMNS} FROM calendar_feed ${where} ORDER BY created_at, id`, params);
  }
}
