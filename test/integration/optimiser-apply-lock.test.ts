import pg from 'pg';
import { CENTRAL, createMembers, mainOffice, type MainOffice } from '../support/booking-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { readTestEnvironment } from '../support/test-environment.js';

/** A second apply while the first is still writing answers 409 APPLY_IN_PROGRESS at once, or the first one's result. */
describe('applying an optimiser run twice at once', () => {
  let t: TestApp;
  let office: MainOffice;

  beforeAll(async () => {
    t = await createTestApp({ RUN_WORKERS: 'true' });
    office = await mainOffice(t, 'Aalborg');
  }, 120_000);
  afterAll(() => t.close());

  async function doneRun(firstDay: string, members: number): Promise<string> {
    await createMembers(t, office, members, {
      firstUnemploymentDay: firstDay,
      targetGroup: 'newly-graduated-it',
      basicItNeeds: true,
    });
    const windowStart = new Date(`${firstDay}T12:00:00Z`);
    windowStart.setUTCDate(windowStart.getUTCDate() + 14);
    const from = windowStart.toISOString().slice(0, 10);
    windowStart.setUTCDate(windowStart.getUTCDate() + 6);
    const queued = await t.http
      .post('/api/optimiser/runs')
      .set(t.auth(CENTRAL))
      .send({
        from,
        to: windowStart.toISOString().slice(0, 10),
        activityTypes: ['netcafe'],
        departmentIds: [office.departmentId],
      });
    expect(queued.status).toBe(202);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const run = await t.http.get(`/api/optimiser/runs/${queued.body.id}`).set(t.auth(CENTRAL));
      if (run.body.status === 'done') return queued.body.id;
      if (['failed', 'cancelled'].includes(run.body.status) || Date.now() > deadline)
        throw new Error(`run ended ${run.body.status}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('answers 409 APPLY_IN_PROGRESS within seconds while another apply holds the run', async () => {
    const runId = await doneRun('2027-05-03', 4);
    // Another apply of a large proposal, still writing: it holds the run's row until it commits.
    const other = new pg.Client({ connectionString: readTestEnvironment().databaseUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT id FROM optimiser_run WHERE id = $1 FOR UPDATE`, [runId]);
      const started = Date.now();
      const second = await t.http.post(`/api/optimiser/runs/${runId}/apply`).set(t.auth(CENTRAL));
      expect({ status: second.status, code: second.body.code }).toEqual({ status: 409, code: 'APPLY_IN_PROGRESS' });
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
    const applied = await t.http.post(`/api/optimiser/runs/${runId}/apply`).set(t.auth(CENTRAL));
    expect(applied.status).toBe(200);
    expect(applied.body.alreadyApplied).toBe(false);
  }, 120_000);

  it('two concurrent applies: one applies, the other gets its report or 409 APPLY_IN_PROGRESS; nothing is booked twice', async () => {
    const runId = await doneRun('2027-05-17', 12);
    const answers = await Promise.all(
      [0, 1].map(() =>
        t.http
          .post(`/api/optimiser/runs/${runId}/apply`)
          .set(t.auth(CENTRAL))
          .then((r) => r),
      ),
    );
    const first = answers.find((a) => a.status === 200 && a.body.alreadyApplied === false);
    expect(first).toBeDefined();
    const second = answers.find((a) => a !== first)!;
    if (second.status === 200) {
      expect(second.body.alreadyApplied).toBe(true);
      expect(second.body.report).toEqual(first!.body.report);
    } else {
      expect({ status: second.status, code: second.body.code }).toEqual({ status: 409, code: 'APPLY_IN_PROGRESS' });
    }
    const seats = first!.body.report.seatsBooked as { memberId: string }[];
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM booking WHERE member_id = ANY($1::uuid[]) AND status = 'booked'`,
      [seats.map((s) => s.memberId)],
    );
    expect(count).toBe(seats.length);
  }, 120_000);
});
