import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { kysely } from '../../common/database/kysely.js';
import { given, tstzrange } from '../../common/database/sql-fragments.js';

export interface KpiCounts {
  officeId: string | null;
  officeCode: string | null;
  officeName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  itemsDue: number;
  itemsHeldInWindow: number;
  itemsHeldInWindowShare: number | null;
  firstMeetingsDue: number;
  firstMeetingsOnTime: number;
  firstMeetingsOnTimeShare: number | null;
  activeMembers: number;
  jobMeetings: number;
  jobMeetingsPerMember: number | null;
  bookings: number;
  attended: number;
  noShows: number;
  noShowRate: number | null;
  waitlistLength: number;
  publishedSlotMinutes: number;
  bookedSlotMinutes: number;
  slotMinutesUsedShare: number | null;
  sessionSeats: number;
  sessionSeatsBooked: number;
  sessionSeatsUsedShare: number | null;
}

export interface KpiParameters {
  start: Date;
  end: Date;
  firstDay: string;
  lastDay: string;
  /** Waiting lists are counted as they stood at this instant: the month's end, or now for the running month. */
  waitlistAt: Date;
  departmentId: string | null;
  firstMeeting: { activityCode: string; withinDays: number; channel: string };
}

const ratio = (numerator: string, denominator: string) =>
  sql.raw(`round(${numerator}::numeric / NULLIF(${denominator}, 0), 4)::float8`);

/**
 * Every figure is counted in PostgreSQL, one row per office plus the total (GROUPING SETS), ratios of
 * the summed counts. Programme items, first meetings, job meetings and active members belong to the
 * member's home office; bookings, no-shows, waiting lists and published capacity to the office that
 * holds them. Waived items (the programme closed) and optional items are not owed, nor is a first meeting
 * to a member referred before its deadline; a member is active in the month from the first day of
 * unemployment until referral, closure or erasure.
 */
