import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import webpush from 'web-push';
import { MESSAGE_SCAN_QUEUE } from '../../src/common/queue/queue-names.js';
import { MessageDeliveryService } from '../../src/messaging/delivery/message-delivery.service.js';
import { CENTRAL } from '../support/booking-factories.js';
import { waitFor } from '../support/message-servers.js';
import {
  bookFollowUp,
  messagesOf,
  publishFollowUpSlot,
  reachableMember,
  slotFixture,
  type SlotFixture,
} from '../support/messaging-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { BrowserPushKeys, stopMessageScans, TestPushService, verifyVapid } from '../support/web-push-receiver.js';

/** A weekday noon in Copenhagen: outside quiet hours whenever the suite runs. */
const DAYTIME = new Date('2027-01-12T11:00:00Z');
const VAPID = webpush.generateVAPIDKeys();
const SUBJECT = 'mailto:drift@akasse.example';

describe('Web Push delivery', () => {
  let t: TestApp;
  let push: TestPushService;
  let fixture: SlotFixture;
  let officeName: string;

  beforeAll(async () => {
    push = new TestPushService();
    await push.start();
    t = await createTestApp({
      RUN_WORKERS: 'true',
      MESSAGE_RECONCILE_SECONDS: '3600',
      VAPID_PUBLIC_KEY: VAPID.publicKey,
      VAPID_PRIVATE_KEY: VAPID.privateKey,
      VAPID_SUBJECT: SUBJECT,
      MESSAGE_MAX_ATTEMPTS: '3',
    });
    t.app.get(MessageDeliveryService).clock = () => DAYTIME;
    await stopMessageScans(t.app.get<Queue>(getQueueToken(MESSAGE_SCAN_QUEUE)));
    fixture = await slotFixture(t, 'Esbjerg');
    officeName = (await t.http.get(`/api/offices/${fixture.office.id}`).set(t.auth(CENTRAL))).body.name;
  });
  afterAll(async () => {
    await t.close();
    await push.close();
  });

  /** A member reached only by push (no e-mail, no phone), with this browser subscribed through the API. */
  async function pushMember(...names: string[]) {
    const member = await reachableMember(t, fixture.office, { email: null, phone: null });
    const browsers = names.map(() => new BrowserPushKeys());
    for (const [i, name] of names.entries()) {
      const response = await t.http
        .post(`/api/members/${member.id}/push-subscriptions`)
        .set(t.auth({ role: 'member', subjectId: member.id }))
        .send(browsers[i].subscription(push.endpoint(name)));
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ id: expect.any(String), service: new URL(push.endpoint(name)).host });
    }
    return { member, browsers };
  }

  const pushMessage = async (memberId: string) =>
    waitFor(
      async () => (await messagesOf(t, memberId)).find((m) => m.channel === 'push'),
      10_000,
      'the push message row',
    );
  const settled = (id: string, status: string, timeoutMs = 30_000) =>
    waitFor(
      async () =>
        (await t.db.query(`SELECT status FROM message WHERE id = $1`, [id]))[0].status === status ? true : undefined,
      timeoutMs,
      `message ${id} ${status}`,
    );
  const states = async (id: string) =>
    (await t.http.get(`/api/messages/${id}/deliveries`).set(t.auth(CENTRAL))).body as {
      state: string;
      detail: string | null;
    }[];
  const subscriptionCount = async (memberId: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM push_subscription WHERE member_id = $1`, [memberId]))[0]
      .n as number;

  it('publishes the VAPID public key, and subscribes and unsubscribes a browser, the member only, checking endpoint and keys', async () => {
    expect((await t.http.get('/api/push/public-key')).body).toEqual({ publicKey: VAPID.publicKey });
    const member = await reachableMember(t, fixture.office);
    const other = await reachableMember(t, fixture.office);
    const self = t.auth({ role: 'member', subjectId: member.id });
    const browser = new BrowserPushKeys();
    const url = `/api/members/${member.id}/push-subscriptions`;
    const good = browser.subscription('https://fcm.googleapis.com/fcm/send/test-endpoint-1');

    const codeOf = async (body: object) => (await t.http.post(url).set(self).send(body)).body.code as string;
    expect(await codeOf({ ...good, endpoint: 'http://push.example.com/x' })).toBe('INVALID_PUSH_SUBSCRIPTION');
    expect(await codeOf({ ...good, keys: { ...good.keys, p256dh: good.keys.auth } })).toBe('INVALID_PUSH_SUBSCRIPTION');
    expect(await codeOf({ ...good, keys: { ...good.keys, auth: good.keys.p256dh } })).toBe('INVALID_PUSH_SUBSCRIPTION');
    expect(await codeOf({ endpoint: good.endpoint })).toBe('VALIDATION_FAILED');
    expect(await codeOf({ ...good, extra: 1 })).toBe('VALIDATION_FAILED');
    expect((await t.http.post(url).set(t.auth(CENTRAL)).send(good)).status).toBe(403);
    expect(
      (
        await t.http
          .post(url)
          .set(t.auth({ role: 'member', subjectId: other.id }))
          .send(good)
      ).status,
    ).toBe(404);

    expect((await t.http.post(url).set(self).send(good)).status).toBe(201);
    // The same browser again (new keys after a reinstall, say) keeps one row.
    expect((await t.http.post(url).set(self).send(new BrowserPushKeys().subscription(good.endpoint))).status).toBe(201);
    expect(await subscriptionCount(member.id)).toBe(1);
    const listed = await t.http.get(url).set(t.auth(CENTRAL));
    expect(listed.body).toEqual([
      { id: expect.any(String), service: 'fcm.googleapis.com', createdAt: expect.any(String) },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain('test-endpoint-1');
    expect((await t.http.get(`/api/members/${member.id}/message-preferences`).set(self)).body.reachable.push).toBe(
      true,
    );

    expect((await t.http.delete(url).set(t.auth(CENTRAL)).send({ endpoint: good.endpoint })).status).toBe(403);
    expect((await t.http.delete(url).set(self).send({ endpoint: good.endpoint })).status).toBe(204);
    expect((await t.http.delete(url).set(self).send({ endpoint: good.endpoint })).status).toBe(204);
    expect(await subscriptionCount(member.id)).toBe(0);
  });

  it('delivers a confirmation encrypted for the browser (RFC 8291) and signed with VAPID: activity, time, office and the booking page, nothing else', async () => {
    const { member, browsers } = await pushMember('confirm');
    const booking = await bookFollowUp(t, member, (await publishFollowUpSlot(t, fixture, 8)).id);
    const message = await pushMessage(member.id);
    await settled(message.id, 'sent');
    const [request] = push.delivered('confirm');
    expect(request.headers['content-encoding']).toBe('aes128gcm');
    expect(request.headers.ttl).toBe(String(12 * 3600));
    expect(request.body.subarray(0, 64).toString('utf8')).not.toContain('Jobopfølgning');

    const vapid = await verifyVapid(request.headers.authorization as string, push.endpoint('confirm'));
    expect(vapid.publicKey).toBe(VAPID.publicKey);
    expect(vapid.claims.sub).toBe(SUBJECT);

    const payload = JSON.parse(browsers[0].decrypt(request.body).toString('utf8'));
    expect(Object.keys(payload).sort()).toEqual(['body', 'tag', 'title', 'url']);
    expect(payload.title).toBe('A-kassen');
    expect(payload.url).toBe(`/app/bookings/${booking.id}`);
    expect(payload.body).toMatch(/^Booket: Jobopfølgning \S+ \d+\. \S+ kl\. \d\d:\d\d, /);
    expect(payload.body.endsWith(`, ${officeName}`)).toBe(true);
    const [row] = await t.db.query(`SELECT name, member_number FROM member WHERE id = $1`, [member.id]);
    expect(payload.body).not.toContain(row.name);
    expect(payload.body).not.toContain(row.member_number);

    expect((await states(message.id)).map((s) => s.state)).toEqual(['queued', 'sending', 'sent']);
    expect((await states(message.id))[2].detail).toMatch(/^1 of 1 browser\(s\): 127\.0\.0\.1:\d+: 201/);
  });

  it('deletes a subscription the push service answers 410 for and logs the message failed without a retry; a second browser still gets it', async () => {
    const gone = await pushMember('gone');
    gone.browsers.length = 0;
    push.answers.set('gone', [410]);
    await bookFollowUp(t, gone.member, (await publishFollowUpSlot(t, fixture, 9)).id);
    const message = await pushMessage(gone.member.id);
    await settled(message.id, 'skipped');
    const log = await states(message.id);
    expect(log.map((s) => s.state)).toEqual(['queued', 'sending', 'failed']);
    expect(log[2].detail).toMatch(/410 .*\(subscription removed\)/);
    expect(push.requests.filter((r) => r.name === 'gone')).toHaveLength(1);
    expect(await subscriptionCount(gone.member.id)).toBe(0);
    const dead = await t.http.get('/api/messages/dead-letters').set(t.auth(CENTRAL));
    expect(dead.body.find((d: { id: string }) => d.id === message.id)).toBeUndefined();

    const two = await pushMember('stale', 'fresh');
    push.answers.set('stale', [404]);
    await bookFollowUp(t, two.member, (await publishFollowUpSlot(t, fixture, 10)).id);
    const both = await pushMessage(two.member.id);
    await settled(both.id, 'sent');
    expect(push.delivered('fresh')).toHaveLength(1);
    expect(JSON.parse(two.browsers[1].decrypt(push.delivered('fresh')[0].body).toString('utf8')).title).toBe(
      'A-kassen',
    );
    expect(await subscriptionCount(two.member.id)).toBe(1);
    expect((await states(both.id)).at(-1)?.detail).toMatch(/^1 of 2 browser\(s\):.*404.*subscription removed/);
  });

  it('retries 429 and 5xx answers with backoff and then delivers once', async () => {
    const { member, browsers } = await pushMember('flaky');
    push.answers.set('flaky', [503, 429]);
    await bookFollowUp(t, member, (await publishFollowUpSlot(t, fixture, 11)).id);
    const message = await pushMessage(member.id);
    await settled(message.id, 'sent');
    expect((await states(message.id)).map((s) => s.state)).toEqual([
      'queued',
      'sending',
      'failed',
      'sending',
      'failed',
      'sending',
      'sent',
    ]);
    expect(push.requests.filter((r) => r.name === 'flaky').map((r) => r.status)).toEqual([503, 429, 201]);
    expect(push.delivered('flaky')).toHaveLength(1);
    expect(JSON.parse(browsers[0].decrypt(push.delivered('flaky')[0].body).toString('utf8')).body).toMatch(/^Booket: /);
  });
});

describe('Web Push switched off', () => {
  let t: TestApp;
  afterAll(async () => t?.close());

  it('without VAPID keys: no public key, subscribing is refused, and push messages are decided and skipped', async () => {
    t = await createTestApp({ RUN_WORKERS: 'false' });
    expect((await t.http.get('/api/push/public-key')).body).toEqual({ publicKey: null });
    const fixture = await slotFixture(t, 'Esbjerg');
    const member = await reachableMember(t, fixture.office, { email: null, phone: null });
    const browser = new BrowserPushKeys();
    const response = await t.http
      .post(`/api/members/${member.id}/push-subscriptions`)
      .set(t.auth({ role: 'member', subjectId: member.id }))
      .send(browser.subscription('https://fcm.googleapis.com/fcm/send/off'));
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('PUSH_NOT_AVAILABLE');
    // A subscription kept from when push was on: the message is still decided, then skipped and logged.
    await t.db.query(
      `INSERT INTO push_subscription (member_id, endpoint, public_key, auth_secret) VALUES ($1, 'https://fcm.googleapis.com/fcm/send/kept', $2, $3)`,
      [member.id, browser.publicKey.toString('base64url'), browser.auth.toString('base64url')],
    );
    await bookFollowUp(t, member, (await publishFollowUpSlot(t, fixture, 12)).id);
    const message = (await messagesOf(t, member.id)).find((m) => m.channel === 'push')!;
    expect(message.status).toBe('pending');
    const [{ jobKey }] = await t.db.query(
      `WITH u AS (UPDATE message SET status = 'queued', job_key = nextval('message_job_key_seq') WHERE id = $1 RETURNING job_key) SELECT job_key::text AS "jobKey" FROM u`,
      [message.id],
    );
    expect(await t.app.get(MessageDeliveryService).deliverBatch(jobKey, DAYTIME)).toEqual(
      new Map([[message.id, 'skipped']]),
    );
    expect(
      (
        await t.db.query(`SELECT detail FROM message_delivery WHERE message_id = $1 ORDER BY id DESC LIMIT 1`, [
          message.id,
        ])
      )[0].detail,
    ).toBe('push is not configured');
  });
});

describe('Web Push development keys', () => {
  let first: TestApp | undefined;
  let second: TestApp | undefined;
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('generates one key pair, kept in the database, that every process of the installation signs with', async () => {
    first = await createTestApp({ PUSH_DEV_KEYS: 'true' });
    second = await createTestApp({ PUSH_DEV_KEYS: 'true' });
    const [a, b] = await Promise.all([first.http.get('/api/push/public-key'), second.http.get('/api/push/public-key')]);
    expect(a.body.publicKey).toMatch(/^B[A-Za-z0-9_-]{86}$/);
    expect(b.body).toEqual(a.body);
    const [row] = await first.db.query(`SELECT public_key AS "publicKey" FROM push_dev_key`);
    expect(row.publicKey).toBe(a.body.publicKey);
  });
});
