import { createServer } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { CapacityAllocationProcessor } from '../../src/capacity/allocation/capacity-allocation.processor.js';
import { OptimiserProcessor } from '../../src/optimiser/optimiser.processor.js';
import { QueueName } from '../../src/common/queue/queue-names.js';
import { CENTRAL } from '../support/booking-factories.js';
import { waitFor } from '../support/message-servers.js';
import { PrivateRedis } from '../support/private-redis.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('queues across a Redis restart and outage', () => {
  let t: TestApp;
  let redis: PrivateRedis;
  let allocationQueue: Queue;
  let optimiserQueue: Queue;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    t = await createTestApp({ RUN_WORKERS: 'true', REDIS_URL: redis.url });
    allocationQueue = t.app.get<Queue>(getQueueToken(QueueName.CapacityAllocation));
    optimiserQueue = t.app.get<Queue>(getQueueToken(QueueName.Optimiser));
  }, 60_000);

  afterAll(async () => {
    // The app closes its queues while Redis answers, then the private server goes.
    await redis.start().catch(() => undefined);
    await t?.close();
    await redis.stop();
  }, 60_000);

  const allocation = async (id: string) =>
    (await t.http.get(`/api/capacity/allocations/${id}`).set(t.auth(CENTRAL))).body as { id: string; status: string };

  it('re-enqueues an allocation and re-registers the nightly optimiser run after a restart lost them', async () => {
    // A paused queue keeps the job waiting, so it is still queued when Redis goes.
    await allocationQueue.pause();
    const queued = await t.http
      .post('/api/capacity/allocations')
      .set(t.auth(CENTRAL))
      .send({ from: '2026-12-07', weeks: 1 });
    expect(queued.status).toBe(202);
    expect(queued.body.status).toBe('queued');
    expect(await optimiserQueue.getJobScheduler('optimiser-nightly')).toBeDefined();

    await redis.stop();
    await redis.start();
    await waitFor(
      async () => ((await allocationQueue.getJobCounts('waiting')).waiting === 0 ? true : undefined),
      20_000,
      'the app to reconnect',
    );
    expect(await allocationQueue.getJob(queued.body.jobId)).toBeUndefined();
    expect(await optimiserQueue.getJobScheduler('optimiser-nightly')).toBeUndefined();
    // A new request with the same parameters finds the stranded one.
    const again = await t.http
      .post('/api/capacity/allocations')
      .set(t.auth(CENTRAL))
      .send({ from: '2026-12-07', weeks: 1 });
    expect(again.body.id).toBe(queued.body.id);

    // What the workers do at start-up and every minute.
    await t.app.get(CapacityAllocationProcessor).reconcile(0);
    await t.app.get(OptimiserProcessor).reconcile(0);
    const done = await waitFor(
      async () => {
        const row = await allocation(queued.body.id);
        return row.status === 'done' || row.status === 'failed' ? row : undefined;
      },
      60_000,
      'the allocation to finish',
    );
    expect(done.status).toBe('done');
    expect(await optimiserQueue.getJobScheduler('optimiser-nightly')).toMatchObject({
      pattern: '0 2 * * *',
      tz: 'Europe/Copenhagen',
    });
  }, 120_000);

  it('answers 503 QUEUE_UNAVAILABLE within 2 s while Redis is down, and stores optimiser runs for the reconciler', async () => {
    // The 2 s deadline on Redis plus the request's own work; in a full parallel test run the optimiser's request took
    // 2.8 s. Without the deadline a request waits for Redis's reconnection and the 10 s timeout below.
    const answeredWithin = 4000;
    await redis.stop();
    try {
      let started = Date.now();
      const refused = await t.http
        .post('/api/capacity/allocations')
        .set(t.auth(CENTRAL))
        .send({ from: '2026-12-14', weeks: 1 })
        .timeout(10_000);
      expect(Date.now() - started).toBeLessThan(answeredWithin);
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ statusCode: 503, code: 'QUEUE_UNAVAILABLE' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      const [{ count }] = await t.db.query(
        `SELECT count(*)::int AS count FROM capacity_allocation WHERE params_key = '2026-12-14|1|' AND status IN ('queued', 'running')`,
      );
      expect(count).toBe(0);

      started = Date.now();
      const run = await t.http
        .post('/api/optimiser/runs')
        .set(t.auth(CENTRAL))
        .send({ from: '2031-01-06', to: '2031-01-12' })
        .timeout(10_000);
      expect(Date.now() - started).toBeLessThan(answeredWithin);
      expect(run.status).toBe(202);
      expect(run.body.status).toBe('queued');
      await t.http.delete(`/api/optimiser/runs/${run.body.id}`).set(t.auth(CENTRAL)).timeout(10_000);
    } finally {
      await redis.start();
      // BullMQ 6: a worker's close() called while it is still reconnecting never resolves, so let the workers
      // reconnect (the connection retries at least every 2 s) before afterAll closes the app.
      await waitFor(
        async () => ((await allocationQueue.getJobCounts('waiting')) ? true : undefined),
        20_000,
        'the app to reconnect',
      );
      await sleep(4000);
    }
  }, 60_000);
});
