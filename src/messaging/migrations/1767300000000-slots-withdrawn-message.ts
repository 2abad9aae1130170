import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `slots-withdrawn`: the e-mail an optimiser apply sends when it withdraws unbooked published slots to give
 * their time to a group session. One per staff member per apply (the leader whose slots went, and the office
 * coordinators of the slots' departments), listing each withdrawn time and the session that took it
 * ({{withdrawals}}, lines of time, office, and for the coordinators whose slot it was).
 */
const TEMPLATES: Record<'da' | 'en', { subject: string; body: string }> = {
  da: {
    subject: 'Ledige tider trukket tilbage til gruppeforløb',
    body: 'Planlægningen har trukket ledige, ubookede tider tilbage, så tiden kan bruges til et gruppeforløb:\n\n{{withdrawals}}\n\nSe kalenderen: {{link}}',
  },
  en: {
    subject: 'Free times withdrawn for group sessions',
    body: 'Planning has withdrawn free, unbooked times so their time can go to a group session:\n\n{{withdrawals}}\n\nSee the calendar: {{link}}',
  },
};

export class SlotsWithdrawnMessage1767300000000 implements MigrationInterface {
  name = 'SlotsWithdrawnMessage1767300000000';

  async up(db: QueryRunner): Promise<void> {
    for (const [language, text] of Object.entries(TEMPLATES)) {
      await db.query(
        `INSERT INTO message_template (event, channel, language, subject, body) VALUES ('slots-withdrawn', 'email', $1, $2, $3)
         ON CONFLICT (event, channel, language) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body, updated_at = now()`,
        [language, text.subject, text.body],
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM message WHERE event = 'slots-withdrawn'`);
    await db.query(`DELETE FROM message_template WHERE event = 'slots-withdrawn'`);
  }
}
