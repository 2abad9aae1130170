import type { DataSource } from 'typeorm';
import { minutesAfter, wallTime } from './calendar-factories.js';

/**
 * Rows for a hand-built past month, inserted with SQL: the API refuses to publish or book in the past,
 * and attendance can only be marked on bookings it made. Each helper writes what the booking service
 * would (a booking takes its slot's or session's time and office).
 */

let counter = 0;
const unique = () => `${Date.now().toString(36)}-${++counter}`;

export { minutesAfter, wallTime };

export class KpiFactories {
  constructor(private readonly db: DataSource) {}

  async member(options: {
    officeId: string;
    firstDay: string;
    status?: 'active' | 'referred';
    referredAt?: Date;
  }): Promise<string> {
    const [{ id }] = await this.db.query(
      `INSERT INTO member (member_number, home_office_id, first_unemployment_day, risk, target_group, status, referred_at)
       VALUES ($1, $2, $3, 'low', 'low-risk', $4, $5) RETURNING id`,
      [`KPI-${unique()}`, options.officeId, options.firstDay, options.status ?? 'active', options.referredAt ?? null],
    );
    return id;
  }

  async item(
    memberId: string,
    activityCode: string,
    options: { from: Date; to: Date; status?: string; required?: boolean },
  ): Promise<string> {
    const [{ id }] = await this.db.query(
      `INSERT INTO programme_item (member_id, activity_code, required, window_start, window_end, channels, status)
       VALUES ($1, $2, $3, $4, $5, ARRAY['in-person'], $6) RETURNING id`,
      [memberId, activityCode, options.required ?? true, options.from, options.to, options.status ?? 'open'],
    );
    return id;
  }

  async slot(options: {
    officeId: string;
    staffId: string;
    start: Date;
    minutes: number;
    activityCode: string;
    status?: 'open' | 'cancelled';
  }): Promise<string> {
    const [{ id }] = await this.db.query(
      `INSERT INTO slot (office_id, staff_id, activity_codes, channel, during, status)
       VALUES ($1, $2, ARRAY[$3], 'in-person', tstzrange($4, $5, '[)'), $6) RETURNING id`,
      [
        options.officeId,
        options.staffId,
        options.activityCode,
        options.start,
        minutesAfter(options.start, options.minutes),
        options.status ?? 'open',
      ],
    );
    return id;
  }

  async slotBooking(options: {
    memberId: string;
    itemId: string;
    slotId: string;
    status: 'booked' | 'attended' | 'no-show' | 'cancelled';
  }): Promise<string> {
    const [{ id }] = await this.db.query(
      `INSERT INTO booking (member_id, programme_item_id, slot_id, office_id, activity_code, channel, during, status, booked_by_role)
       SELECT $1, i.id, s.id, s.office_id, i.activity_code, 'in-person', s.during, $4, 'adviser'
       FROM slot s, programme_item i WHERE s.id = $3 AND i.id = $2 RETURNING id`,
      [options.memberId, options.itemId, options.slotId, options.status],
    );
    return id;
  }

  async session(options: {
    officeId: string;
    roomId: string;
    start: Date;
    minutes: number;
    capacity: number;
    activityCode?: string;
  }): Promise<string> {
    const [{ id }] = await this.db.query(
      `INSERT INTO session (office_id, room_id, activity_code, during, capacity, min_participants, cutoff_at)
       VALUES ($1, $2, $3, tstzrange($4, $5, '[)'), $6, 1, $4) RETURNING id`,
      [
        options.officeId,
        options.roomId,
        options.activityCode ?? 'netcafe',
        options.start,
        minutesAfter(options.start, options.minutes),
        options.capacity,
      ],
    );
    return id;
  }

  async sessionBooking(options: {
    memberId: string;
    itemId: string;
    sessionId: string;
    status: 'booked' | 'attended' | 'no-show' | 'cancelled';
  }): Promise<string> {
    return this.db.transaction(async (manager) => {
      if (options.status !== 'cancelled')
        await manager.query(`UPDATE session SET booked = booked + 1 WHERE id = $1`, [options.sessionId]);
      const [{ id }] = await manager.query(
        `INSERT INTO booking (member_id, programme_item_id, session_id, office_id, activity_code, channel, during, status, booked_by_role)
         SELECT $1, $2, s.id, s.office_id, s.activity_code, 'in-person', s.during, $4, 'member' FROM session s WHERE s.id = $3 RETURNING id`,
        [options.memberId, options.itemId, options.sessionId, options.status],
      );
      return id;
    });
  }

  async waitlistEntry(options: {
    sessionId: string;
    memberId: string;
    itemId: string;
    status: 'waiting' | 'promoted' | 'skipped' | 'withdrawn';
    createdAt: Date;
    updatedAt?: Date;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO waitlist_entry (session_id, member_id, programme_item_id, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        options.sessionId,
        options.memberId,
        options.itemId,
        options.status,
        options.createdAt,
        options.updatedAt ?? options.createdAt,
      ],
    );
  }
}

/** Cancels the free in-person times a summons could take at an office before `until`, so a test decides what is free whatever demo schedule is loaded. */
export async function clearSummonsSlots(db: DataSource, officeId: string, until: Date): Promise<void> {
  await db.query(
    `UPDATE slot s SET status = 'cancelled' WHERE s.office_id = $1 AND s.status = 'open' AND s.channel = 'in-person'
       AND s.activity_codes && ARRAY['summons', 'follow-up'] AND lower(s.during) < $2
       AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id AND b.status <> 'cancelled')`,
    [officeId, until],
  );
}

/** RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
