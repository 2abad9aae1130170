import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

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
  findOptions(query: AvailabilityQuery): Promise<AvailabilityOption[]> {
    return this.dataSource.query(
      `WITH busy AS (SELECT during FROM booking WHERE member_id = $1 AND status = 'booked' AND id IS DISTINCT FROM $10::uuid)
       (SELECT 'slot' AS kind, s.id, s.office_id AS "officeId", s.staff_id AS "staffId", s.channel,
               lower(s.during) AS start, upper(s.during) AS "end", NULL::int AS "seatsLeft"
        FROM slot s
        WHERE s.status = 'open' AND s.activity_codes && $9::text[] AND s.channel = ANY($5::text[])
          AND ((s.channel = 'in-person' AND s.office_id = ANY($6::uuid[])) OR (s.channel <> 'in-person' AND s.office_id = ANY($7::uuid[])))
          AND s.during <@ tstzrange($3, $4, '[)')
          AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id AND b.status <> 'cancelled')
          AND NOT EXISTS (SELECT 1 FROM busy WHERE busy.during && s.during)
        ORDER BY lower(s.during) LIMIT $8)
       UNION ALL
       (SELECT 'session', s.id, s.office_id, NULL, 'in-person', lower(s.during), upper(s.during), s.capacity - s.booked
        FROM session s
        WHERE s.status = 'scheduled' AND s.activity_code = $2 AND s.booked < s.capacity AND 'in-person' = ANY($5::text[])
          AND s.office_id = ANY($6::uuid[]) AND s.during <@ tstzrange($3, $4, '[)')
          AND NOT EXISTS (SELECT 1 FROM busy WHERE busy.during && s.during)
          AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.session_id = s.id AND b.member_id = $1 AND b.status <> 'cancelled')
        ORDER BY lower(s.during) LIMIT $8)`,
      [query.memberId, query.activityCode, query.from, query.to, query.channels, query.inPersonOfficeIds, query.remoteOfficeIds, query.limit, query.slotActivityCodes, query.movingBookingId ?? null],
    );
  }

  /**
   * Full sessions of the activity in [from, to) at offices within reach: the member can join their waiting
   * list. With the member's place in line where they are already waiting.
   */
  findFullSessions(query: Pick<AvailabilityQuery, 'memberId' | 'activityCode' | 'from' | 'to' | 'inPersonOfficeIds' | 'limit'>): Promise<FullSession[]> {
    return this.dataSource.query(
      `SELECT s.id, s.office_id AS "officeId", lower(s.during) AS start, upper(s.during) AS "end", s.capacity,
              (SELECT w.position::int FROM (SELECT member_id, row_number() OVER (ORDER BY created_at, id) AS position
                                            FROM waitlist_entry WHERE session_id = s.id AND status = 'waiting') w
               WHERE w.member_id = $1) AS "waitlistPosition"
       FROM session s
       WHERE s.status = 'scheduled' AND s.activity_code = $2 AND s.booked >= s.capacity AND s.office_id = ANY($5::uuid[])
         AND s.during <@ tstzrange($3, $4, '[)')
         AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.session_id = s.id AND b.member_id = $1 AND b.status <> 'cancelled')
       ORDER BY lower(s.during) LIMIT $6`,
      [query.memberId, query.activityCode, query.from, query.to, query.inPersonOfficeIds, query.limit],
    );
  }

  /** The adviser or job consultant the member met for these activities, most recent first (continuity). */
  async continuityStaff(memberId: string, activityCodes: string[]): Promise<string[]> {
    const rows: { staffId: string }[] = await this.dataSource.query(
      `SELECT s.staff_id AS "staffId" FROM booking b JOIN slot s ON s.id = b.slot_id
       WHERE b.member_id = $1 AND b.activity_code = ANY($2::text[]) AND b.status IN ('booked', 'attended')
       ORDER BY lower(b.during) DESC`,
      [memberId, activityCodes],
    );
    return [...new Set(rows.map((row) => row.staffId))];
  }
}
