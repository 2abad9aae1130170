import pg from 'pg';
import { mainOffice, type MainOffice } from '../support/booking-factories.js';
import { createTestAppWithDatabase, startPgProxy, type PgProxy } from '../support/pg-proxy.js';
import { hoursFromNow, RaceFactories, type RaceMember } from '../support/race-factories.js';
import type { TestApp } from '../support/test-app.js';
import { readTestEnvironment } from '../support/test-environment.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * PostgreSQL goes away in the middle of a booking with an Idempotency-Key. Whatever happened to the first
 * request, the key must not stay "in flight", and a retry with the same key and body either replays the
 * committed 201 or books once.
 */
describe('idempotency keys across a database blip', () => {
  let proxy: PgProxy;
  let t: TestApp;
  let admin: pg.Client;
  let f: RaceFactories;
  let office: MainOffice;
  let adviser: string;
  let nextSlotHour = 0;

  beforeAll(async () => {
    const { databaseUrl } = readTestEnvironment();
    proxy = await startPgProxy(databaseUrl);
    t = await createTestAppWithDatabase(proxy.url);
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    f = new RaceFactories(t.db);
    office = await mainOffice(t, 'Vejle');
    adviser = await f.staff(office.id, 'adviser', []);
    // Holds the statement that stores a key's response (insert or update to 'done') for keys the test names,
    // so the test can kill its connection at that moment, whichever way the service writes it.
    await admin.query(`CREATE TABLE test_slow_idempotency_key (key text PRIMARY KEY)`);
    await admin.query(`
      CREATE FUNCTION test_slow_idempotency_store() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'done' AND EXISTS (SELECT 1 FROM test_slow_idempotency_key WHERE key = NEW.key) THEN
          PERFORM pg_sleep(30);
        END IF;
        RETURN NEW;
      END $$`);
    await admin.query(
      `CREATE TRIGGER tr_test_slow_idempotency_store BEFORE INSERT OR UPDATE ON idempotency_key FOR EACH ROW EXECUTE FUNCTION test_slow_idempotency_store()`,
    );
  }, 120_000);
  afterAll(async () => {
    await admin.query(`DROP TRIGGER IF EXISTS tr_test_slow_idempotency_store ON idempotency_key`);
    await admin.query(`DROP FUNCTION IF EXISTS test_slow_idempotency_store`);
    await admin.query(`DROP TABLE IF EXISTS test_slow_idempotency_key`);
    await admin.end();
    await f.cleanup();
    await t.close();
    await proxy.close();
  });

  async function memberWithSlot(): Promise<{ member: RaceMember; slotId: string }> {
    const [slotId] = await f.slots(
      office.id,
      adviser,
      new Date(hoursFromNow(20).getTime() + nextSlotHour++ * 3600_000),
      1,
    );
    const [member] = await f.members(office.id, 1, 'follow-up');
    return { member, slotId };
  }

  const book = (member: RaceMember, slotId: string, key: string) =>
    t.http
      .post('/api/bookings')
      .set(t.auth({ role: 'member', subjectId: member.memberId }))
      .set('Idempotency-Key', key)
      .send({ memberId: member.memberId, programmeItemId: member.itemId, slotId });

  /** The backend storing the key's response, once it is there. */
  async function storingBackend(): Promise<number> {
    for (let i = 0; i < 200; i++) {
      const rows = await admin.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'`,
      );
      if (rows.rows.length > 0) return rows.rows[0].pid;
      await sleep(50);
    }
    throw new Error('the request never reached the point of storing its response');
  }

  async function expectBookedOnceAndReplayable(member: RaceMember, slotId: string, key: string) {
    const retry = await book(member, slotId, key);
    expect({ status: retry.status, code: retry.body.code }).toEqual({ status: 201, code: undefined });
    const live = await admin.query(`SELECT id FROM booking WHERE programme_item_id = $1 AND status = 'booked'`, [
      member.itemId,
    ]);
    expect(live.rows).toEqual([{ id: retry.body.id }]);
    const again = await book(member, slotId, key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(retry.body.id);
  }

  it('a connection killed while the response is stored: the retry replays the booking or books once', async () => {
    const { member, slotId } = await memberWithSlot();
    const key = `blip-killed-${member.memberId}`;
    await admin.query(`INSERT INTO test_slow_idempotency_key (key) VALUES ($1)`, [key]);
    const first = book(member, slotId, key).then((r) => r);
    const pid = await storingBackend();
    await admin.query(`DELETE FROM test_slow_idempotency_key WHERE key = $1`, [key]);
    await admin.query(`SELECT pg_terminate_backend($1)`, [pid]);
    const answer = await first;
    expect(answer.status).not.toBe(201);
    await expectBookedOnceAndReplayable(member, slotId, key);
  }, 60_000);

  it('the database gone while the response is stored: once it is back, the key is not stuck in flight', async () => {
    const { member, slotId } = await memberWithSlot();
    const key = `blip-gone-${member.memberId}`;
    await admin.query(`INSERT INTO test_slow_idempotency_key (key) VALUES ($1)`, [key]);
    const first = book(member, slotId, key).then((r) => r);
    const pid = await storingBackend();
    await admin.query(`DELETE FROM test_slow_idempotency_key WHERE key = $1`, [key]);
    proxy.cut();
    await admin.query(`SELECT pg_terminate_backend($1)`, [pid]);
    const answer = await first;
    expect(answer.status).toBeGreaterThanOrEqual(500);
    proxy.restore();
    await expectBookedOnceAndReplayable(member, slotId, key);
  }, 60_000);

  it('a claim left in flight by an older process expires; a fresh one still answers 409', async () => {
    const { member, slotId } = await memberWithSlot();
    const owner = `member:${member.memberId}`;
    await admin.query(
      `INSERT INTO idempotency_key (principal, key, request_hash, created_at) VALUES ($1, 'stale', 'x', now() - interval '1 hour'), ($1, 'fresh', 'x', now())`,
      [owner],
    );
    const fresh = await book(member, slotId, 'fresh');
    expect({ status: fresh.status, code: fresh.body.code }).toEqual({ status: 409, code: 'IDEMPOTENCY_IN_FLIGHT' });
    await expectBookedOnceAndReplayable(member, slotId, 'stale');
  });
});