function kpiQuery(p: KpiParameters) {
  return sql<KpiCounts>`
  WITH offices AS (
    SELECT o.id, o.code, o.name, o.department_id, d.name AS department_name
    FROM office o JOIN department d ON d.id = o.department_id
    WHERE (${p.departmentId}::uuid IS NULL OR o.department_id = ${p.departmentId})
  ),
  items AS (
    SELECT m.home_office_id AS office_id, count(*) AS due,
           count(*) FILTER (WHERE i.status = 'done' AND EXISTS (
             SELECT 1 FROM booking b WHERE b.programme_item_id = i.id AND b.status = 'attended'
               AND lower(b.during) >= i.window_start AND upper(b.during) <= i.window_end)) AS held
    FROM programme_item i JOIN member m ON m.id = i.member_id
    WHERE i.window_end > ${p.start} AND i.window_end <= ${p.end} AND i.required AND i.status <> 'waived'
    GROUP BY 1
  ),
  first_meetings AS (
    SELECT m.home_office_id AS office_id, count(*) AS due,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM booking b WHERE b.member_id = m.id AND b.activity_code = ${p.firstMeeting.activityCode} AND b.status = 'attended' AND b.channel = ${p.firstMeeting.channel}
               AND lower(b.during) < (m.first_unemployment_day + ${p.firstMeeting.withinDays}::int)::timestamp AT TIME ZONE 'Europe/Copenhagen')) AS held
    FROM member m
    WHERE m.first_unemployment_day + (${p.firstMeeting.withinDays}::int - 1) BETWEEN ${p.firstDay}::date AND ${p.lastDay}::date
      AND (m.referred_at IS NULL OR m.referred_at >= (m.first_unemployment_day + ${p.firstMeeting.withinDays}::int)::timestamp AT TIME ZONE 'Europe/Copenhagen')
    GROUP BY 1
  ),
  active AS (
    SELECT m.home_office_id AS office_id, count(*) AS members
    FROM member m
    CROSS JOIN LATERAL (SELECT COALESCE(m.referred_at, CASE m.status WHEN 'closed' THEN m.updated_at WHEN 'erased' THEN m.erased_at END) AS left_at) l
    WHERE m.first_unemployment_day <= ${p.lastDay}::date AND (l.left_at IS NULL OR l.left_at >= ${p.start})
    GROUP BY 1
  ),
  job_meetings AS (
    SELECT m.home_office_id AS office_id, count(*) AS meetings
    FROM booking b JOIN member m ON m.id = b.member_id JOIN activity_type a ON a.code = b.activity_code
    WHERE a.counts_as_job_meeting AND b.status = 'attended'
      AND b.during && tstzrange(${p.start}, ${p.end}, '[)') AND lower(b.during) >= ${p.start} AND lower(b.during) < ${p.end}
    GROUP BY 1
  ),
  held_bookings AS (
    SELECT b.office_id, count(*) FILTER (WHERE b.status <> 'cancelled') AS bookings,
           count(*) FILTER (WHERE b.status = 'attended') AS attended, count(*) FILTER (WHERE b.status = 'no-show') AS no_shows
    FROM booking b
    WHERE b.during && tstzrange(${p.start}, ${p.end}, '[)') AND lower(b.during) >= ${p.start} AND lower(b.during) < ${p.end}
    GROUP BY 1
  ),
  waiting AS (
    SELECT s.office_id, count(*) AS entries
    FROM waitlist_entry w JOIN session s ON s.id = w.session_id
    WHERE w.created_at < ${p.waitlistAt} AND (w.status = 'waiting' OR w.updated_at >= ${p.waitlistAt}) AND lower(s.during) >= ${p.waitlistAt}
    GROUP BY 1
  ),
  published_slots AS (
    SELECT s.office_id, sum(minutes) AS published,
           sum(minutes) FILTER (WHERE EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id AND b.status <> 'cancelled')) AS booked
    FROM slot s CROSS JOIN LATERAL (SELECT round(extract(epoch FROM upper(s.during) - lower(s.during)) / 60) AS minutes) d
    WHERE s.status = 'open' AND s.during && tstzrange(${p.start}, ${p.end}, '[)') AND lower(s.during) >= ${p.start} AND lower(s.during) < ${p.end}
    GROUP BY 1
  ),
  sessions AS (
    SELECT s.office_id, sum(s.capacity) AS seats,
           sum((SELECT count(*) FROM booking b WHERE b.session_id = s.id AND b.status <> 'cancelled')) AS seats_booked
    FROM session s
    WHERE s.status = 'scheduled' AND s.during && tstzrange(${p.start}, ${p.end}, '[)') AND lower(s.during) >= ${p.start} AND lower(s.during) < ${p.end}
    GROUP BY 1
  ),
  per_office AS (
    SELECT o.*,
           COALESCE(i.due, 0) AS items_due, COALESCE(i.held, 0) AS items_held,
           COALESCE(f.due, 0) AS first_due, COALESCE(f.held, 0) AS first_held,
           COALESCE(a.members, 0) AS active_members, COALESCE(j.meetings, 0) AS job_meetings,
           COALESCE(hb.bookings, 0) AS bookings, COALESCE(hb.attended, 0) AS attended, COALESCE(hb.no_shows, 0) AS no_shows,
           COALESCE(w.entries, 0) AS waiting,
           COALESCE(ps.published, 0) AS published_minutes, COALESCE(ps.booked, 0) AS booked_minutes,
           COALESCE(se.seats, 0) AS seats, COALESCE(se.seats_booked, 0) AS seats_booked
    FROM offices o
    LEFT JOIN items i ON i.office_id = o.id
    LEFT JOIN first_meetings f ON f.office_id = o.id
    LEFT JOIN active a ON a.office_id = o.id
    LEFT JOIN job_meetings j ON j.office_id = o.id
    LEFT JOIN held_bookings hb ON hb.office_id = o.id
    LEFT JOIN waiting w ON w.office_id = o.id
    LEFT JOIN published_slots ps ON ps.office_id = o.id
    LEFT JOIN sessions se ON se.office_id = o.id
  ),
  summed AS (
    SELECT GROUPING(p.id) AS is_total, p.id, p.code, p.name, p.department_id, p.department_name,
           sum(items_due) AS items_due, sum(items_held) AS items_held, sum(first_due) AS first_due, sum(first_held) AS first_held,
           sum(active_members) AS active_members, sum(job_meetings) AS job_meetings,
           sum(bookings) AS bookings, sum(attended) AS attended, sum(no_shows) AS no_shows, sum(waiting) AS waiting,
           sum(published_minutes) AS published_minutes, sum(booked_minutes) AS booked_minutes,
           sum(seats) AS seats, sum(seats_booked) AS seats_booked
    FROM per_office p
    GROUP BY GROUPING SETS ((p.id, p.code, p.name, p.department_id, p.department_name), ())
  )
  SELECT id AS office_id, code AS office_code, name AS office_name, department_id, department_name,
         items_due::int AS items_due, items_held::int AS items_held_in_window, ${ratio('items_held', 'items_due')} AS items_held_in_window_share,
         first_due::int AS first_meetings_due, first_held::int AS first_meetings_on_time, ${ratio('first_held', 'first_due')} AS first_meetings_on_time_share,
         active_members::int AS active_members, job_meetings::int AS job_meetings, ${ratio('job_meetings', 'active_members')} AS job_meetings_per_member,
         bookings::int AS bookings, attended::int AS attended, no_shows::int AS no_shows, ${ratio('no_shows', 'attended + no_shows')} AS no_show_rate,
         waiting::int AS waitlist_length,
         published_minutes::int AS published_slot_minutes, booked_minutes::int AS booked_slot_minutes, ${ratio('booked_minutes', 'published_minutes')} AS slot_minutes_used_share,
         seats::int AS session_seats, seats_booked::int AS session_seats_booked, ${ratio('seats_booked', 'seats')} AS session_seats_used_share
  FROM summed
  ORDER BY is_total, department_name, name`;
}

@Injectable()
export class KpiRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Per office in scope, then the total (officeId null) last. */
  async counts(p: KpiParameters): Promise<KpiCounts[]> {
    return (await kpiQuery(p).execute(kysely(this.dataSource))).rows;
  }

  /** Live bookings held in the month per office and activity, plus per activity for the total (officeId null). */
  bookingsByActivity(
    p: Pick<KpiParameters, 'start' | 'end' | 'departmentId'>,
  ): Promise<{ officeId: string | null; activityCode: string; bookings: number }[]> {
    const lower = sql<Date>`lower(b.during)`;
    return kysely(this.dataSource)
      .selectFrom('booking as b')
      .innerJoin('office as o', 'o.id', 'b.officeId')
      .select(['b.officeId', 'b.activityCode', sql<number>`count(*)::int`.as('bookings')])
      .where('b.status', '<>', 'cancelled')
      .where('b.during', '&&', tstzrange(p.start, p.end))
      .where(lower, '>=', p.start)
      .where(lower, '<', p.end)
      .$if(given(p.departmentId), (q) => q.where('o.departmentId', '=', p.departmentId!))
      .groupBy(sql`GROUPING SETS ((b.office_id, b.activity_code), (b.activity_code))`)
      .execute();
  }

  async activityCodes(): Promise<string[]> {
    const rows = await kysely(this.dataSource).selectFrom('activityType').select('code').orderBy('code').execute();
    return rows.map((row) => row.code);
  }
}
