import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { kysely } from '../common/database/kysely.js';
import type { Queryable } from '../common/database/queryable.js';
import { given, json } from '../common/database/sql-fragments.js';
import type {
  ExternalChannel,
  Language,
  MessageChannel,
  MessageEvent,
  MessagePayload,
  MessageStatus,
} from './core/message-types.js';

export interface ClaimedMessage {
  id: string;
  event: MessageEvent;
  channel: MessageChannel;
  language: Language;
  payload: MessagePayload;
  /** Exactly one of memberId and staffId: a message to a member, or to a staff member (the adviser's day). */
  memberId: string | null;
  staffId: string | null;
  /** A staff recipient still active and still opted in to the adviser's day. */
  staffWantsAdviserDay: boolean | null;
  /** A staff recipient still active (null for a member). */
  staffActive: boolean | null;
  attempts: number;
  notBefore: Date;
  email: string | null;
  phone: string | null;
  subject: string | null;
  body: string | null;
  activityName: string | null;
  officeName: string | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
  bookingStatus: string | null;
  bookingStart: Date | null;
}

export interface InboxRow {
  id: string;
  event: MessageEvent;
  language: Language;
  payload: MessagePayload;
  createdAt: Date;
  readAt: Date | null;
  subject: string;
  body: string;
  activityName: string | null;
  officeName: string | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
}

export interface Preferences {
  channels: ExternalChannel[];
  reminderHours: number[];
  language: Language;
}

export type FinishedStatus = 'sent' | 'skipped' | 'dead' | 'retrying';
export type FinishedState = 'sent' | 'skipped' | 'dead' | 'failed';

/** One message's outcome as the worker records it; `attempts` is the claim's (see {@link MessagingRepository.finishMany}). */
export interface DeliveryResult {
  id: string;
  attempts: number;
  status: FinishedStatus;
  state: FinishedState;
  detail: string;
  retryInMs?: number;
}

export interface StaffPreferences {
  adviserDay: boolean;
  language: Language;
}

/** A member's message on any channel, as staff and the member see it (no text, no address). */
export interface MemberMessageRow {
  id: string;
  event: MessageEvent;
  channel: MessageChannel;
  status: MessageStatus;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
}

export interface DeadLetterRow {
  id: string;
  event: MessageEvent;
  channel: MessageChannel;
  memberId: string | null;
  officeId: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  failedAt: Date;
}

export interface MessagesPerDayRow {
  /** Copenhagen date. */
  day: string;
  channel: MessageChannel;
  sent: number;
  failed: number;
  skipped: number;
  inFlight: number;
}

export const DEFAULT_PREFERENCES: Preferences = {
  channels: ['email', 'sms', 'push'],
  reminderHours: [24, 2],
  language: 'da',
};

/** The activity's name in the message's language and the office's address (`msg`, `a` and `o` joined). */
const NAMES = sql`
  CASE WHEN msg.language = 'en' THEN a.name_en ELSE a.name_da END AS activity_name,
  o.name AS office_name, o.street, o.postcode, o.city`;

const NOW = sql<Date>`now()`;

