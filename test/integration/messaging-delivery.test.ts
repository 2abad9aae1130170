import ICAL from 'ical.js';
import { MessageDeliveryService } from '../../src/messaging/delivery/message-delivery.service.js';
import { CENTRAL } from '../support/booking-factories.js';
import { TestSmsGateway, TestSmtpServer, waitFor } from '../support/message-servers.js';
import {
  bookFollowUp,
  messagesOf,
  publishFollowUpSlot,
  reachableMember,
  slotFixture,
  type SlotFixture,
} from '../support/messaging-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** A weekday noon in Copenhagen: outside quiet hours whenever the suite runs. */
const DAYTIME = new Date('2027-01-12T11:00:00Z');

function calendarOf(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  const event = component.getFirstSubcomponent('vevent')!;
  return {
    method: component.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: event.getFirstPropertyValue('sequence'),
    status: event.getFirstPropertyValue('status'),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate(),
  };
}

describe('message delivery', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let sms: TestSmsGateway;
  let fixture: SlotFixture;

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    sms = new TestSmsGateway();
    const [smtpUrl, smsUrl] = await Promise.all([smtp.start(), sms.start()]);
    t = await createTestApp({
      RUN_WORKERS: 'true',
      SMTP_URL: smtpUrl,
      SMS_API_URL: smsUrl,
      SMS_API_KEY: 'test-key',
      MESSAGE_MAX_ATTEMPTS: '3',
    });
    t.app.get(MessageDeliveryService).clock = () => DAYTIME;
    fixture = await slotFixture(t, 'Odense');
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([smtp.close(), sms.close()]);
  });

  const statusOf = async (id: string) =>
    (await t.db.query(`SELECT status FROM message WHERE id = $1`, [id]))[0].status as string;
  const settled = (id: string, status: string, timeoutMs = 20_000) =>
    waitFor(async () => ((await statusOf(id)) === status ? true : undefined), timeoutMs, `message ${id} ${status}`);

  it('e-mails a confirmation with text, HTML, List-Unsubscribe and the booking .ics (REQUEST, then CANCEL), same UID and SEQUENCE as the booking', async () => {
    const member = await reachableMember(t, fixture.office, { phone: null });
    const [{ email }] = await t.db.query(`SELECT email FROM member WHERE id = $1`, [member.id]);
    const slot = await publishFollowUpSlot(t, fixture, 8);
    const booking = await bookFollowUp(t, member, slot.id);
    const [mail] = await waitFor(
      async () => (smtp.to(email).length >= 1 ? smtp.to(email) : undefined),
      20_000,
      'the confirmation',
    );
    expect(mail.parsed.subject).toMatch(/^Bekræftelse: Jobopfølgning .* kl\. \d\d:\d\d$/);
    expect(mail.parsed.text).toContain(`/member?booking=${booking.id}`);
    expect(mail.parsed.html).toContain('<a href=');
    expect(mail.parsed.messageId).toMatch(/^<message-\d+@akasse-scheduler>$/);
    const headers = mail.raw.slice(0, mail.raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
    const unsubscribe = /^List-Unsubscribe: (.*)$/im.exec(headers)?.[1] ?? '';
    expect(unsubscribe).toMatch(/^<http:\/\/.*\/api\/messages\/unsubscribe\?token=.+>$/);
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/im);
    expect(mail.raw).not.toMatch(/Testmedlem/);

    const [attachment] = mail.parsed.attachments;
    expect(attachment.contentType).toBe('text/calendar');
    const invite = calendarOf(attachment.content.toString('utf8'));
    const row = async () =>
      (
        await t.db.query(
          `SELECT ical_uid AS uid, ical_sequence AS sequence, lower(during) AS start FROM booking WHERE id = $1`,
          [booking.id],
        )
      )[0];
    const booked = await row();
    expect(invite).toMatchObject({
      method: 'REQUEST',
      uid: booked.uid,
      sequence: booked.sequence,
      status: 'CONFIRMED',
    });
    expect(invite.start.getTime()).toBe(booked.start.getTime());

    expect(
      (
        await t.http
          .post(`/api/bookings/${booking.id}/cancel`)
          .set(t.auth({ role: 'member', subjectId: member.id }))
          .send({})
      ).status,
    ).toBe(200);
    const mails = await waitFor(
      async () => (smtp.to(email).length >= 2 ? smtp.to(email) : undefined),
      20_000,
      'the cancellation',
    );
    const cancel = calendarOf(mails[1].parsed.attachments[0].content.toString('utf8'));
    const cancelled = await row();
    expect(cancel).toMatchObject({
      method: 'CANCEL',
      uid: booked.uid,
      sequence: cancelled.sequence,
      status: 'CANCELLED',
    });
    expect(cancelled.sequence).toBeGreaterThan(booked.sequence);

    const sent = (await messagesOf(t, member.id)).find((m) => m.channel === 'email')!;
    const log = await t.http.get(`/api/messages/${sent.id}/deliveries`).set(t.auth(CENTRAL));
    expect(log.body.map((l: { state: string }) => l.state)).toEqual(['queued', 'sending', 'sent']);
    expect(log.body[2].detail).toMatch(/^250 /);

    // The link works without signing in, and only with its own signature.
    const path = unsubscribe.slice(unsubscribe.indexOf('/api/'), -1);
    expect((await t.http.get(path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).body.code).toBe(
      'INVALID_UNSUBSCRIBE_TOKEN',
    );
    const off = await t.http.get(path);
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ channel: 'email' });
    const preferences = await t.http.get(`/api/members/${member.id}/message-preferences`).set(t.auth(CENTRAL));
    expect(preferences.body.channels).toEqual(['sms', 'push']);
  });

  it('retries a temporary SMTP refusal with backoff; a permanent one becomes a dead letter a coordinator sees and can retry', async () => {
    const flaky = await reachableMember(t, fixture.office, { phone: null });
    const refused = await reachableMember(t, fixture.office, { phone: null });
    const [flakyEmail, refusedEmail] = await Promise.all(
      [flaky, refused].map(
        async (m) => (await t.db.query(`SELECT email FROM member WHERE id = $1`, [m.id]))[0].email as string,
      ),
    );
    smtp.failures.set(flakyEmail, { code: 451, times: 2 });
    smtp.failures.set(refusedEmail, { code: 550, times: 1 });
    await bookFollowUp(t, flaky, (await publishFollowUpSlot(t, fixture, 9)).id);
    await bookFollowUp(t, refused, (await publishFollowUpSlot(t, fixture, 10)).id);
    const flakyMessage = (await messagesOf(t, flaky.id)).find((m) => m.channel === 'email')!;
    const refusedMessage = (await messagesOf(t, refused.id)).find((m) => m.channel === 'email')!;

    await settled(flakyMessage.id, 'sent', 30_000);
    const log = await t.http.get(`/api/messages/${flakyMessage.id}/deliveries`).set(t.auth(CENTRAL));
    expect(log.body.map((l: { state: string }) => l.state)).toEqual([
      'queued',
      'sending',
      'failed',
      'sending',
      'failed',
      'sending',
      'sent',
    ]);
    expect(log.body[2].detail).toMatch(/451/);
    const times = log.body
      .filter((l: { state: string }) => l.state === 'sending')
      .map((l: { at: string }) => Date.parse(l.at));
    expect(times[2] - times[1]).toBeGreaterThan(times[1] - times[0]);
    expect(smtp.to(flakyEmail)).toHaveLength(1);

    await settled(refusedMessage.id, 'dead');
    const dead = await t.http.get('/api/messages/dead-letters').set(t.auth(CENTRAL));
    expect(dead.status).toBe(200);
    expect(dead.body.find((d: { id: string }) => d.id === refusedMessage.id)).toMatchObject({
      channel: 'email',
      attempts: 1,
      lastError: expect.stringMatching(/550/),
    });
    expect(JSON.stringify(dead.body)).not.toContain(refusedEmail);
    expect(
      (await t.http.get('/api/messages/dead-letters').set(t.auth({ role: 'member', subjectId: refused.id }))).status,
    ).toBe(403);
    const retry = await t.http.post(`/api/messages/${refusedMessage.id}/retry`).set(t.auth(CENTRAL));
    expect(retry.status).toBe(200);
    await settled(refusedMessage.id, 'sent');
    expect(smtp.to(refusedEmail)).toHaveLength(1);
    expect((await t.http.post(`/api/messages/${refusedMessage.id}/retry`).set(t.auth(CENTRAL))).body.code).toBe(
      'MESSAGE_NOT_DEAD',
    );
  });

  it('sends SMS through the gateway (GSM-7 with æøå, only activity, time and office), retrying a 500 and giving up on a 400', async () => {
    const member = await reachableMember(t, fixture.office, { email: null, phone: '20 30 40 50' });
    sms.answers.push(500);
    const slot = await publishFollowUpSlot(t, fixture, 11);
    await bookFollowUp(t, member, slot.id);
    const message = (await messagesOf(t, member.id)).find((m) => m.channel === 'sms')!;
    await settled(message.id, 'sent', 30_000);
    const requests = sms.requests.filter((r) => r.body.userref === message.id);
    expect(requests).toHaveLength(2);
    expect(requests[1].authorization).toBe('Token test-key');
    expect(requests[1].body.recipients).toEqual([{ msisdn: 4520304050 }]);
    expect(requests[1].body.encoding).toBe('UTF8');
    expect(requests[1].body.message).toMatch(/^Booket: Jobopfølgning .* kl\. \d\d:\d\d, .+$/);
    expect(requests[1].body.message).not.toMatch(/http|Testmedlem/);
    const log = await t.http.get(`/api/messages/${message.id}/deliveries`).set(t.auth(CENTRAL));
    expect(log.body.map((l: { state: string }) => l.state)).toEqual(['queued', 'sending', 'failed', 'sending', 'sent']);
    expect(log.body[4].detail).toMatch(/^200 .*GSM-7, 1 part/);

    sms.answers.push(400);
    const other = await reachableMember(t, fixture.office, { email: null });
    await bookFollowUp(t, other, (await publishFollowUpSlot(t, fixture, 12)).id);
    const refused = (await messagesOf(t, other.id)).find((m) => m.channel === 'sms')!;
    await settled(refused.id, 'dead');
    expect((await t.db.query(`SELECT last_error FROM message WHERE id = $1`, [refused.id]))[0].last_error).toMatch(
      /^400 .*Invalid recipient/,
    );
  });

  it('holds an SMS decided at 22:30 Copenhagen time until 08:00', async () => {
    const delivery = t.app.get(MessageDeliveryService);
    const member = await reachableMember(t, fixture.office, { email: null });
    const slot = await publishFollowUpSlot(t, fixture, 15);
    delivery.clock = () => new Date('2027-01-12T21:30:00Z');
    try {
      await bookFollowUp(t, member, slot.id);
      const message = (await messagesOf(t, member.id)).find((m) => m.channel === 'sms')!;
      const deferred = await waitFor(
        async () => {
          const [row] = await t.db.query(`SELECT status, not_before FROM message WHERE id = $1`, [message.id]);
          return row.status === 'pending' && row.not_before.getTime() > Date.now() ? row : undefined;
        },
        20_000,
        'the deferral',
      );
      expect(deferred.not_before.toISOString()).toBe('2027-01-13T07:00:00.000Z');
      expect(sms.requests.filter((r) => r.body.userref === message.id)).toHaveLength(0);
    } finally {
      delivery.clock = () => DAYTIME;
    }
  });
});
