import { BookingsService } from '../../src/booking/bookings/bookings.service.js';
import { CENTRAL, itemOf } from '../support/booking-factories.js';
import {
  bookFollowUp,
  messagesOf,
  publishFollowUpSlot,
  reachableMember,
  slotFixture,
  type SlotFixture,
} from '../support/messaging-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('messaging outbox', () => {
  let t: TestApp;
  let fixture: SlotFixture;

  beforeAll(async () => {
    t = await createTestApp();
    fixture = await slotFixture(t);
  });
  afterAll(() => t.close());

  it('decides a confirmation per channel in the booking transaction: inbox delivered, e-mail and SMS pending', async () => {
    const member = await reachableMember(t, fixture.office);
    const slot = await publishFollowUpSlot(t, fixture, 8);
    const booking = await bookFollowUp(t, member, slot.id);
    const rows = await messagesOf(t, member.id);
    expect(rows.map((r) => [r.event, r.channel, r.status])).toEqual([
      ['booking-confirmed', 'inbox', 'sent'],
      ['booking-confirmed', 'email', 'pending'],
      ['booking-confirmed', 'sms', 'pending'],
    ]);
    const [{ uid, sequence }] = await t.db.query(
      `SELECT ical_uid AS uid, ical_sequence AS sequence FROM booking WHERE id = $1`,
      [booking.id],
    );
    expect(rows[1].payload).toMatchObject({ bookingId: booking.id, activityCode: 'follow-up', uid, sequence });
    expect(JSON.stringify(rows[1].payload)).not.toMatch(/Testmedlem|@example\.org|\+45/);
  });

  it('a rolled-back booking leaves no message; a refused one neither', async () => {
    const member = await reachableMember(t, fixture.office);
    const slot = await publishFollowUpSlot(t, fixture, 9);
    const service = t.app.get(BookingsService);
    const request = { memberId: member.id, programmeItemId: itemOf(member, 'follow-up').id, slotId: slot.id };
    await expect(
      t.db.transaction(async (tx) => {
        await service.bookInTx(tx, CENTRAL, request);
        expect((await tx.query(`SELECT count(*)::int AS n FROM message WHERE member_id = $1`, [member.id]))[0].n).toBe(
          3,
        );
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await messagesOf(t, member.id)).toEqual([]);

    const other = await reachableMember(t, fixture.office);
    await bookFollowUp(t, other, slot.id);
    const refused = await t.http.post('/api/bookings').set(t.auth(CENTRAL)).send(request);
    expect(refused.status).toBe(409);
    expect(await messagesOf(t, member.id)).toEqual([]);
  });

  it('reschedule, member cancel and office cancel each get their own messages; channels follow the address book', async () => {
    const member = await reachableMember(t, fixture.office, { phone: null });
    const first = await publishFollowUpSlot(t, fixture, 10);
    const second = await publishFollowUpSlot(t, fixture, 11);
    const booking = await bookFollowUp(t, member, first.id);
    const asMember = t.auth({ role: 'member', subjectId: member.id });
    expect(
      (await t.http.post(`/api/bookings/${booking.id}/reschedule`).set(asMember).send({ slotId: second.id })).status,
    ).toBe(200);
    expect((await t.http.post(`/api/bookings/${booking.id}/cancel`).set(asMember).send({})).status).toBe(200);

    const again = await reachableMember(t, fixture.office, { email: null });
    const third = await publishFollowUpSlot(t, fixture, 12);
    await bookFollowUp(t, again, third.id);
    expect(
      (await t.http.delete(`/api/slots/${third.id}`).set(t.auth(CENTRAL)).send({ reason: 'Rådgiveren er syg' })).status,
    ).toBe(200);

    const events = (await messagesOf(t, member.id)).map((r) => `${r.event}/${r.channel}`);
    expect(events).toEqual([
      'booking-confirmed/inbox',
      'booking-confirmed/email',
      'booking-rescheduled/inbox',
      'booking-rescheduled/email',
      'booking-cancelled/inbox',
      'booking-cancelled/email',
    ]);
    const office = (await messagesOf(t, again.id)).filter((r) => r.event === 'booking-cancelled-by-office');
    expect(office.map((r) => r.channel)).toEqual(['inbox', 'sms']);
    expect(office[0].payload.reason).toBe('Rådgiveren er syg');
  });

  it('the inbox shows the messages rendered in the member’s language, and staff see (not change) the channels', async () => {
    const member = await reachableMember(t, fixture.office);
    const asMember = t.auth({ role: 'member', subjectId: member.id });
    const before = await t.http.get(`/api/members/${member.id}/message-preferences`).set(asMember);
    expect(before.body).toMatchObject({
      channels: ['email', 'sms', 'push'],
      reminderHours: [24, 2],
      language: 'da',
      active: ['email', 'sms'],
    });

    const slot = await publishFollowUpSlot(t, fixture, 13);
    const booking = await bookFollowUp(t, member, slot.id);
    const saved = await t.http
      .put(`/api/members/${member.id}/message-preferences`)
      .set(asMember)
      .send({ channels: ['email'], reminderHours: [48, 2], language: 'en' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      channels: ['email'],
      reminderHours: [48, 2],
      language: 'en',
      active: ['email'],
    });
    expect((await t.http.post(`/api/bookings/${booking.id}/cancel`).set(asMember).send({})).status).toBe(200);

    const inbox = await t.http.get(`/api/members/${member.id}/inbox`).set(asMember);
    expect(inbox.status).toBe(200);
    expect(inbox.body.map((m: { event: string }) => m.event)).toEqual(['booking-cancelled', 'booking-confirmed']);
    expect(inbox.body[0].subject).toMatch(/^Cancelled: /);
    expect(inbox.body[1].subject).toMatch(/^Bekræftelse: /);
    expect(inbox.body[1].text).toContain('kl. ');
    expect(inbox.body[1].text).toContain(`/member?booking=${booking.id}`);
    expect(
      (await messagesOf(t, member.id)).filter((r) => r.event === 'booking-cancelled').map((r) => r.channel),
    ).toEqual(['inbox', 'email']);

    const read = await t.http.post(`/api/members/${member.id}/inbox/${inbox.body[0].id}/read`).set(asMember);
    expect(read.status).toBe(204);
    expect((await t.http.get(`/api/members/${member.id}/inbox`).set(asMember)).body[0].readAt).not.toBeNull();
    // TypeORM's db.query answered an UPDATE with [rows, count], always two long: a message that is not the
    // member's (or none at all) was "marked read" with a 204. The typed query counts the rows it changed.
    const missing = await t.http.post(`/api/members/${member.id}/inbox/999999999999/read`).set(asMember);
    expect(missing.status).toBe(404);

    const staff = await t.http.get(`/api/members/${member.id}/message-preferences`).set(t.auth(CENTRAL));
    expect(staff.status).toBe(200);
    expect(staff.body.active).toEqual(['email']);
    const change = await t.http
      .put(`/api/members/${member.id}/message-preferences`)
      .set(t.auth(CENTRAL))
      .send({ channels: [], reminderHours: [], language: 'da' });
    expect(change.status).toBe(403);
    const other = await reachableMember(t, fixture.office);
    expect(
      (await t.http.get(`/api/members/${member.id}/inbox`).set(t.auth({ role: 'member', subjectId: other.id }))).status,
    ).toBe(404);
  });

  it('refuses bad preferences with a stable code', async () => {
    const member = await reachableMember(t, fixture.office);
    const response = await t.http
      .put(`/api/members/${member.id}/message-preferences`)
      .set(t.auth({ role: 'member', subjectId: member.id }))
      .send({ channels: ['fax'], reminderHours: [5], language: 'sv' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it('push and SMS templates cannot name more than activity, time and office', async () => {
    await expect(
      t.db.query(
        `UPDATE message_template SET body = body || ' {{reason}}' WHERE event = 'booking-cancelled-by-office' AND channel = 'sms'`,
      ),
    ).rejects.toThrow(/ck_message_template_short_fields/);
    const rolledBack = t.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE message_template SET body = body || ' {{address}}' WHERE event = 'reminder' AND channel = 'email'`,
      );
      await tx.query(
        `UPDATE message_template SET body = '{{activity}} {{time}} {{office}}' WHERE event = 'reminder' AND channel = 'push'`,
      );
      throw new Error('undo');
    });
    await expect(rolledBack).rejects.toThrow('undo');
  });

  it('gives coordinators per-office message counts per day and the no-show rate with and without a reminder', async () => {
    const [held] = await t.db.query(
      `SELECT b.id, b.office_id AS "officeId", b.member_id AS "memberId", lower(b.during) AS start FROM booking b WHERE b.status = 'no-show' ORDER BY lower(b.during) DESC LIMIT 1`,
    );
    const from = new Date(held.start.getTime() - 7 * 86_400_000).toISOString();
    const to = new Date(held.start.getTime() + 86_400_000).toISOString();
    const get = () => t.http.get(`/api/offices/${held.officeId}/message-kpis`).query({ from, to }).set(t.auth(CENTRAL));
    const before = await get();
    expect(before.status).toBe(200);
    const { withReminder, withoutReminder } = before.body.noShows;
    expect(withoutReminder.noShows).toBeGreaterThanOrEqual(1);
    await t.db.query(
      `INSERT INTO message (event, event_key, member_id, channel, language, office_id, booking_id, payload, status, sent_at, created_at)
       VALUES ('reminder', 'kpi-test:' || $1::text, $2, 'email', 'da', $3, $1::uuid, '{"activityCode":"follow-up"}', 'sent', now(), $4)`,
      [held.id, held.memberId, held.officeId, held.start],
    );
    const after = await get();
    expect(after.body.noShows.withReminder).toMatchObject({
      appointments: withReminder.appointments + 1,
      noShows: withReminder.noShows + 1,
    });
    expect(after.body.noShows.withoutReminder).toMatchObject({
      appointments: withoutReminder.appointments - 1,
      noShows: withoutReminder.noShows - 1,
    });
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(held.start);
    expect(after.body.perDay).toEqual(
      expect.arrayContaining([expect.objectContaining({ day, channel: 'email', sent: 1 })]),
    );
    expect(
      (
        await t.http
          .get(`/api/offices/${held.officeId}/message-kpis`)
          .query({ from: to, to: from })
          .set(t.auth(CENTRAL))
      ).body.code,
    ).toBe('INVALID_PERIOD');
    expect(
      (
        await t.http
          .get(`/api/offices/${held.officeId}/message-kpis`)
          .query({ from, to })
          .set(t.auth({ role: 'adviser', subjectId: held.memberId }))
      ).status,
    ).toBe(403);
  });
});
