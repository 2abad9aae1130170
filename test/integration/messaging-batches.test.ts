import { Redis } from 'ioredis';
import { MessageDeliveryService } from '../../src/messaging/delivery/message-delivery.service.js';
import { batchJobId, MessageRelayService } from '../../src/messaging/delivery/message-relay.service.js';
import { MessagingRepository } from '../../src/messaging/messaging.repository.js';
import { TestSmtpServer } from '../support/message-servers.js';
import { reachableMember, slotFixture, type SlotFixture } from '../support/messaging-factories.js';
import { createEmptyDatabase, createTestApp, type TestApp } from '../support/test-app.js';
import { readTestEnvironment } from '../support/test-environment.js';

/** A weekday noon in Copenhagen: outside quiet hours whenever the suite runs. */
const DAYTIME = new Date('2027-01-12T11:00:00Z');

/**
 * Delivery in batches, driven by hand (no worker running): the relay's jobs are inspected in Redis and each
 * batch is delivered as the worker would, against a real SMTP server. A database and Redis prefix of its own, so
 * messages other test files left due do not join these batches (and their job keys cannot meet these).
 */
describe('message delivery in batches', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let fixture: SlotFixture;
  let relay: MessageRelayService;
  let delivery: MessageDeliveryService;
  let database: { url: string; drop(): Promise<void> } | undefined;
  const prefix = `akasse-test-batches-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    const smtpUrl = await smtp.start();
    database = await createEmptyDatabase('message_batches');
    t = await createTestApp(
      {
        RUN_WORKERS: 'false',
        SMTP_URL: smtpUrl,
        MESSAGE_EMAIL_PER_SECOND: '1000',
        MESSAGE_MAX_ATTEMPTS: '3',
        REDIS_KEY_PREFIX: prefix,
      },
      { databaseUrl: database.url },
    );
    relay = t.app.get(MessageRelayService);
    delivery = t.app.get(MessageDeliveryService);
    fixture = await slotFixture(t, 'Vejle');
  });
  afterAll(async () => {
    await t?.close();
    // The run's own prefix is cleared by the run; this one is the file's.
    const redis = new Redis(readTestEnvironment().redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await smtp?.close();
    await database?.drop();
  });

  /**
   * `count` e-mails owed to `members` (round robin), committed as the outbox would; their ids. Due a second ago:
   * the relay compares with the process's clock (milliseconds), PostgreSQL's now() has microseconds.
   */
  const owe = async (tag: string, count: number, members: string[]): Promise<string[]> =>
    (
      await t.db.query(
        `INSERT INTO message (event, event_key, member_id, channel, language, office_id, not_before, payload)
         SELECT 'booking-confirmed', $1 || ':' || i, ($2::uuid[])[1 + i % cardinality($2::uuid[])], 'email', 'da', $3, now() - interval '1 second',
                jsonb_build_object('activityCode', 'follow-up', 'officeId', $3::uuid, 'start', now() + interval '10 days', 'end', now() + interval '10 days 30 minutes')
         FROM generate_series(1, $4) AS i RETURNING id::text`,
        [tag, members, fixture.office.id, count],
      )
    ).map((r: { id: string }) => r.id);

  const rows = (ids: string[]): Promise<{ id: string; status: string; jobKey: string | null; attempts: number }[]> =>
    t.db.query(
      `SELECT id::text, status, job_key::text AS "jobKey", attempts FROM message WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [ids],
    );
  const received = (ids: string[]) => {
    const wanted = new Set(ids);
    const counts = new Map<string, number>();
    for (const mail of smtp.received) {
      const id = /^<message-(\d+)@akasse-scheduler>$/.exec(mail.parsed.messageId ?? '')?.[1];
      if (id && wanted.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  };
  const states = async (id: string) =>
    (await t.db.query(`SELECT state FROM message_delivery WHERE message_id = $1 ORDER BY at, id`, [id])).map(
      (r: { state: string }) => r.state,
    );
  const email = async (memberId: string) =>
    (await t.db.query(`SELECT email FROM member WHERE id = $1`, [memberId]))[0].email as string;
  const keysOf = async (ids: string[]) => [...new Set((await rows(ids)).map((r) => r.jobKey!))];

  it('enqueues one job per batch of at most 50 messages, its id from the batch key and only the key as its data', async () => {
    const members = await Promise.all([1, 2, 3].map(() => reachableMember(t, fixture.office, { phone: null })));
    const ids = await owe(
      `batches${process.pid}`,
      120,
      members.map((m) => m.id),
    );

    await relay.relay();
    const claimed = await rows(ids);
    expect(claimed.every((r) => r.status === 'queued' && r.jobKey !== null)).toBe(true);
    const sizes = new Map<string, number>();
    for (const r of claimed) sizes.set(r.jobKey!, (sizes.get(r.jobKey!) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual(50);
    expect(sizes.size).toBe(3);
    const queue = relay.queueFor('email');
    for (const key of sizes.keys()) {
      const job = await queue.getJob(batchJobId(key));
      expect(job?.data).toEqual({ jobKey: key });
      await job!.remove();
    }
    expect(await Promise.all(ids.slice(0, 3).map(states))).toEqual([['queued'], ['queued'], ['queued']]);

    for (const key of sizes.keys()) await delivery.deliverBatch(key, DAYTIME);
    expect((await rows(ids)).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    const counts = received(ids);
    expect(counts.size).toBe(120);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // A job that runs again (Redis gave it twice) finds its batch done and sends nothing.
    for (const key of sizes.keys()) expect((await delivery.deliverBatch(key, DAYTIME)).size).toBe(0);
    expect(received(ids).size).toBe(120);
    expect([...received(ids).values()].every((n) => n === 1)).toBe(true);
  });

  it('retries a failing message alone in a later batch, with backoff, while the rest of its batch is delivered once', async () => {
    const members = await Promise.all([1, 2, 3, 4].map(() => reachableMember(t, fixture.office, { phone: null })));
    const flaky = await email(members[0].id);
    smtp.failures.set(flaky, { code: 451, times: 1 });
    const ids = await owe(
      `retry${process.pid}`,
      4,
      members.map((m) => m.id),
    );
    const flakyId = (
      await t.db.query(`SELECT id::text FROM message WHERE id = ANY($1::bigint[]) AND member_id = $2`, [
        ids,
        members[0].id,
      ])
    )[0].id as string;

    await relay.relay();
    const [key] = await keysOf(ids);
    expect(await keysOf(ids)).toHaveLength(1);
    const outcomes = await delivery.deliverBatch(key, DAYTIME);
    expect(outcomes.get(flakyId)).toBe('retrying');
    expect([...outcomes.values()].filter((o) => o === 'sent')).toHaveLength(3);
    const [waiting] = await t.db.query(
      `SELECT status, attempts, not_before - updated_at AS wait, last_error AS "lastError" FROM message WHERE id = $1`,
      [flakyId],
    );
    expect(waiting).toMatchObject({ status: 'retrying', attempts: 1, lastError: expect.stringMatching(/451/) });
    expect(waiting.wait.seconds ?? 0).toBeGreaterThanOrEqual(1);

    // Not before its backoff; then in a batch of its own (the others are not sent again).
    expect(await relay.relay(new Date())).toBe(0);
    await t.db.query(`UPDATE message SET not_before = now() - interval '1 second' WHERE id = $1`, [flakyId]);
    expect(await relay.relay()).toBe(1);
    const [retryKey] = (await rows([flakyId])).map((r) => r.jobKey!);
    expect(retryKey).not.toBe(key);
    expect(await delivery.deliverBatch(retryKey, DAYTIME)).toEqual(new Map([[flakyId, 'sent']]));

    expect(await states(flakyId)).toEqual(['queued', 'sending', 'failed', 'sending', 'sent']);
    expect((await rows([flakyId]))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    const counts = received(ids);
    expect(counts.size).toBe(4);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    for (const id of ids.filter((id) => id !== flakyId))
      expect(await states(id)).toEqual(['queued', 'sending', 'sent']);
  });

  it('makes a message a dead letter after its last attempt, not the rest of its batch', async () => {
    const members = await Promise.all([1, 2].map(() => reachableMember(t, fixture.office, { phone: null })));
    smtp.failures.set(await email(members[0].id), { code: 451, times: 10 });
    const ids = await owe(
      `dead${process.pid}`,
      2,
      members.map((m) => m.id),
    );
    const deadId = (
      await t.db.query(`SELECT id::text FROM message WHERE id = ANY($1::bigint[]) AND member_id = $2`, [
        ids,
        members[0].id,
      ])
    )[0].id as string;
    for (let attempt = 1; attempt <= 3; attempt++) {
      await t.db.query(
        `UPDATE message SET not_before = now() - interval '1 second' WHERE id = $1 AND status = 'retrying'`,
        [deadId],
      );
      await relay.relay();
      for (const key of await keysOf([deadId])) await delivery.deliverBatch(key, DAYTIME);
      if (attempt === 1) for (const key of await keysOf(ids)) await delivery.deliverBatch(key, DAYTIME);
    }
    expect(await rows(ids)).toEqual([
      expect.objectContaining({
        id: ids[0],
        ...(ids[0] === deadId ? { status: 'dead', attempts: 3 } : { status: 'sent', attempts: 1 }),
      }),
      expect.objectContaining({
        id: ids[1],
        ...(ids[1] === deadId ? { status: 'dead', attempts: 3 } : { status: 'sent', attempts: 1 }),
      }),
    ]);
    expect(await states(deadId)).toEqual(['queued', 'sending', 'failed', 'sending', 'failed', 'sending', 'dead']);
  });

  it("takes over a batch a killed worker left `sending` once the claim is 15 s stale, and refuses the dead worker's late results", async () => {
    const members = await Promise.all([1, 2].map(() => reachableMember(t, fixture.office, { phone: null })));
    const ids = await owe(
      `stale${process.pid}`,
      5,
      members.map((m) => m.id),
    );
    await relay.relay();
    const [key] = await keysOf(ids);
    // A worker claims the batch and dies before sending anything.
    const dead = await t.app.get(MessagingRepository).claimBatch(key, 15_000);
    expect(dead).toHaveLength(5);

    // The job's retry while the claim is fresh takes nothing (the worker might still be alive).
    expect((await delivery.deliverBatch(key, DAYTIME)).size).toBe(0);
    expect((await rows(ids)).every((r) => r.status === 'sending')).toBe(true);
    expect(received(ids).size).toBe(0);

    await t.db.query(`UPDATE message SET updated_at = now() - interval '16 seconds' WHERE id = ANY($1::bigint[])`, [
      ids,
    ]);
    const outcomes = await delivery.deliverBatch(key, DAYTIME);
    expect([...outcomes.values()]).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    expect((await rows(ids)).every((r) => r.status === 'sent' && r.attempts === 2)).toBe(true);
    expect([...received(ids).values()]).toEqual([1, 1, 1, 1, 1]);

    // The dead worker's results, had it come back, are not recorded over the takeover's.
    await t.app
      .get(MessagingRepository)
      .finishMany(dead.map((m) => ({ id: m.id, attempts: m.attempts, status: 'dead', state: 'dead', detail: 'late' })));
    expect((await rows(ids)).every((r) => r.status === 'sent')).toBe(true);
    for (const id of ids) expect(await states(id)).toEqual(['queued', 'sending', 'sending', 'sent']);
  });

  it('adds the job of a stale batch again when Redis lost it (reconcile)', async () => {
    const members = await Promise.all([1].map(() => reachableMember(t, fixture.office, { phone: null })));
    const ids = await owe(
      `lost${process.pid}`,
      3,
      members.map((m) => m.id),
    );
    await relay.relay();
    const [key] = await keysOf(ids);
    const queue = relay.queueFor('email');
    await (await queue.getJob(batchJobId(key)))!.remove();
    expect(await queue.getJob(batchJobId(key))).toBeUndefined();
    await t.db.query(`UPDATE message SET updated_at = now() - interval '2 minutes' WHERE id = ANY($1::bigint[])`, [
      ids,
    ]);
    await relay.reconcile(60_000);
    expect((await queue.getJob(batchJobId(key)))?.data).toEqual({ jobKey: key });
  });
});
