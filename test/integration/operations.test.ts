import { jest } from '@jest/globals';
import pg from 'pg';
import { DemoDataService } from '../../src/demo/demo-data.service.js';
import { BookingsRepository } from '../../src/booking/bookings/bookings.repository.js';
import { adviserAt, CENTRAL, copenhagen, freeTime, mainOffice, nextWeekday } from '../support/booking-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { readTestEnvironment } from '../support/test-environment.js';

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('operations: demo data and lost connections', () => {
  let t: TestApp;
  let admin: pg.Client;
  beforeAll(async () => {
    t = await createTestApp();
    admin = new pg.Client({ connectionString: readTestEnvironment().databaseUrl, application_name: 'akasse-test-admin' });
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
      expect(logged.mock.calls.map(([message]) => message).filter((m) => /Demo data loaded/.test(String(m)))).toEqual([]);
    } finally {
      logged.mockRestore();
    }
  });

  it('answers 503 DATABASE_UNAVAILABLE when the connection is lost between two statements of a transaction', async () => {
    const office = await mainOffice(t, 'Odense');
    const adviser = await adviserAt(t, office.id, 1);
    const date = nextWeekday(3, 70);
    const start = copenhagen(date, await freeTime(t, office.id, date, 30, { staffIds: [adviser.id], preferred: '13:00' }));
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
      const response = await t.http.post(`/api/offices/${office.id}/slots`).set(t.auth(CENTRAL)).send({ staffId: adviser.id, activityCodes: ['follow-up'], channel: 'in-person', start, end });
      expect(killed).toHaveBeenCalled();
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      killed.mockRestore();
    }
    // Nothing of the transaction stayed, and the pool hands out a fresh connection.
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM slot WHERE staff_id = $1 AND lower(during) = $2`, [adviser.id, start]);
    expect(count).toBe(0);
    expect((await t.http.get(`/api/offices/${office.id}`).set(t.auth(CENTRAL))).status).toBe(200);
  });
});
