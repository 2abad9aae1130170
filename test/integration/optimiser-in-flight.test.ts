import { randomUUID } from 'node:crypto';
import { OptimiserRunsRepository } from '../../src/optimiser/optimiser-runs.repository.js';
import { CENTRAL } from '../support/booking-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * One queued or running optimiser run per planning scope (uq_optimiser_run_in_flight): the repository's insert
 * answers the run already in flight instead of a unique violation, so requests racing for the same scope all get
 * the one run, and none sees a constraint name.
 */
describe('optimiser: one run in flight per scope', () => {
  let t: TestApp;
  let runs: OptimiserRunsRepository;

  beforeAll(async () => {
    t = await createTestApp();
    runs = t.app.get(OptimiserRunsRepository);
  });
  afterAll(() => t.close());

  const newRun = (hash: string) => {
    const id = randomUUID();
    return {
      id,
      params: { from: '2031-03-03', to: '2031-03-07' } as never,
      paramsHash: hash,
      horizon: { start: new Date('2031-03-03'), end: new Date('2031-03-08') },
      origin: 'api' as const,
      jobId: `in-flight-test-${id}`,
      requestedBy: null,
    };
  };

  it('answers the run in flight to racing inserts, and stores a new one once that has finished', async () => {
    const hash = `in-flight-test-${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => runs.insertOrFindInFlight(newRun(hash))));
    expect(answers.filter((a) => a.created)).toHaveLength(1);
    const [winner] = answers.filter((a) => a.created);
    expect(new Set(answers.map((a) => a.run.id))).toEqual(new Set([winner.run.id]));
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM optimiser_run WHERE params_hash = $1`, [
      hash,
    ]);
    expect(count).toBe(1);

    await runs.markFailed(winner.run.id, 'test');
    const next = await runs.insertOrFindInFlight(newRun(hash));
    expect(next.created).toBe(true);
    expect(next.run.id).not.toBe(winner.run.id);
    await t.db.query(`DELETE FROM optimiser_run WHERE params_hash = $1`, [hash]);
  });

  it('gives concurrent requests for the same scope the same run (202, one row)', async () => {
    // A scope nobody else plans: a week in 2031 for one department.
    const [{ id: departmentId }] = await t.db.query(`SELECT id FROM department ORDER BY code LIMIT 1`);
    const body = { from: '2031-03-03', to: '2031-03-07', departmentIds: [departmentId], maxTravelKm: 17 };
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => t.http.post('/api/optimiser/runs').set(t.auth(CENTRAL)).send(body)),
    );
    expect(responses.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    const cancel = await t.http.delete(`/api/optimiser/runs/${responses[0].body.id}`).set(t.auth(CENTRAL));
    expect(cancel.status).toBe(200);
  });
});
