import type { MigrationInterface, QueryRunner } from 'typeorm';

type Lang = 'da' | 'en';
interface TemplateText {
  subject: string;
  /** Inbox and e-mail body: may use every placeholder. */
  body: string;
  /** Push and SMS: activity, time and office only. */
  short: string;
}

// Templates are data: a coordinator can reword them with an UPDATE, no deploy. Placeholders: {{activity}},
// {{time}} (the appointment, or the booking deadline for book-now), {{office}}, {{address}}, {{reason}}, {{link}}.
const TEMPLATES: Record<string, Record<Lang, TemplateText>> = {
  'booking-confirmed': {
    da: {
      subject: 'Bekræftelse: {{activity}} {{time}}',
      body: 'Du er booket til {{activity}} {{time}} hos {{office}}.\n{{address}}\n\nSe eller flyt din booking: {{link}}',
      short: 'Booket: {{activity}} {{time}}, {{office}}',
    },
    en: {
      subject: 'Confirmed: {{activity}} {{time}}',
      body: 'You are booked for {{activity}} {{time}} at {{office}}.\n{{address}}\n\nSee or move your booking: {{link}}',
      short: 'Booked: {{activity}} {{time}}, {{office}}',
    },
  },
  'booking-rescheduled': {
    da: {
      subject: 'Flyttet: {{activity}} er nu {{time}}',
      body: 'Din booking til {{activity}} er flyttet til {{time}} hos {{office}}.\n{{address}}\n\nSe din booking: {{link}}',
      short: 'Flyttet: {{activity}} nu {{time}}, {{office}}',
    },
    en: {
      subject: 'Moved: {{activity}} is now {{time}}',
      body: 'Your booking for {{activity}} has moved to {{time}} at {{office}}.\n{{address}}\n\nSee your booking: {{link}}',
      short: 'Moved: {{activity}} now {{time}}, {{office}}',
    },
  },
  'booking-cancelled': {
    da: {
      subject: 'Aflyst: {{activity}} {{time}}',
      body: 'Din booking til {{activity}} {{time}} hos {{office}} er aflyst.\n\nBook en ny tid: {{link}}',
      short: 'Aflyst: {{activity}} {{time}}, {{office}}',
    },
    en: {
      subject: 'Cancelled: {{activity}} {{time}}',
      body: 'Your booking for {{activity}} {{time}} at {{office}} has been cancelled.\n\nBook a new time: {{link}}',
      short: 'Cancelled: {{activity}} {{time}}, {{office}}',
    },
  },
  'booking-cancelled-by-office': {
    da: {
      subject: 'Kontoret har aflyst {{activity}} {{time}}',
      body: '{{office}} har aflyst {{activity}} {{time}}.\nBegrundelse: {{reason}}\n\nBook en ny tid: {{link}}',
      short: 'Aflyst af kontoret: {{activity}} {{time}}, {{office}}',
    },
    en: {
      subject: 'The office cancelled {{activity}} {{time}}',
      body: '{{office}} has cancelled {{activity}} {{time}}.\nReason: {{reason}}\n\nBook a new time: {{link}}',
      short: 'Cancelled by the office: {{activity}} {{time}}, {{office}}',
    },
  },
  'session-moved': {
    da: {
      subject: '{{activity}} er flyttet til {{time}}',
      body: '{{office}} har flyttet {{activity}} til {{time}}.\n{{address}}\n\nSe din booking: {{link}}',
      short: 'Flyttet af kontoret: {{activity}} {{time}}, {{office}}',
    },
    en: {
      subject: '{{activity}} has moved to {{time}}',
      body: '{{office}} has moved {{activity}} to {{time}}.\n{{address}}\n\nSee your booking: {{link}}',
      short: 'Moved by the office: {{activity}} {{time}}, {{office}}',
    },
  },
  'waitlist-promoted': {
    da: {
      subject: 'Du har fået en plads: {{activity}} {{time}}',
      body: 'Der er blevet en plads ledig, og du er booket til {{activity}} {{time}} hos {{office}}.\n{{address}}\n\nSe din booking: {{link}}',
      short: 'Du har fået en plads: {{activity}} {{time}}, {{office}}',
    },
    en: {
      subject: 'You got a seat: {{activity}} {{time}}',
      body: 'A seat became free and you are booked for {{activity}} {{time}} at {{office}}.\n{{address}}\n\nSee your booking: {{link}}',
      short: 'You got a seat: {{activity}} {{time}}, {{office}}',
    },
  },
  reminder: {
    da: {
      subject: 'Påmindelse: {{activity}} {{time}}',
      body: 'Husk {{activity}} {{time}} hos {{office}}.\n{{address}}\n\nKan du ikke komme? Flyt eller aflys: {{link}}',
      short: 'Påmindelse: {{activity}} {{time}}, {{office}}',
    },
    en: {
      subject: 'Reminder: {{activity}} {{time}}',
      body: 'Remember {{activity}} {{time}} at {{office}}.\n{{address}}\n\nCannot come? Move or cancel: {{link}}',
      short: 'Reminder: {{activity}} {{time}}, {{office}}',
    },
  },
  'book-now-open': {
    da: {
      subject: 'Book din {{activity}} senest {{time}}',
      body: 'Nu kan du booke {{activity}}. Book senest {{time}}.\n\nBook her: {{link}}',
      short: 'Book {{activity}} senest {{time}}',
    },
    en: {
      subject: 'Book your {{activity}} by {{time}}',
      body: 'You can now book {{activity}}. Book by {{time}}.\n\nBook here: {{link}}',
      short: 'Book {{activity}} by {{time}}',
    },
  },
  'book-now-closing': {
    da: {
      subject: 'Husk at booke {{activity}} senest {{time}}',
      body: 'Du har endnu ikke booket {{activity}}. Fristen er {{time}}.\n\nBook her: {{link}}',
      short: 'Husk at booke {{activity}} senest {{time}}',
    },
    en: {
      subject: 'Remember to book {{activity}} by {{time}}',
      body: 'You have not booked {{activity}} yet. The deadline is {{time}}.\n\nBook here: {{link}}',
      short: 'Remember to book {{activity}} by {{time}}',
    },
  },
};

