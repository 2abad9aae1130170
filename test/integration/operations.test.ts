import { jest } from '@jest/globals';
import pg from 'pg';
import { DemoDataService } from '../../src/demo/demo-data.service.js';
import { BookingsRepository } from '../../src/booking/bookings/bookings.repository.js';
import { adviserAt, CENTRAL, copenhagen, freeTime, mainOffice, nextWeekday } from '../support/booking-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { readTestEnvironment } from '../support/test-environment.js';

describe('operations: demo data and lost connections', () => {
  let t: TestApp;
  let admin: pg.Client;
  beforeAll(async () => {
    t = await createTestApp();
    admin = new pg.Client({
      connectionString: readTestEnvironment().databaseUrl,
      application_name: 'akasse-test-admin',
    });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await t.close();
  });

  it('says "Demo data loaded" only in the process that loaded it', async () => {
    const demo = t.app.get(DemoDataService);
    // Another process loads the data between this one's emptiness check and its own load.
    jest.spyOn(demo, 'isEmpty').mockResolvedValueOnce(true);
    const logged = jest.spyOn((demo as unknown as { logger: { log(message: string): void } }).logger, 'log');
    try {
      expect(await demo.loadIfEmpty({ seed: 1, scale: 1 })).toBe(false);
      expect(logged.mock.calls.map(([message]) => message).filter((m) => /Demo data loaded/.test(String(m)))).toEqual(
        [],
      );
    } finally {
      logged.mockRestore();
    }
  });

  it('answers 503 DATABASE_UNAVAILABLE when the connection is lost between two statements of a transaction', async () => {
    const office = await mainOffice(t, 'Odense');
    const adviser = await adviserAt(t, office.id, 1);
    const date = nextWeekday(3, 70);
    const start = copenhagen(
      date,
      await freeTime(t, office.id, date, 30, { staffIds: [adviser.id], preferred: '13:00' }),
    );
    const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
    const repository = t.app.get(BookingsRepository);
    const audit = repository.audit.bind(repository);
    // The slot is inserted; before the audit row, the transaction's backend is terminated (as by a failover).
    const killed = jest.spyOn(repository, 'audit').mockImplementationOnce(async (entry, tx) => {
      const [{ pid }] = (await tx.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return audit(entry, tx);
    });
    try {
      const response = await t.http
        .post(`/api/offices/${office.id}/slots`)
        .set(t.auth(CENTRAL))
        .send({ staffId: adviser.id, activityCodes: ['follow-up'], channel: 'in-person', start, end });
      expect(killed).toHaveBeenCalled();
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      killed.mockRestore();
    }
    // Nothing of the transaction stayed, and the pool hands out a fresh connection.
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM slot WHERE staff_id = $1 AND lower(during) = $2`,
      [adviser.id, start],
    );
    expect(count).toBe(0);
    expect((await t.http.get(`/api/offices/${office.id}`).set(t.auth(CENTRAL))).status).toBe(200);
  });
});

describe('operations: a saturated pool is busy, not down', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DATABASE_POOL_SIZE: '2', DATABASE_POOL_WAIT_MS: '5000' });
  });
  afterAll(() => t.close());

  /** Takes every pooled connection of the app for `ms`. */
  const holdPool = (ms: number) =>
    Promise.all([t.db.query('SELECT pg_sleep($1)', [ms / 1000]), t.db.query('SELECT pg_sleep($1)', [ms / 1000])]);

  it('queues for a pooled connection within DATABASE_POOL_WAIT_MS, then answers 503 BUSY with Retry-After; readiness stays ok', async () => {
    const short = holdPool(3500);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Longer than node-postgres' old fixed connect timeout (3 s), shorter than the pool wait: the request waits its turn.
    const waited = await t.http.get('/api/offices').set(t.auth(CENTRAL));
    expect(waited.status).toBe(200);
    await short;

    const long = holdPool(8000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const ready = await t.http.get('/health/ready');
    expect(ready.body).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' } });
    expect(ready.status).toBe(200);
    const started = Date.now();
    const busy = await t.http.get('/api/offices').set(t.auth(CENTRAL));
    expect(busy.status).toBe(503);
    expect(busy.body).toMatchObject({ statusCode: 503, code: 'BUSY' });
    expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4500);
    await long;
  }, 40_000);
});