@Injectable()
export class MessagingRepository {
  /** The scans skip what is already decided before building its rows (false: leave it to ON CONFLICT, as before; the benchmark compares). */
  scanSkipsDecided = true;

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * The relay's claim: due rows (new ones, and failed ones whose backoff has passed) become `queued` in one
   * statement, in batches of at most `batchSize[channel]` per channel, each batch with a job key of its own;
   * a new row's `queued` is logged (a retry's was, at its first claim). SKIP LOCKED lets relays run side by side.
   */
  async claimDue(
    now: Date,
    limit: number,
    batchSize: Record<ExternalChannel, number>,
  ): Promise<{ jobKey: string; channel: ExternalChannel; size: number }[]> {
    const { rows } = await sql<{ jobKey: string; channel: ExternalChannel; size: number }>`
      WITH due AS (
        SELECT id, channel, status FROM message WHERE status IN ('pending', 'retrying') AND not_before <= ${now} ORDER BY not_before, id LIMIT ${limit} FOR UPDATE SKIP LOCKED
      ), numbered AS (
        SELECT id, channel, status, (row_number() OVER (PARTITION BY channel ORDER BY id) - 1) / (${json(batchSize)}::jsonb ->> channel)::int AS part FROM due
      ), batches AS MATERIALIZED (
        SELECT channel, part, nextval('message_job_key_seq') AS job_key FROM (SELECT DISTINCT channel, part FROM numbered) b
      ), claimed AS (
        UPDATE message m SET status = 'queued', job_key = b.job_key, queued_at = now(), updated_at = now()
        FROM numbered n JOIN batches b ON b.channel = n.channel AND b.part = n.part
        WHERE m.id = n.id RETURNING m.id, m.channel, m.job_key, n.status AS was
      ), logged AS (
        INSERT INTO message_delivery (message_id, state) SELECT id, 'queued' FROM claimed WHERE was = 'pending'
      )
      SELECT job_key::text AS job_key, channel, count(*)::int AS size FROM claimed GROUP BY job_key, channel ORDER BY job_key`.execute(
      kysely(this.db),
    );
    return rows;
  }

  /**
   * Batches that should have a job running but have sat for `graceMs`: Redis lost the job, a relay died between
   * claim and enqueue, or a job ended before its killed predecessor's claim went stale.
   */
  async listInFlight(graceMs: number, limit: number): Promise<{ jobKey: string; channel: ExternalChannel }[]> {
    const rows = await kysely(this.db)
      .selectFrom('message')
      .select((eb) => [eb.cast<string>('jobKey', 'text').as('jobKey'), 'channel'])
      .distinct()
      // A literal, as ix_message_job_key's predicate is, so that every plan can use that partial index.
      .where(sql<boolean>`status IN ('queued', 'sending')`)
      .where('jobKey', 'is not', null)
      .where('updatedAt', '<', sql<Date>`now() - make_interval(secs => ${graceMs}::float8 / 1000)`)
      .orderBy(sql`1`)
      .limit(limit)
      .execute();
    return rows as { jobKey: string; channel: ExternalChannel }[];
  }

  /**
   * A job's claim of its batch in one statement, with everything needed to render the messages: its `queued`
   * rows, and its rows left `sending` for `staleMs` by a worker that died. A job that runs again after its
   * messages went out (a retried or duplicated job) finds nothing and sends nothing; two copies running at
   * once cannot both take a row (the UPDATE re-checks the status under the row lock).
   */
  async claimBatch(jobKey: string, staleMs: number): Promise<ClaimedMessage[]> {
    const { rows } = await sql<ClaimedMessage>`
      WITH claimed AS (
        UPDATE message SET status = 'sending', attempts = attempts + 1, updated_at = now()
        WHERE job_key = ${jobKey} AND (status = 'queued' OR (status = 'sending' AND updated_at < now() - make_interval(secs => ${staleMs}::float8 / 1000)))
        RETURNING *
      ), logged AS (
        INSERT INTO message_delivery (message_id, state, detail) SELECT id, 'sending', 'attempt ' || attempts FROM claimed
      )
      SELECT msg.id::text, msg.event, msg.channel, msg.language, msg.payload, msg.member_id, msg.staff_id,
             CASE WHEN msg.staff_id IS NOT NULL THEN coalesce(st.active AND sp.adviser_day, false) END AS staff_wants_adviser_day,
             st.active AS staff_active, msg.attempts,
             msg.not_before, coalesce(m.email, st.email) AS email, m.phone, t.subject, t.body, ${NAMES},
             b.status AS booking_status, lower(b.during) AS booking_start
      FROM claimed msg
      LEFT JOIN member m ON m.id = msg.member_id
      LEFT JOIN staff st ON st.id = msg.staff_id
      LEFT JOIN staff_message_preference sp ON sp.staff_id = msg.staff_id
      LEFT JOIN message_template t ON t.event = msg.event AND t.channel = msg.channel AND t.language = msg.language
      LEFT JOIN activity_type a ON a.code = msg.payload->>'activityCode'
      LEFT JOIN office o ON o.id = msg.office_id
      LEFT JOIN booking b ON b.id = msg.booking_id
      ORDER BY msg.id`.execute(kysely(this.db));
    return rows;
  }

  /**
   * The results of part of a batch in one statement: each message's status and its delivery-log row. A
   * `retrying` message waits `retryInMs` and then goes into a later batch. Only the claim that sent it
   * (`sending` at that attempt) may record it, so a worker whose claim was taken over cannot log a second result.
   */
  async finishMany(results: DeliveryResult[]): Promise<void> {
    // The id list too: the planner cannot see into the JSON and would scan the whole table.
    const ids = results.map((r) => r.id);
    const records = results.map((r) => ({
      id: r.id,
      attempts: r.attempts,
      status: r.status,
      state: r.state,
      detail: r.detail,
      retry_in_ms: r.retryInMs,
    }));
    await sql`
      WITH r AS (
        SELECT * FROM jsonb_to_recordset(${json(records)}::jsonb) AS r(id bigint, attempts int, status text, state text, detail text, retry_in_ms float8)
      ), done AS (
        UPDATE message m SET status = r.status, updated_at = now(), sent_at = CASE WHEN r.status = 'sent' THEN now() ELSE m.sent_at END,
               last_error = CASE WHEN r.state IN ('failed', 'dead') THEN r.detail ELSE m.last_error END,
               not_before = CASE WHEN r.status = 'retrying' THEN now() + make_interval(secs => coalesce(r.retry_in_ms, 0) / 1000) ELSE m.not_before END
        FROM r WHERE m.id = r.id AND m.id = ANY(${ids}::bigint[]) AND m.status = 'sending' AND m.attempts = r.attempts RETURNING m.id, r.state, r.detail
      )
      INSERT INTO message_delivery (message_id, state, detail) SELECT id, state, left(detail, 1000) FROM done`.execute(
      kysely(this.db),
    );
  }

  /** Quiet hours: back to pending until `until`; the relay takes it again then. */
  async defer(id: string, until: Date): Promise<void> {
    await sql`
      WITH done AS (UPDATE message SET status = 'pending', not_before = ${until}, updated_at = now() WHERE id = ${id} AND status = 'sending' RETURNING id)
      INSERT INTO message_delivery (message_id, state, detail)
      SELECT id, 'deferred', 'quiet hours until ' || to_char(${until}::timestamptz AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM-DD HH24:MI') FROM done`.execute(
      kysely(this.db),
    );
  }

  async listInbox(memberId: string, limit: number): Promise<InboxRow[]> {
    const rows = await kysely(this.db)
      .selectFrom('message as msg')
      .innerJoin('messageTemplate as t', (join) =>
        join.onRef('t.event', '=', 'msg.event').on('t.channel', '=', 'inbox').onRef('t.language', '=', 'msg.language'),
      )
      .leftJoin('activityType as a', (join) => join.on(sql<boolean>`a.code = msg.payload->>'activityCode'`))
      .leftJoin('office as o', 'o.id', 'msg.officeId')
      .select((eb) => [
        eb.cast<string>('msg.id', 'text').as('id'),
        'msg.event',
        'msg.language',
        'msg.payload',
        'msg.createdAt',
        'msg.readAt',
        't.subject',
        't.body',
        sql<string | null>`CASE WHEN msg.language = 'en' THEN a.name_en ELSE a.name_da END`.as('activityName'),
        'o.name as officeName',
        'o.street',
        'o.postcode',
        'o.city',
      ])
      .where('msg.memberId', '=', memberId)
      .where('msg.channel', '=', 'inbox')
      .orderBy('msg.createdAt', 'desc')
      .orderBy('msg.id', 'desc')
      .limit(limit)
      .execute();
    return rows as InboxRow[];
  }

  async markRead(memberId: string, id: string): Promise<boolean> {
    const rows = await kysely(this.db)
      .updateTable('message')
      .set({ readAt: sql<Date>`coalesce(read_at, now())` })
      .where('id', '=', id)
      .where('memberId', '=', memberId)
      .where('channel', '=', 'inbox')
      .returning('id')
      .execute();
    return rows.length > 0;
  }

  /** A member's messages on every channel with their delivery state (staff view, the member's own page). */
  async listMemberMessages(memberId: string, limit: number): Promise<MemberMessageRow[]> {
    const rows = await kysely(this.db)
      .selectFrom('message')
      .select((eb) => [
        eb.cast<string>('id', 'text').as('id'),
        'event',
        'channel',
        'status',
        'attempts',
        'createdAt',
        'sentAt',
        'lastError',
      ])
      .where('memberId', '=', memberId)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows as MemberMessageRow[];
  }

  async preferences(memberId: string, db: Queryable = this.db): Promise<Preferences> {
    const row = await kysely(db)
      .selectFrom('messagePreference')
      .select(['channels', 'reminderHours', 'language'])
      .where('memberId', '=', memberId)
      .executeTakeFirst();
    return (row as Preferences | undefined) ?? { ...DEFAULT_PREFERENCES };
  }

  async savePreferences(memberId: string, preferences: Preferences, db: Queryable = this.db): Promise<void> {
    await kysely(db)
      .insertInto('messagePreference')
      .values({
        memberId,
        channels: preferences.channels,
        reminderHours: preferences.reminderHours,
        language: preferences.language,
      })
      .onConflict((oc) =>
        oc.column('memberId').doUpdateSet((eb) => ({
          channels: eb.ref('excluded.channels'),
          reminderHours: eb.ref('excluded.reminderHours'),
          language: eb.ref('excluded.language'),
          updatedAt: NOW,
        })),
      )
      .execute();
  }

  /** Drops one channel (the unsubscribe link): later messages skip it; pending ones on it are skipped too. */
  async unsubscribe(memberId: string, channel: ExternalChannel): Promise<void> {
    await this.db.transaction(async (tx) => {
      const current = await this.preferences(memberId, tx);
      await this.savePreferences(memberId, { ...current, channels: current.channels.filter((c) => c !== channel) }, tx);
      await sql`
        WITH done AS (UPDATE message SET status = 'skipped', updated_at = now() WHERE member_id = ${memberId} AND channel = ${channel} AND status = 'pending' RETURNING id)
        INSERT INTO message_delivery (message_id, state, detail) SELECT id, 'skipped', 'unsubscribed' FROM done`.execute(
        kysely(tx),
      );
    });
  }

  memberDepartment(memberId: string): Promise<{ departmentId: string; status: string } | undefined> {
    return kysely(this.db)
      .selectFrom('member as m')
      .innerJoin('office as o', 'o.id', 'm.homeOfficeId')
      .select(['o.departmentId', 'm.status'])
      .where('m.id', '=', memberId)
      .executeTakeFirst();
  }

  memberContact(memberId: string): Promise<{ email: boolean; phone: boolean; push: boolean } | undefined> {
    return kysely(this.db)
      .selectFrom('member as m')
      .select((eb) => [
        eb('m.email', 'is not', null).$castTo<boolean>().as('email'),
        eb('m.phone', 'is not', null).$castTo<boolean>().as('phone'),
        eb
          .exists(
            eb.selectFrom('pushSubscription as p').select(eb.lit(1).as('one')).whereRef('p.memberId', '=', 'm.id'),
          )
          .$castTo<boolean>()
          .as('push'),
      ])
      .where('m.id', '=', memberId)
      .executeTakeFirst();
  }

  /** Dead letters: messages that used up their attempts, for coordinators (no text, no address). */
  async listDead(departmentId: string | undefined, limit: number): Promise<DeadLetterRow[]> {
    const rows = await kysely(this.db)
      .selectFrom('message as msg')
      .leftJoin('office as o', 'o.id', 'msg.officeId')
      .select((eb) => [
        eb.cast<string>('msg.id', 'text').as('id'),
        'msg.event',
        'msg.channel',
        'msg.memberId',
        'msg.officeId',
        'msg.attempts',
        'msg.lastError',
        'msg.createdAt',
        'msg.updatedAt as failedAt',
      ])
      .where('msg.status', '=', 'dead')
      .$if(given(departmentId), (qb) => qb.where('o.departmentId', '=', departmentId!))
      .orderBy('msg.updatedAt', 'desc')
      .limit(limit)
      .execute();
    return rows as DeadLetterRow[];
  }

  findMessageOffice(id: string): Promise<{ status: string; departmentId: string | null } | undefined> {
    return kysely(this.db)
      .selectFrom('message as msg')
      .leftJoin('office as o', 'o.id', 'msg.officeId')
      .select(['msg.status', 'o.departmentId'])
      .where('msg.id', '=', id)
      .executeTakeFirst();
  }

  /** A dead letter back to pending with fresh attempts. */
  async retryDead(id: string): Promise<boolean> {
    const { rows } = await sql<{ messageId: string }>`
      WITH done AS (UPDATE message SET status = 'pending', attempts = 0, not_before = now(), updated_at = now() WHERE id = ${id} AND status = 'dead' RETURNING id)
      INSERT INTO message_delivery (message_id, state, detail) SELECT id, 'queued', 'retried by a coordinator' FROM done RETURNING message_id`.execute(
      kysely(this.db),
    );
    return rows.length > 0;
  }

  /**
   * Reminders due at `now`: for each live booking, the nearest of the member's reminder hours whose time
   * has come (a scan that was down for a while sends one reminder, not every missed one), and none whose
   * time was before the booking was made or moved. Whole days count on the wall clock (a 24 h reminder
   * for 10:00 is at 10:00 the day before, whatever the clock change in between); other hours in real time.
   */
  async insertDueReminders(now: Date, db: Queryable = this.db): Promise<number> {
    const { rows } = await sql<{ id: string }>`
      WITH due AS (
        SELECT DISTINCT ON (b.id) b.id, b.member_id, b.office_id, b.activity_code, b.channel, lower(b.during) AS start, upper(b.during) AS end_at,
               h.hours, coalesce(p.language, 'da') AS language, coalesce(p.channels, '{email,sms,push}'::text[]) AS channels,
               m.email, m.phone, EXISTS (SELECT 1 FROM push_subscription ps WHERE ps.member_id = b.member_id) AS has_push
        FROM booking b
        JOIN member m ON m.id = b.member_id AND m.status = 'active'
        LEFT JOIN message_preference p ON p.member_id = b.member_id
        CROSS JOIN LATERAL unnest(coalesce(p.reminder_hours, '{24,2}'::int[])) AS h(hours)
        CROSS JOIN LATERAL (SELECT CASE WHEN h.hours % 24 = 0
                 THEN ((lower(b.during) AT TIME ZONE 'Europe/Copenhagen') - make_interval(days => h.hours / 24)) AT TIME ZONE 'Europe/Copenhagen'
                 ELSE lower(b.during) - make_interval(hours => h.hours) END AS at) d
        WHERE b.status = 'booked' AND lower(b.during) > ${now}::timestamptz AND lower(b.during) <= ${now}::timestamptz + interval '4 days'
          AND d.at <= ${now}::timestamptz AND d.at >= b.updated_at
        ORDER BY b.id, h.hours
      ), undecided AS (
        -- Every decision writes its inbox row with its other channels in one statement: a reminder whose inbox
        -- row exists is decided, so the scan every minute skips it before building its rows.
        SELECT * FROM due d
        WHERE NOT EXISTS (SELECT 1 FROM message x WHERE x.event_key = 'reminder:' || d.id || ':' || d.hours || 'h:' || extract(epoch FROM d.start)::bigint
                            AND x.member_id = d.member_id AND x.channel = 'inbox')
      )
      INSERT INTO message (event, event_key, member_id, channel, language, office_id, booking_id, payload, status, sent_at)
      SELECT 'reminder', 'reminder:' || d.id || ':' || d.hours || 'h:' || extract(epoch FROM d.start)::bigint, d.member_id, c.channel, d.language,
             d.office_id, d.id,
             jsonb_build_object('bookingId', d.id, 'activityCode', d.activity_code, 'officeId', d.office_id, 'meetingChannel', d.channel,
                                'start', d.start, 'end', d.end_at, 'hoursBefore', d.hours),
             CASE WHEN c.channel = 'inbox' THEN 'sent' ELSE 'pending' END, CASE WHEN c.channel = 'inbox' THEN now() END
      FROM ${sql.raw(this.scanSkipsDecided ? 'undecided' : 'due')} d CROSS JOIN LATERAL unnest('{inbox}'::text[] || d.channels) AS c(channel)
      WHERE c.channel = 'inbox' OR (c.channel = 'email' AND d.email IS NOT NULL) OR (c.channel = 'sms' AND d.phone IS NOT NULL) OR (c.channel = 'push' AND d.has_push)
      ON CONFLICT (event_key, member_id, channel) DO NOTHING
      RETURNING id`.execute(kysely(db));
    return rows.length;
  }

  /**
   * Book-now messages: when an open item's window has opened (in the last 14 days, so a first run does not
   * wake old items), and again when it closes before \`closingHorizon\` (N working days ahead) still unbooked.
   */
  async insertBookNow(now: Date, closingHorizon: Date, db: Queryable = this.db): Promise<number> {
    const at = sql<Date>`${now}::timestamptz`;
    const horizon = sql<Date>`${closingHorizon}::timestamptz`;
    // Decided already (its inbox row is written with the rest): skipped before its rows are built.
    const undecided = this.scanSkipsDecided
      ? sql`AND NOT EXISTS (SELECT 1 FROM message x WHERE x.event_key = e.event || ':' || i.id AND x.member_id = i.member_id AND x.channel = 'inbox')`
      : sql``;
    const { rows } = await sql<{ id: string }>`
      WITH due AS (
        SELECT i.id, i.member_id, i.activity_code, i.window_end, m.home_office_id, e.event,
               coalesce(p.language, 'da') AS language, coalesce(p.channels, '{email,sms,push}'::text[]) AS channels,
               m.email, m.phone, EXISTS (SELECT 1 FROM push_subscription ps WHERE ps.member_id = i.member_id) AS has_push
        FROM programme_item i
        JOIN member m ON m.id = i.member_id AND m.status = 'active'
        LEFT JOIN message_preference p ON p.member_id = i.member_id
        CROSS JOIN LATERAL (
          SELECT 'book-now-open' AS event WHERE i.window_start > ${at} - interval '14 days'
          UNION ALL SELECT 'book-now-closing' WHERE i.window_end <= ${horizon}
        ) e
        WHERE i.status = 'open' AND i.window_start <= ${at} AND i.window_end > ${at}
          AND (i.window_start > ${at} - interval '14 days' OR i.window_end <= ${horizon})
          ${undecided}
      )
      INSERT INTO message (event, event_key, member_id, channel, language, office_id, payload, status, sent_at)
      SELECT d.event, d.event || ':' || d.id, d.member_id, c.channel, d.language, d.home_office_id,
             jsonb_build_object('programmeItemId', d.id, 'activityCode', d.activity_code, 'officeId', d.home_office_id, 'bookBy', d.window_end),
             CASE WHEN c.channel = 'inbox' THEN 'sent' ELSE 'pending' END, CASE WHEN c.channel = 'inbox' THEN now() END
      FROM due d CROSS JOIN LATERAL unnest('{inbox}'::text[] || d.channels) AS c(channel)
      WHERE c.channel = 'inbox' OR (c.channel = 'email' AND d.email IS NOT NULL) OR (c.channel = 'sms' AND d.phone IS NOT NULL) OR (c.channel = 'push' AND d.has_push)
      ON CONFLICT (event_key, member_id, channel) DO NOTHING
      RETURNING id`.execute(kysely(db));
    return rows.length;
  }

  /** A staff member's own message settings (absent: no adviser's day, Danish). */
  async staffPreferences(staffId: string): Promise<StaffPreferences> {
    const row = await kysely(this.db)
      .selectFrom('staffMessagePreference')
      .select(['adviserDay', 'language'])
      .where('staffId', '=', staffId)
      .executeTakeFirst();
    return row ?? { adviserDay: false, language: 'da' };
  }

  async saveStaffPreferences(staffId: string, preferences: StaffPreferences): Promise<void> {
    await kysely(this.db)
      .insertInto('staffMessagePreference')
      .values({ staffId, adviserDay: preferences.adviserDay, language: preferences.language })
      .onConflict((oc) =>
        oc.column('staffId').doUpdateSet((eb) => ({
          adviserDay: eb.ref('excluded.adviserDay'),
          language: eb.ref('excluded.language'),
          updatedAt: NOW,
        })),
      )
      .execute();
  }

  findStaff(staffId: string): Promise<{ id: string; active: boolean } | undefined> {
    return kysely(this.db).selectFrom('staff').select(['id', 'active']).where('id', '=', staffId).executeTakeFirst();
  }

  /**
   * The adviser's day for the Copenhagen date `date` (from `dayStart` to `dayEnd`, 23 to 25 hours): one e-mail
   * per active staff member who opted in and has appointments that day (booked slots, scheduled sessions they
   * lead), listing time, activity, office and room. Unique per staff member × date, so a scan repeated (a
   * restarted scheduler, a second worker) adds nothing; no row at all on a day without appointments.
   */
  async insertAdviserDays(date: string, dayStart: Date, dayEnd: Date, db: Queryable = this.db): Promise<number> {
    const day = sql<string>`${date}::text`;
    const from = sql<Date>`${dayStart}::timestamptz`;
    const to = sql<Date>`${dayEnd}::timestamptz`;
    const { rows } = await sql<{ id: string }>`
      WITH opted AS (
        SELECT st.id, st.office_id, sp.language
        FROM staff_message_preference sp JOIN staff st ON st.id = sp.staff_id AND st.active
        WHERE sp.adviser_day
      ), appointments AS (
        SELECT o.id AS staff_id, lower(b.during) AS start, upper(b.during) AS end_at, b.activity_code, b.office_id, NULL::text AS room, 'slot' AS kind, NULL::int AS participants
        FROM opted o
        JOIN slot sl ON sl.staff_id = o.id AND sl.status = 'open' AND sl.during && tstzrange(${from}, ${to})
        JOIN booking b ON b.slot_id = sl.id AND b.status = 'booked'
        WHERE lower(b.during) >= ${from} AND lower(b.during) < ${to}
        UNION ALL
        SELECT o.id, lower(se.during), upper(se.during), se.activity_code, se.office_id, r.name, 'session', se.booked
        FROM opted o
        JOIN session_leader l ON l.staff_id = o.id
        JOIN session se ON se.id = l.session_id AND se.status = 'scheduled' AND lower(se.during) >= ${from} AND lower(se.during) < ${to}
        JOIN room r ON r.id = se.room_id
      )
      INSERT INTO message (event, event_key, staff_id, channel, language, office_id, payload)
      SELECT 'adviser-day', 'adviser-day:' || ${day}, o.id, 'email', o.language, o.office_id,
             jsonb_build_object('activityCode', 'adviser-day', 'date', ${day}, 'appointments',
               jsonb_agg(jsonb_strip_nulls(jsonb_build_object('start', a.start, 'end', a.end_at, 'activityCode', a.activity_code, 'officeId', a.office_id,
                                                              'room', a.room, 'kind', a.kind, 'participants', a.participants)) ORDER BY a.start))
      FROM appointments a JOIN opted o ON o.id = a.staff_id
      GROUP BY o.id, o.office_id, o.language
      ON CONFLICT (event_key, staff_id, channel) WHERE staff_id IS NOT NULL DO NOTHING
      RETURNING id`.execute(kysely(db));
    return rows.length;
  }

  /** Activity, office and staff names in one language, for the staff messages (their payloads hold only ids and codes). */
  async names(
    activityCodes: string[],
    officeIds: string[],
    language: Language,
    staffIds: string[] = [],
  ): Promise<{ activities: Map<string, string>; offices: Map<string, string>; staff: Map<string, string> }> {
    const k = kysely(this.db);
    const [activities, offices, staff] = await Promise.all([
      k
        .selectFrom('activityType')
        .select(['code', sql<string>`CASE WHEN ${language} = 'en' THEN name_en ELSE name_da END`.as('name')])
        .where((eb) => eb('code', '=', eb.fn.any(eb.val(activityCodes))))
        .execute(),
      k
        .selectFrom('office')
        .select(['id', 'name'])
        .where((eb) => eb('id', '=', eb.fn.any(sql<string[]>`${officeIds}::uuid[]`)))
        .execute(),
      staffIds.length === 0
        ? Promise.resolve([])
        : k
            .selectFrom('staff')
            .select(['id', 'name'])
            .where((eb) => eb('id', '=', eb.fn.any(sql<string[]>`${staffIds}::uuid[]`)))
            .execute(),
    ]);
    return {
      activities: new Map(activities.map((a) => [a.code, a.name])),
      offices: new Map(offices.map((o) => [o.id, o.name])),
      staff: new Map(staff.map((p) => [p.id, p.name])),
    };
  }

  officeDepartment(officeId: string): Promise<{ departmentId: string } | undefined> {
    return kysely(this.db).selectFrom('office').select('departmentId').where('id', '=', officeId).executeTakeFirst();
  }

  /** Messages decided per Copenhagen day and channel, by outcome. */
  async messagesPerDay(officeId: string, from: Date, to: Date): Promise<MessagesPerDayRow[]> {
    const count = (
      statuses: readonly ('sent' | 'dead' | 'skipped' | 'pending' | 'queued' | 'sending' | 'retrying')[],
    ) =>
      statuses.length === 1
        ? sql<number>`count(*) FILTER (WHERE status = ${sql.lit(statuses[0])})::int`
        : sql<number>`count(*) FILTER (WHERE status IN (${sql.join(statuses.map((s) => sql.lit(s)))}))::int`;
    const rows = await kysely(this.db)
      .selectFrom('message')
      .select([
        sql<string>`to_char(created_at AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM-DD')`.as('day'),
        'channel',
        count(['sent']).as('sent'),
        count(['dead']).as('failed'),
        count(['skipped']).as('skipped'),
        count(['pending', 'queued', 'sending', 'retrying']).as('inFlight'),
      ])
      .where('officeId', '=', officeId)
      .where('createdAt', '>=', from)
      .where('createdAt', '<', to)
      .groupBy([sql`1`, sql`2`])
      .orderBy(sql`1`)
      .orderBy(sql`2`)
      .execute();
    return rows;
  }

  /** Held appointments (attended or no-show) starting in the period, split by whether a reminder reached the member outside the inbox. */
  async noShowsByReminder(
    officeId: string,
    from: Date,
    to: Date,
  ): Promise<{ reminded: boolean; appointments: number; noShows: number }[]> {
    const { rows } = await sql<{ reminded: boolean; appointments: number; noShows: number }>`
      SELECT r.reminded, count(*)::int AS appointments, count(*) FILTER (WHERE b.status = 'no-show')::int AS no_shows
      FROM booking b
      CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM message m WHERE m.booking_id = b.id AND m.event = 'reminder' AND m.channel <> 'inbox' AND m.status = 'sent') AS reminded) r
      WHERE b.office_id = ${officeId} AND lower(b.during) >= ${from} AND lower(b.during) < ${to} AND b.status IN ('attended', 'no-show')
      GROUP BY r.reminded`.execute(kysely(this.db));
    return rows;
  }

  deliveryLog(id: string): Promise<{ at: Date; state: string; detail: string | null }[]> {
    return kysely(this.db)
      .selectFrom('messageDelivery')
      .select(['at', 'state', 'detail'])
      .where('messageId', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }
}
