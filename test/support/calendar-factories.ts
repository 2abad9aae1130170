import { TZDate } from '@date-fns/tz';
import type { DataSource } from 'typeorm';

/**
 * Rows for the calendar tests, inserted straight into the booking tables (the booking services are
 * another issue's). Each factory returns what the tests compare against.
 */

let counter = 0;
const unique = () => `${Date.now().toString(36)}-${++counter}`;

/** The instant of a wall-clock time in a zone, independent of the process's TZ. */
export function wallTime(date: string, time: string, zone = 'Europe/Copenhagen'): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, zone).getTime());
}

export const minutesAfter = (start: Date, minutes: number) => new Date(start.getTime() + minutes * 60_000);

export interface TestOffice {
  id: string;
  departmentId: string;
  name: string;
  street: string;
  postcode: string;
  city: string;
  roomIds: string[];
}

export class CalendarFactories {
  constructor(private readonly db: DataSource) {}

  /** A demo main office with at least one room, and its first adviser. */
  async officeWithAdviser(skip = 0): Promise<{ office: TestOffice; adviserId: string }> {
    const [office] = await this.db.query(
      `SELECT o.id, o.department_id AS "departmentId", o.name, o.street, o.postcode, o.city,
              ARRAY(SELECT r.id FROM room r WHERE r.office_id = o.id ORDER BY r.name) AS "roomIds",
              (SELECT s.id FROM staff s WHERE s.office_id = o.id AND s.role = 'adviser' ORDER BY s.employee_number LIMIT 1) AS "adviserId"
       FROM office o
       WHERE o.kind = 'main' AND EXISTS (SELECT 1 FROM room r WHERE r.office_id = o.id)
         AND EXISTS (SELECT 1 FROM staff s WHERE s.office_id = o.id AND s.role = 'adviser')
       ORDER BY o.code OFFSET $1 LIMIT 1`,
      [skip],
    );
    const { adviserId, ...rest } = office as TestOffice & { adviserId: string };
    return { office: rest, adviserId };
  }

  async member(options: { officeId: string; name?: string; email?: string }): Promise<string> {
    const [{ id }] = await this.db.query(
      `INSERT INTO member (member_number, name, email, home_office_id, first_unemployment_day, risk, target_group)
       VALUES ($1, $2, $3, $4, DATE '2026-11-02', 'high', 'plus50') RETURNING id`,
      [`CAL-${unique()}`, options.name ?? null, options.email ?? null, options.officeId],
    );
    return id;
  }

  async programmeItem(memberId: string, activityCode: string): Promise<string> {
    const [{ id }] = await this.db.query(
      `INSERT INTO programme_item (member_id, activity_code, required, window_start, window_end, channels)
       VALUES ($1, $2, true, '2026-11-01', '2028-01-01', ARRAY['in-person', 'phone', 'video']) RETURNING id`,
      [memberId, activityCode],
    );
    return id;
  }

  async slot(options: {
    staffId: string;
    officeId: string;
    start: Date;
    minutes?: number;
    channel?: string;
    activityCode?: string;
  }): Promise<string> {
    const [{ id }] = await this.db.query(
      `INSERT INTO slot (office_id, staff_id, activity_codes, channel, during)
       VALUES ($1, $2, ARRAY[$3], $4, tstzrange($5, $6)) RETURNING id`,
      [
        options.officeId,
        options.staffId,
        options.activityCode ?? 'cv-meeting',
        options.channel ?? 'in-person',
        options.start,
        minutesAfter(options.start, options.minutes ?? 60),
      ],
    );
    return id;
  }

  async session(options: {
    officeId: string;
    roomId: string;
    start: Date;
    minutes?: number;
    capacity?: number;
    activityCode?: string;
    leaderIds?: string[];
  }): Promise<string> {
    const [{ id }] = await this.db.query(
      `INSERT INTO session (office_id, room_id, activity_code, during, capacity, min_participants, cutoff_at)
       VALUES ($1, $2, $3, tstzrange($4, $5), $6, 1, $4) RETURNING id`,
      [
        options.officeId,
        options.roomId,
        options.activityCode ?? 'netcafe',
        options.start,
        minutesAfter(options.start, options.minutes ?? 120),
        options.capacity ?? 4,
      ],
    );
    for (const staffId of options.leaderIds ?? []) {
      await this.db.query(`INSERT INTO session_leader (session_id, staff_id) VALUES ($1, $2)`, [id, staffId]);
    }
    return id;
  }

  /** Books a slot; the booking takes the slot's time and office, as the booking service does. */
  async bookSlot(memberId: string, slotId: string, channel = 'in-person'): Promise<{ id: string; uid: string }> {
    const [slot] = await this.db.query(
      `SELECT office_id, during, activity_codes[1] AS activity FROM slot WHERE id = $1`,
      [slotId],
    );
    const itemId = await this.programmeItem(memberId, slot.activity);
    const [row] = await this.db.query(
      `INSERT INTO booking (member_id, programme_item_id, slot_id, office_id, activity_code, channel, during, booked_by_role)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'member') RETURNING id, ical_uid AS uid`,
      [memberId, itemId, slotId, slot.office_id, slot.activity, channel, slot.during],
    );
    return row;
  }

  /** Takes a seat with the same conditional UPDATE the booking service uses, then inserts the booking. */
  async bookSession(memberId: string, sessionId: string): Promise<{ id: string; uid: string }> {
    return this.db.transaction(async (manager) => {
      const [[session]] = await manager.query(
        `UPDATE session SET booked = booked + 1 WHERE id = $1 AND booked < capacity RETURNING office_id, during, activity_code`,
        [sessionId],
      );
      const [{ id: itemId }] = await manager.query(
        `INSERT INTO programme_item (member_id, activity_code, required, window_start, window_end, channels)
         VALUES ($1, $2, true, '2026-11-01', '2028-01-01', ARRAY['in-person']) RETURNING id`,
        [memberId, session.activity_code],
      );
      const [row] = await manager.query(
        `INSERT INTO booking (member_id, programme_item_id, session_id, office_id, activity_code, channel, during, booked_by_role)
         VALUES ($1, $2, $3, $4, $5, 'in-person', $6, 'member') RETURNING id, ical_uid AS uid`,
        [memberId, itemId, sessionId, session.office_id, session.activity_code, session.during],
      );
      return row;
    });
  }

  /** A reschedule as the booking service does it: the same row gets the new slot, time and office. */
  async moveBookingToSlot(bookingId: string, slotId: string): Promise<void> {
    await this.db.query(
      `UPDATE booking b SET slot_id = s.id, during = s.during, office_id = s.office_id FROM slot s WHERE b.id = $1 AND s.id = $2`,
      [bookingId, slotId],
    );
  }

  async bookingRow(
    bookingId: string,
  ): Promise<{ uid: string; sequence: number; start: Date; end: Date; updatedAt: Date }> {
    const [row] = await this.db.query(
      `SELECT ical_uid AS uid, ical_sequence AS sequence, lower(during) AS start, upper(during) AS "end", updated_at AS "updatedAt"
       FROM booking WHERE id = $1`,
      [bookingId],
    );
    return row;
  }
}
