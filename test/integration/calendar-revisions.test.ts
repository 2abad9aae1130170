import pg from 'pg';
import { mainOffice, type MainOffice } from '../support/booking-factories.js';
import { hoursFromNow, RaceFactories } from '../support/race-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { readTestEnvironment } from '../support/test-environment.js';

/** Feed revisions are appended, never updated: bumping waits for no one, and folding keeps every sum. */
describe('calendar feed revisions', () => {
  let t: TestApp;
  let f: RaceFactories;
  let office: MainOffice;
  let a: pg.Client;
  let b: pg.Client;

  beforeAll(async () => {
    t = await createTestApp();
    f = new RaceFactories(t.db);
    office = await mainOffice(t, 'Esbjerg');
    a = new pg.Client({ connectionString: readTestEnvironment().databaseUrl });
    b = new pg.Client({ connectionString: readTestEnvironment().databaseUrl });
    await a.connect();
    await b.connect();
  }, 120_000);
  afterAll(async () => {
    await a.end();
    await b.end();
    await f.cleanup();
    await t.close();
  });

  const revisionOf = async (kind: string, subjectId: string) =>
    Number(
      (
        await t.db.query(
          `SELECT coalesce((SELECT revision FROM calendar_feed_revision WHERE kind = $1 AND subject_id = $2), 0)::int AS revision`,
          [kind, subjectId],
        )
      )[0].revision,
    );

  it('a bump never waits for another transaction bumping the same feed, and the revision moves at each commit', async () => {
    const [member] = await f.members(office.id, 1, 'follow-up');
    const before = await revisionOf('member', member.memberId);
    await a.query('BEGIN');
    await a.query(`SELECT bump_calendar_feed_revision('member', ARRAY[$1::uuid])`, [member.memberId]);
    await b.query('BEGIN');
    await b.query(`SET LOCAL lock_timeout = '2s'`);
    await b.query(`SELECT bump_calendar_feed_revision('member', ARRAY[$1::uuid])`, [member.memberId]);
    await b.query('COMMIT');
    // The later transaction committed first; the earlier one's commit still moves the revision.
    expect(await revisionOf('member', member.memberId)).toBe(before + 1);
    await a.query('COMMIT');
    expect(await revisionOf('member', member.memberId)).toBe(before + 2);
  });

  it('folding the log keeps every feed’s revision and its ETag (304 before and after)', async () => {
    // Every 256th change folds the log by itself; holding the folding lock keeps the rows this test counts unfolded
    // until it folds them itself, whatever the change ids of earlier test files are.
    await a.query(`SELECT pg_advisory_lock(1764100010)`);
    const adviser = await f.staff(office.id, 'adviser', ['netcafe']);
    const room = await f.room(office.id, 4);
    const [sessionId] = await f.sessions(
      { officeId: office.id, roomId: room, leaderId: adviser, activityCode: 'netcafe', capacity: 4, minutes: 120 },
      hoursFromNow(30),
      1,
    );
    for (let k = 0; k < 5; k++)
      await t.db.query(`UPDATE session SET capacity = $2 WHERE id = $1`, [sessionId, 4 - (k % 2)]);
    const feed = await t.http.get(`/calendar/offices/${office.id}.ics`);
    expect(feed.status).toBe(200);

    const sums = async () =>
      new Map<string, number>(
        (
          await t.db.query(
            `SELECT kind || ':' || subject_id AS key, revision::int AS revision FROM calendar_feed_revision`,
          )
        ).map((r: { key: string; revision: number }) => [r.key, r.revision]),
      );
    const rows = async () =>
      Number(
        (
          await t.db.query(
            `SELECT count(*)::int AS n FROM calendar_feed_change WHERE kind = 'session' AND subject_id = $1`,
            [sessionId],
          )
        )[0].n,
      );
    const before = await sums();
    expect(await rows()).toBeGreaterThan(1);
    await a.query(`SELECT pg_advisory_unlock(1764100010)`);
    const [{ folded }] = await t.db.query(`SELECT compact_calendar_feed_changes() AS folded`);
    expect(folded).toBeGreaterThan(0);
    expect(await rows()).toBe(1);
    expect(await sums()).toEqual(before);

    const again = await t.http.get(`/calendar/offices/${office.id}.ics`).set('If-None-Match', feed.headers.etag);
    expect(again.status).toBe(304);
    await t.db.query(`UPDATE session SET capacity = 2 WHERE id = $1`, [sessionId]);
    const changed = await t.http.get(`/calendar/offices/${office.id}.ics`).set('If-None-Match', feed.headers.etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(feed.headers.etag);
  });
});