/**
 * Messages to members, decided in the same transaction as the change that causes them (the outbox):
 * - `message`: one row per event × member × channel (the unique key makes a decision idempotent, so a
 *   scheduler run repeated after a crash adds nothing); its status walks pending → queued → sending →
 *   sent | retrying | dead | skipped. The inbox channel is delivered the moment it commits.
 * - `message_delivery`: the delivery log, one row per step with the provider's answer.
 * - `message_template`: the texts, per event × channel × language. Push and SMS texts may name only the
 *   activity, the time and the office (a CHECK), so nothing else ever reaches a lock screen.
 * - `message_preference`: a member's channels, reminder hours and language (absent: the defaults).
 */
export class MessagingSchema1765300000000 implements MigrationInterface {
  name = 'MessagingSchema1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE message_template (
        event text NOT NULL,
        channel text NOT NULL,
        language text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event, channel, language),
        CONSTRAINT ck_message_template_channel CHECK (channel IN ('inbox', 'email', 'sms', 'push')),
        CONSTRAINT ck_message_template_language CHECK (language IN ('da', 'en')),
        CONSTRAINT ck_message_template_short_fields CHECK (channel IN ('inbox', 'email')
          OR (regexp_replace(subject || body, '\\{\\{(activity|time|office)\\}\\}', '', 'g') !~ '\\{\\{'))
      )`);
    await db.query(`
      CREATE TABLE message_preference (
        member_id uuid PRIMARY KEY REFERENCES member (id) ON DELETE CASCADE,
        channels text[] NOT NULL DEFAULT '{email,sms,push}',
        reminder_hours integer[] NOT NULL DEFAULT '{24,2}',
        language text NOT NULL DEFAULT 'da',
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_message_preference_channels CHECK (channels <@ ARRAY['email', 'sms', 'push']),
        CONSTRAINT ck_message_preference_hours CHECK (reminder_hours <@ ARRAY[1, 2, 3, 4, 6, 12, 24, 48, 72] AND cardinality(reminder_hours) <= 3),
        CONSTRAINT ck_message_preference_language CHECK (language IN ('da', 'en'))
      )`);
    await db.query(`
      CREATE TABLE message (
        id bigserial PRIMARY KEY,
        event text NOT NULL,
        event_key text NOT NULL,
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        channel text NOT NULL,
        language text NOT NULL,
        office_id uuid REFERENCES office (id),
        booking_id uuid REFERENCES booking (id) ON DELETE SET NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        not_before timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        queued_at timestamptz,
        sent_at timestamptz,
        read_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_message_key UNIQUE (event_key, member_id, channel),
        CONSTRAINT ck_message_channel CHECK (channel IN ('inbox', 'email', 'sms', 'push')),
        CONSTRAINT ck_message_status CHECK (status IN ('pending', 'queued', 'sending', 'sent', 'retrying', 'dead', 'skipped')),
        CONSTRAINT ck_message_inbox_sent CHECK (channel <> 'inbox' OR status = 'sent')
      )`);
    await db.query(`CREATE INDEX ix_message_due ON message (not_before, id) WHERE status = 'pending'`);
    await db.query(
      `CREATE INDEX ix_message_in_flight ON message (queued_at) WHERE status IN ('queued', 'sending', 'retrying')`,
    );
    await db.query(`CREATE INDEX ix_message_member ON message (member_id, created_at)`);
    await db.query(`CREATE INDEX ix_message_office_day ON message (office_id, created_at)`);
    await db.query(`CREATE INDEX ix_message_booking ON message (booking_id) WHERE booking_id IS NOT NULL`);
    await db.query(`
      CREATE TABLE message_delivery (
        id bigserial PRIMARY KEY,
        message_id bigint NOT NULL REFERENCES message (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        state text NOT NULL,
        detail text,
        CONSTRAINT ck_message_delivery_state CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'dead', 'skipped', 'deferred'))
      )`);
    await db.query(`CREATE INDEX ix_message_delivery_message ON message_delivery (message_id, at)`);
    // The scheduler's scans: live bookings by start, open items by window.
    await db.query(`CREATE INDEX ix_booking_live_start ON booking (lower(during)) WHERE status = 'booked'`);
    await db.query(
      `CREATE INDEX ix_programme_item_open_window_start ON programme_item (window_start) WHERE status = 'open'`,
    );
    await db.query(
      `CREATE INDEX ix_programme_item_open_window_end ON programme_item (window_end) WHERE status = 'open'`,
    );
    await db.query(`
      CREATE TABLE push_subscription (
        id bigserial PRIMARY KEY,
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        endpoint text NOT NULL,
        -- The subscription's keys (RFC 8291): p256dh public key and auth secret, base64url.
        public_key text NOT NULL,
        auth_secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_push_subscription_endpoint UNIQUE (endpoint)
      )`);
    await db.query(`CREATE INDEX ix_push_subscription_member ON push_subscription (member_id)`);
    // The key that signs unsubscribe links (HMAC-SHA256): random per installation, replaced to void every link.
    await db.query(`
      CREATE TABLE message_link_key (
        id integer PRIMARY KEY DEFAULT 1,
        key text NOT NULL DEFAULT (replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')),
        CONSTRAINT ck_message_link_key_single CHECK (id = 1)
      )`);
    await db.query(`INSERT INTO message_link_key DEFAULT VALUES`);

    const rows: unknown[] = [];
    const values: string[] = [];
    for (const [event, languages] of Object.entries(TEMPLATES)) {
      for (const [language, text] of Object.entries(languages)) {
        for (const channel of ['inbox', 'email', 'sms', 'push']) {
          const short = channel === 'sms' || channel === 'push';
          const base = rows.length;
          values.push(`($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5})`);
          rows.push(event, channel, language, short ? '' : text.subject, short ? text.short : text.body);
        }
      }
    }
    await db.query(
      `INSERT INTO message_template (event, channel, language, subject, body) VALUES ${values.join(', ')}`,
      rows,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP INDEX IF EXISTS ix_booking_live_start, ix_programme_item_open_window_start, ix_programme_item_open_window_end`,
    );
    await db.query(
      `DROP TABLE IF EXISTS message_link_key, push_subscription, message_delivery, message, message_preference, message_template`,
    );
  }
}
