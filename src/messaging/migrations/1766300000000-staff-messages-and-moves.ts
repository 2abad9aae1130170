import type { MigrationInterface, QueryRunner } from 'typeorm';

type Lang = 'da' | 'en';

/**
 * Messages to staff and the remaining member events:
 * - `message` may be addressed to a staff member instead of a member (`staff_id`, exactly one of the two);
 *   staff messages are unique per event × staff member × channel, so a restarted scheduler adds nothing.
 * - `staff_message_preference`: a staff member's opt-in to the adviser's day (a morning e-mail of the day's
 *   appointments) and its language. Absent: no summary.
 * - Templates: `adviser-day` (e-mail; {{date}} and {{appointments}}, the day's list as lines of time, activity,
 *   office and room, never a member's name or number), `summons` (a red smiley's summons, booked), and
 *   `session-moved` now names the old time ({{previousTime}}) as well as the new one.
 */
const EMAIL_AND_INBOX: Record<string, Record<Lang, { subject: string; body: string; short?: string }>> = {
  'session-moved': {
    da: {
      subject: '{{activity}} er flyttet til {{time}}',
      body: '{{office}} har flyttet {{activity}} fra {{previousTime}} til {{time}}.\n{{address}}\n\nSe din booking: {{link}}',
    },
    en: {
      subject: '{{activity}} has moved to {{time}}',
      body: '{{office}} has moved {{activity}} from {{previousTime}} to {{time}}.\n{{address}}\n\nSee your booking: {{link}}',
    },
  },
  summons: {
    da: {
      subject: 'Indkaldelse: {{activity}} {{time}}',
      body: 'Du er indkaldt til {{activity}} {{time}} hos {{office}}.\n{{address}}\n\nMødet er en betingelse for dine dagpenge. Kan du ikke komme, så kontakt os: {{link}}',
      short: 'Indkaldelse: {{activity}} {{time}}, {{office}}',
    },
    en: {
      subject: 'Summons: {{activity}} {{time}}',
      body: 'You are summoned to {{activity}} {{time}} at {{office}}.\n{{address}}\n\nAttending is a condition of your benefit. If you cannot come, contact us: {{link}}',
      short: 'Summons: {{activity}} {{time}}, {{office}}',
    },
  },
};

const ADVISER_DAY: Record<Lang, { subject: string; body: string }> = {
  da: {
    subject: 'Din dag {{date}}',
    body: 'Godmorgen. Dine aftaler {{date}}:\n\n{{appointments}}\n\nSe dagen i kalenderen: {{link}}',
  },
  en: {
    subject: 'Your day {{date}}',
    body: 'Good morning. Your appointments on {{date}}:\n\n{{appointments}}\n\nSee the day in the calendar: {{link}}',
  },
};

export class StaffMessagesAndMoves1766300000000 implements MigrationInterface {
  name = 'StaffMessagesAndMoves1766300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE message ALTER COLUMN member_id DROP NOT NULL`);
    await db.query(`ALTER TABLE message ADD COLUMN staff_id uuid REFERENCES staff (id) ON DELETE CASCADE`);
    await db.query(
      `ALTER TABLE message ADD CONSTRAINT ck_message_recipient CHECK ((member_id IS NULL) <> (staff_id IS NULL))`,
    );
    await db.query(
      `CREATE UNIQUE INDEX uq_message_staff_key ON message (event_key, staff_id, channel) WHERE staff_id IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE staff_message_preference (
        staff_id uuid PRIMARY KEY REFERENCES staff (id) ON DELETE CASCADE,
        adviser_day boolean NOT NULL DEFAULT false,
        language text NOT NULL DEFAULT 'da',
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_staff_message_preference_language CHECK (language IN ('da', 'en'))
      )`);
    // The adviser's day reads who opted in, then their live commitments of the day.
    await db.query(
      `CREATE INDEX ix_staff_message_preference_adviser_day ON staff_message_preference (staff_id) WHERE adviser_day`,
    );

    for (const [event, languages] of Object.entries(EMAIL_AND_INBOX)) {
      for (const [language, text] of Object.entries(languages)) {
        for (const channel of ['inbox', 'email', 'sms', 'push']) {
          const short = channel === 'sms' || channel === 'push';
          if (short && !text.short) continue;
          await db.query(
            `INSERT INTO message_template (event, channel, language, subject, body) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (event, channel, language) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body, updated_at = now()`,
            [event, channel, language, short ? '' : text.subject, short ? text.short : text.body],
          );
        }
      }
    }
    for (const [language, text] of Object.entries(ADVISER_DAY)) {
      await db.query(
        `INSERT INTO message_template (event, channel, language, subject, body) VALUES ('adviser-day', 'email', $1, $2, $3)`,
        [language, text.subject, text.body],
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM message_template WHERE event IN ('adviser-day', 'summons')`);
    await db.query(`DELETE FROM message WHERE staff_id IS NOT NULL`);
    await db.query(`DROP TABLE IF EXISTS staff_message_preference`);
    await db.query(`DROP INDEX IF EXISTS uq_message_staff_key`);
    await db.query(`ALTER TABLE message DROP CONSTRAINT IF EXISTS ck_message_recipient`);
    await db.query(`ALTER TABLE message DROP COLUMN IF EXISTS staff_id`);
    await db.query(`ALTER TABLE message ALTER COLUMN member_id SET NOT NULL`);
  }
}
