import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { kysely } from '../../common/database/kysely.js';
import { tstzrange } from '../../common/database/sql-fragments.js';

export interface AvailabilityOption {
  kind: 'slot' | 'session';
  id: string;
  officeId: string;
  staffId: string | null;
  channel: string;
  start: Date;
  end: Date;
  seatsLeft: number | null;
}

export interface FullSession {
  id: string;
  officeId: string;
  start: Date;
  end: Date;
  capacity: number;
  /** The member's place on its waiting list, or null. */
  waitlistPosition: number | null;
}

export interface AvailabilityQuery {
  memberId: string;
  activityCode: string;
  /** Slot activities that can take this item: its own and its stand-ins (see slot-stand-ins.ts). */
  slotActivityCodes: string[];
  from: Date;
  to: Date;
  channels: string[];
  inPersonOfficeIds: string[];
  remoteOfficeIds: string[];
  limit: number;
  /** The booking being moved (rescheduling): its own time does not make the member busy. */
  movingBookingId?: string | null;
}

@Injectable()
export class AvailabilityRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Free slots and sessions with seats for one activity in [from, to): in person only at offices within
   * reach, by phone or video at the member's own department, never clashing with the member's bookings.
   */
  async findOptions(query: AvailabilityQuery): Promise<AvailabilityOption[]> {
    const window = tstzrange(query.from, query.to);
    const { rows } = await sql<AvailabilityOption>`
      WITH busy AS (SELECT during FROM booking WHERE member_id = ${query.memberId} AND status = 'booked' AND id IS DISTINCT FROM ${query.movingBookingId ?? null}::uuid)
      (SELECT 'slot' AS kind, s.id, s.office_id, s.staff_id, s.channel, lower(s.during) AS start, upper(s.during) AS "end", NULL::int AS seats_left
       FROM slot s
       WHERE s.status = 'open' AND s.activity_codes && ${query.slotActivityCodes}::text[] AND s.channel = ANY(${query.channels}::text[])
         AND ((s.channel = 'in-person' AND s.office_id = ANY(${query.inPersonOfficeIds}::uuid[]))
              OR (s.channel <> 'in-person' AND s.office_id = ANY(${query.remoteOfficeIds}::uuid[])))
         AND s.during <@ ${window}
         AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id AND b.status <> 'cancelled')
         AND NOT EXISTS (SELECT 1 FROM busy WHERE busy.during && s.during)
       ORDER BY lower(s.during) LIMIT ${query.limit})
      UNION ALL
      (SELECT 'session', s.id, s.office_id, NULL, 'in-person', lower(s.during), upper(s.during), s.capacity - s.booked
       FROM session s
       WHERE s.status = 'scheduled' AND s.activity_code = ${query.activityCode} AND s.booked < s.capacity AND 'in-person' = ANY(${query.channels}::text[])
         AND s.office_id = ANY(${query.inPersonOfficeIds}::uuid[]) AND s.during <@ ${window}
         AND NOT EXISTS (SELECT 1 FROM busy WHERE busy.during && s.during)
         AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.session_id = s.id AND b.member_id = ${query.memberId} AND b.status <> 'cancelled')
       ORDER BY lower(s.during) LIMIT ${query.limit})`.execute(kysely(this.dataSource));
    return rows;
  }

  /**
   * Full sessions of the activity in [from, to) at offices within reach: the member can join their waiting
   * list. With the member's place in line where they are already waiting.
   */
  async findFullSessions(
    query: Pick<AvailabilityQuery, 'memberId' | 'activityCode' | 'from' | 'to' | 'inPersonOfficeIds' | 'limit'>,
  ): Promise<FullSession[]> {
    const { rows } = await sql<FullSession>`
      SELECT s.id, s.office_id, lower(s.during) AS start, upper(s.during) AS "end", s.capacity,
             (SELECT w.position::int FROM (SELECT member_id, row_number() OVER (ORDER BY created_at, id) AS position
                                           FROM waitlist_entry WHERE session_id = s.id AND status = 'waiting') w
              WHERE w.member_id = ${query.memberId}) AS waitlist_position
      FROM session s
      WHERE s.status = 'scheduled' AND s.activity_code = ${query.activityCode} AND s.booked >= s.capacity
        AND s.office_id = ANY(${query.inPersonOfficeIds}::uuid[])
        AND s.during <@ ${tstzrange(query.from, query.to)}
        AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.session_id = s.id AND b.member_id = ${query.memberId} AND b.status <> 'cancelled')
      ORDER BY lower(s.during) LIMIT ${query.limit}`.execute(kysely(this.dataSource));
    return rows;
  }

  /** The adviser or job consultant the member met for these activities, most recent first (continuity). */
  async continuityStaff(memberId: string, activityCodes: string[]): Promise<string[]> {
    if (activityCodes.length === 0) return [];
    const rows = await kysely(this.dataSource)
      .selectFrom('booking as b')
      .innerJoin('slot as s', 's.id', 'b.slotId')
      .select('s.staffId')
      .where('b.memberId', '=', memberId)
      .where('b.activityCode', 'in', activityCodes)
      .where('b.status', 'in', ['booked', 'attended'])
      .orderBy((eb) => eb.fn('lower', ['b.during']), 'desc')
      .execute();
    return [...new Set(rows.map((row) => row.staffId))];
  }
}
