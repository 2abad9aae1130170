import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import {
  checkProposal,
  optimiseSessions,
  type OptimiserInstance,
  type Proposal,
} from '../../src/optimiser/core/index.js';
import { OptimiserProcessor } from '../../src/optimiser/optimiser.processor.js';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '../../src/common/queue/queue-names.js';
import {
  adviserAt,
  CENTRAL,
  copenhagen,
  createMembers,
  itemOf,
  mainOffice,
  type MainOffice,
} from '../support/booking-factories.js';
import { seedBusyOffice } from '../support/optimiser-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildWorker, startWorkerProcess } from '../support/worker-process.js';

interface RunView {
  id: string;
  status: string;
  progress: number;
  attempts: number;
  summary: { placed: number; unplaced: number; sessionsOpened: number; status: string } | null;
}

interface ProposalView {
  newSessions: {
    key: string;
    activityCode: string;
    office: { id: string };
    room: { id: string };
    start: string;
    end: string;
    leaders: { staffId: string; role: string }[];
    members: { memberId: string; programmeItemId: string }[];
  }[];
  seatsInExistingSessions: { sessionId: string; members: { memberId: string }[] }[];
  unplaced: { memberId: string; reason: string }[];
  summary: { placed: number };
}

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('group-session optimiser', () => {
  let t: TestApp;
  let office: MainOffice;

  beforeAll(async () => {
    t = await createTestApp({ RUN_WORKERS: 'true' });
    office = await mainOffice(t, 'Odense');
  });
  afterAll(() => t.close());

  /** Runs this file started: other test files share the database and store runs of their own (some hand-made). */
  const startedRuns = new Set<string>();
  const post = async (body: Record<string, unknown>) => {
    const response = await t.http.post('/api/optimiser/runs').set(t.auth(CENTRAL)).send(body);
    if (typeof response.body?.id === 'string') startedRuns.add(response.body.id);
    return response;
  };
  const get = async (id: string): Promise<RunView> =>
    (await t.http.get(`/api/optimiser/runs/${id}`).set(t.auth(CENTRAL))).body;
  const finished = (id: string, timeoutMs = 20_000) =>
    waitFor(
      async () => {
        const run = await get(id);
        return ['done', 'failed', 'cancelled'].includes(run.status) ? run : undefined;
      },
      timeoutMs,
      `run ${id}`,
    );
  const proposalOf = async (id: string): Promise<ProposalView> => {
    const response = await t.http.get(`/api/optimiser/runs/${id}/proposal`).set(t.auth(CENTRAL));
    expect(response.status).toBe(200);
    return response.body;
  };
  /** Netcafé members of one department whose week-3 window is the week after `firstDay` + 14 days. */
  const netcafeScope = (firstDay: string) => {
    const windowStart = new Date(`${firstDay}T12:00:00Z`);
    windowStart.setUTCDate(windowStart.getUTCDate() + 14);
    const from = windowStart.toISOString().slice(0, 10);
    windowStart.setUTCDate(windowStart.getUTCDate() + 6);
    return {
      from,
      to: windowStart.toISOString().slice(0, 10),
      activityTypes: ['netcafe'],
      departmentIds: [office.departmentId],
    };
  };

  it('validates the request field by field, and keeps other roles out', async () => {
    const bad = await post({ from: '2027-13-01', to: 'soon', maxTravelKm: 0, activityTypes: 'netcafe', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['from', 'to', 'maxTravelKm', 'activityTypes', 'extra']),
    );
    const unknown = await post({ from: '2027-01-04', to: '2027-01-10', activityTypes: ['cv-meeting'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('UNKNOWN_ACTIVITY');
    const backwards = await post({ from: '2027-01-10', to: '2027-01-04' });
    expect(backwards.body.code).toBe('INVALID_PERIOD');
    const tooLong = await post({ from: '2027-01-04', to: '2027-12-31' });
    expect(tooLong.body.code).toBe('HORIZON_TOO_LONG');
    const adviser = await t.http
      .post('/api/optimiser/runs')
      .set(t.auth({ role: 'adviser', subjectId: CENTRAL.subjectId, departmentId: office.departmentId }))
      .send({ from: '2027-01-04', to: '2027-01-10' });
    expect(adviser.status).toBe(403);
    expect(
      (await t.http.get('/api/optimiser/runs/6f0c4a8e-0000-4000-8000-000000000000').set(t.auth(CENTRAL))).status,
    ).toBe(404);
    expect((await t.http.get('/api/optimiser/runs/not-a-uuid').set(t.auth(CENTRAL))).status).toBe(400);
  });

  it('round-trips a run through the real queue; apply leaves out a member who booked by hand meanwhile', async () => {
    const scope = netcafeScope('2027-01-04');
    const members = await createMembers(t, office, 6, {
      firstUnemploymentDay: '2027-01-04',
      targetGroup: 'it',
      basicItNeeds: true,
    });
    const queued = await post(scope);
    expect(queued.status).toBe(202);
    expect(['queued', 'running', 'done']).toContain(queued.body.status);
    const run = await finished(queued.body.id);
    expect(run.status).toBe('done');
    expect(run.summary).toMatchObject({ placed: 6, unplaced: 0 });
    const proposal = await proposalOf(run.id);
    expect(proposal.newSessions.length).toBeGreaterThanOrEqual(2);
    for (const session of proposal.newSessions) {
      expect(session.activityCode).toBe('netcafe');
      expect(session.members.length).toBeGreaterThanOrEqual(2);
      expect(session.members.length).toBeLessThanOrEqual(4);
      expect(session.leaders).toEqual([expect.objectContaining({ role: 'adviser' })]);
    }
    const memberIds = new Set(members.map((m) => m.id));
    expect(
      proposal.newSessions
        .flatMap((s) => s.members.map((m) => m.memberId))
        .filter((id) => memberIds.has(id))
        .sort(),
    ).toEqual([...memberIds].sort());

    // One member of the largest group books another netcafé by hand before the proposal is applied.
    const largest = [...proposal.newSessions].sort((a, b) => b.members.length - a.members.length)[0];
    const handBooker = members.find((m) => m.id === largest.members[0].memberId)!;
    const usedDays = new Set(proposal.newSessions.map((s) => s.start.slice(0, 10)));
    const freeDay = ['0', '1', '2', '3']
      .map((d) => `${scope.from.slice(0, 8)}${String(Number(scope.from.slice(8)) + Number(d)).padStart(2, '0')}`)
      .find((d) => !usedDays.has(d))!;
    const adviser = await adviserAt(t, office.id, 0);
    const manual = await t.http
      .post(`/api/offices/${office.id}/sessions`)
      .set(t.auth(CENTRAL))
      .send({
        activityCode: 'netcafe',
        roomId: office.rooms[0].id,
        leaderIds: [adviser.id],
        start: copenhagen(freeDay, '13:00'),
      });
    expect(manual.status).toBe(201);
    const byHand = await t.http
      .post('/api/bookings')
      .set(t.auth(CENTRAL))
      .send({ memberId: handBooker.id, programmeItemId: itemOf(handBooker, 'netcafe').id, sessionId: manual.body.id });
    expect(byHand.status).toBe(201);

    const applied = await t.http.post(`/api/optimiser/runs/${run.id}/apply`).set(t.auth(CENTRAL));
    expect(applied.status).toBe(200);
    expect(applied.body.alreadyApplied).toBe(false);
    expect(applied.body.report.leftOut).toEqual([
      expect.objectContaining({ memberId: handBooker.id, reason: 'ALREADY_BOOKED' }),
    ]);
    expect(applied.body.report.sessionsCreated).toHaveLength(proposal.newSessions.length);
    expect(applied.body.report.seatsBooked).toHaveLength(5);
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM booking WHERE status = 'booked' AND member_id = ANY($1::uuid[]) AND activity_code = 'netcafe'`,
      [[...memberIds]],
    );
    expect(count).toBe(6);
  });

  it('proposes no session at a deactivated office (apply would refuse it: OFFICE_INACTIVE)', async () => {
    const scope = netcafeScope('2027-02-01');
    await createMembers(t, office, 4, { firstUnemploymentDay: '2027-02-01', targetGroup: 'it', basicItNeeds: true });
    await t.db.query(`UPDATE office SET active = false WHERE id = $1`, [office.id]);
    try {
      const queued = await post(scope);
      expect(queued.status).toBe(202);
      const run = await finished(queued.body.id);
      expect(run.status).toBe('done');
      const proposal = await proposalOf(run.id);
      expect(proposal.newSessions.filter((s) => s.office.id === office.id)).toEqual([]);
      const applied = await t.http.post(`/api/optimiser/runs/${run.id}/apply`).set(t.auth(CENTRAL));
      expect(applied.status).toBe(200);
      expect(applied.body.report.sessionsNotCreated).toEqual([]);
      expect(applied.body.report.sessionsCreated).toHaveLength(proposal.newSessions.length);
    } finally {
      await t.db.query(`UPDATE office SET active = true WHERE id = $1`, [office.id]);
    }
  });

  it('deduplicates identical parameters while a run is queued, and cancels a queued run', async () => {
    // A paused queue keeps its jobs waiting, so the runs stay queued for as long as the test needs.
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Optimiser));
    await queue.pause();
    try {
      const scope = { ...netcafeScope('2027-02-01'), maxTravelKm: 45 };
      const [a, b] = await Promise.all([post(scope), post({ ...scope, timeLimitSeconds: 5 })]);
      expect(a.status).toBe(202);
      expect(b.body.id).toBe(a.body.id);
      const c = await post({ ...scope, activityTypes: ['netcafe', 'netcafe'].slice(0, 1) });
      expect(c.body.id).toBe(a.body.id);
      const other = await post({ ...scope, maxTravelKm: 50 });
      expect(other.body.id).not.toBe(a.body.id);
      const cancelled = await t.http.delete(`/api/optimiser/runs/${a.body.id}`).set(t.auth(CENTRAL));
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelRequested: true });
      expect((await t.http.delete(`/api/optimiser/runs/${a.body.id}`).set(t.auth(CENTRAL))).status).toBe(200);
      const proposal = await t.http.get(`/api/optimiser/runs/${a.body.id}/proposal`).set(t.auth(CENTRAL));
      expect(proposal.status).toBe(409);
      expect(proposal.body.code).toBe('RUN_NOT_DONE');
      const again = await post(scope);
      expect(again.body.id).not.toBe(a.body.id);
      await t.http.delete(`/api/optimiser/runs/${other.body.id}`).set(t.auth(CENTRAL));
      await t.http.delete(`/api/optimiser/runs/${again.body.id}`).set(t.auth(CENTRAL));
    } finally {
      await queue.resume();
    }
  });

  it('applies once: a second apply and two concurrent applies book nothing twice', async () => {
    const scope = netcafeScope('2027-03-01');
    const members = await createMembers(t, office, 5, {
      firstUnemploymentDay: '2027-03-01',
      targetGroup: 'newly-graduated-it',
      basicItNeeds: true,
    });
    const run = await finished((await post(scope)).body.id);
    expect(run.status).toBe('done');
    const early = await t.http
      .post(`/api/optimiser/runs/${run.id}/apply`)
      .set(t.auth({ role: 'member', subjectId: members[0].id }));
    expect(early.status).toBe(403);
    const [first, second] = await Promise.all([
      t.http.post(`/api/optimiser/runs/${run.id}/apply`).set(t.auth(CENTRAL)),
      t.http.post(`/api/optimiser/runs/${run.id}/apply`).set(t.auth(CENTRAL)),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([first.body.alreadyApplied, second.body.alreadyApplied].sort()).toEqual([false, true]);
    expect(second.body.report).toEqual(first.body.report);
    const third = await t.http.post(`/api/optimiser/runs/${run.id}/apply`).set(t.auth(CENTRAL));
    expect(third.body).toMatchObject({ alreadyApplied: true });
    const rows: { memberId: string; bookings: number }[] = await t.db.query(
      `SELECT m AS "memberId", (SELECT count(*)::int FROM booking b WHERE b.member_id = m AND b.activity_code = 'netcafe') AS bookings
       FROM unnest($1::uuid[]) AS m`,
      [members.map((m) => m.id)],
    );
    expect(rows.map((r) => r.bookings)).toEqual([1, 1, 1, 1, 1]);
    const sessionIds = (first.body.report.sessionsCreated as { sessionId: string }[]).map((s) => s.sessionId);
    const sessions: { booked: number; origin: string }[] = await t.db.query(
      `SELECT booked, origin FROM session WHERE id = ANY($1::uuid[])`,
      [sessionIds],
    );
    expect(sessions.every((s) => s.origin === 'optimiser' && s.booked >= 2 && s.booked <= 4)).toBe(true);
    expect(sessions.reduce((sum, s) => sum + s.booked, 0)).toBe(5);
    const status = (await get(run.id)) as RunView & { appliedAt: string | null };
    expect(status.appliedAt).not.toBeNull();
  });

  it('stores only proposals that pass the independent checker', async () => {
    const stored: { id: string; instance: OptimiserInstance; proposal: Proposal }[] = await t.db.query(
      `SELECT id, instance, proposal FROM optimiser_run WHERE proposal IS NOT NULL AND id = ANY($1::uuid[])`,
      [[...startedRuns]],
    );
    expect(stored.length).toBeGreaterThanOrEqual(2);
    for (const run of stored)
      expect({ id: run.id, violations: checkProposal(run.instance, run.proposal) }).toEqual({
        id: run.id,
        violations: [],
      });
  });
  describe('in separate worker processes', () => {
    const buildDir = path.resolve('.data', `optimiser-test-build-${process.pid}`);
    const workers: ChildProcess[] = [];
    const busyScope = { from: '2027-04-19', to: '2027-06-13', departmentIds: [] as string[] };

    const startWorker = async (): Promise<ChildProcess> => {
      const child = await startWorkerProcess(buildDir);
      workers.push(child);
      return child;
    };

    const runRow = async (id: string): Promise<{ status: string; attempts: number }> =>
      (await t.db.query(`SELECT status, attempts FROM optimiser_run WHERE id = $1`, [id]))[0];
    const running = (id: string) =>
      waitFor(async () => ((await runRow(id)).status === 'running' ? true : undefined), 15_000, `run ${id} to start`);

    beforeAll(async () => {
      await buildWorker(buildDir);
      busyScope.departmentIds = [office.departmentId];
      await seedBusyOffice(t, office, 300, '2027-04-05', `busy-${process.pid}`);
      // From here on only the spawned worker processes take optimiser jobs.
      await t.app.get(OptimiserProcessor).worker.close();
      await startWorker();
      // A full tsc compile takes about 90 s on a busy 2-core machine.
    }, 240_000);

    afterAll(async () => {
      await Promise.all(
        workers
          .filter((w) => w.exitCode === null && w.signalCode === null)
          .map(
            (w) =>
              new Promise((resolve) => {
                w.once('exit', resolve);
                w.kill('SIGTERM');
              }),
          ),
      );
      await rm(buildDir, { recursive: true, force: true });
    });

    it('cancels a running solve: the watchdog stops it and the run ends cancelled', async () => {
      const queued = await post({ ...busyScope, maxTravelKm: 59 });
      await running(queued.body.id);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const cancel = await t.http.delete(`/api/optimiser/runs/${queued.body.id}`).set(t.auth(CENTRAL));
      expect(cancel.status).toBe(200);
      expect(cancel.body.cancelRequested).toBe(true);
      const run = await finished(queued.body.id);
      expect(run.status).toBe('cancelled');
      if (run.summary) expect(run.summary.status).toBe('stopped');
      expect((await t.http.delete(`/api/optimiser/runs/${queued.body.id}`).set(t.auth(CENTRAL))).body.status).toBe(
        'cancelled',
      );
    }, 30_000);

    it('finishes a run with the same outcome after its worker is killed mid-run', async () => {
      const queued = await post(busyScope);
      await running(queued.body.id);
      const [first] = workers.filter((w) => w.exitCode === null && w.signalCode === null);
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('exit', resolve));
      expect(await runRow(queued.body.id)).toMatchObject({ status: 'running', attempts: 1 });
      await startWorker();
      const run = await finished(queued.body.id, 120_000);
      expect(run.status).toBe('done');
      expect(run.attempts).toBe(2);
      const [stored] = (await t.db.query(`SELECT instance, proposal FROM optimiser_run WHERE id = $1`, [
        queued.body.id,
      ])) as { instance: OptimiserInstance; proposal: Proposal }[];
      expect(stored.proposal.summary.status).toBe('complete');
      expect(stored.proposal.summary.placed).toBeGreaterThan(50);
      // The search is bounded by iterations, so a run that completes gives the same proposal however long it
      // took; the time limit only has to be out of reach on a busy machine.
      const uninterrupted = optimiseSessions(stored.instance, { timeLimitMs: 240_000 });
      expect(uninterrupted.summary.status).toBe('complete');
      const outcome = (p: Proposal) => ({
        newSessions: p.newSessions,
        existingSeats: p.existingSeats,
        placements: p.placements,
        unplaced: p.unplaced,
        placed: p.summary.placed,
      });
      expect(outcome(stored.proposal)).toEqual(outcome(uninterrupted));
      expect(checkProposal(stored.instance, stored.proposal)).toEqual([]);
    }, 420_000);
  });
});
