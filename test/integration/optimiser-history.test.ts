import { randomUUID } from 'node:crypto';
import { CENTRAL } from '../support/booking-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// Runs are written straight into optimiser_run (as a worker and an apply would leave them): these routes only read.
// Other test files share the database and leave runs of their own, so these are dated a day ahead: the newest.
describe('optimiser history: past runs and the paged unplaced list', () => {
  let t: TestApp;
  let members: { id: string; memberNumber: string; office: string }[];
  const runs = { nightly: randomUUID(), applied: randomUUID(), failed: randomUUID(), running: randomUUID() };

  async function insertRun(
    id: string,
    row: {
      origin: 'api' | 'nightly';
      status: string;
      createdMinutesAgo: number;
      proposal?: unknown;
      summary?: unknown;
      applyReport?: unknown;
      error?: string;
    },
  ) {
    await t.db.query(
      `INSERT INTO optimiser_run (id, params, params_hash, horizon, origin, status, job_id, summary, proposal, error, created_at, finished_at, applied_at, apply_report, progress)
       VALUES ($1::uuid, $2::jsonb, $10, tstzrange(now(), now() + interval '7 days', '[)'), $3, $4::text, $11, $5::jsonb, $6::jsonb, $7,
               now() + interval '1 day' - make_interval(mins => $8), CASE WHEN $4::text IN ('done', 'failed', 'cancelled') THEN now() END,
               CASE WHEN $9::jsonb IS NULL THEN NULL ELSE now() END, $9::jsonb, CASE WHEN $4::text = 'running' THEN 0.5 ELSE 1 END)`,
      [
        id,
        JSON.stringify({
          from: '2027-01-04',
          to: '2027-01-31',
          activityTypes: ['netcafe'],
          departmentIds: null,
          maxTravelKm: 40,
          timeLimitSeconds: null,
        }),
        row.origin,
        row.status,
        row.summary === undefined ? null : JSON.stringify(row.summary),
        row.proposal === undefined ? null : JSON.stringify(row.proposal),
        row.error ?? null,
        row.createdMinutesAgo,
        row.applyReport === undefined ? null : JSON.stringify(row.applyReport),
        `hash-${id}`,
        `job-${id}`,
      ],
    );
  }

  beforeAll(async () => {
    t = await createTestApp();
    members = await t.db.query(
      `SELECT m.id, m.member_number AS "memberNumber", o.name AS office FROM member m JOIN office o ON o.id = m.home_office_id ORDER BY m.member_number LIMIT 120`,
    );
    const unplaced = members.map((m, i) => ({
      memberId: m.id,
      itemId: randomUUID(),
      activityId: i % 2 ? 'netcafe' : 'workshop-skriv',
      reason: i % 3 ? 'no-session-within-reach' : 'below-minimum',
      ...(i === 0 ? { hint: 'Brønderslev; 1 more member, "nearly"' } : {}),
    }));
    const summary = {
      items: 217,
      placed: 97,
      unplaced: 120,
      sessionsOpened: 30,
      seatsInExistingSessions: 7,
      gap: 0.0125,
      // A solver status as the optimiser writes it (the run's own status is 'done'): api-responses-b.test checks
      // every stored run in the shared database against the schema.
      status: 'complete',
      upperBound: 99,
    };
    await insertRun(runs.nightly, {
      origin: 'nightly',
      status: 'done',
      createdMinutesAgo: 600,
      summary,
      proposal: { unplaced, newSessions: [], placements: [], existingSeats: [], summary },
    });
    const seats = [1, 2, 3].map((k) => ({
      sessionId: randomUUID(),
      bookingId: `00000000-0000-4000-8000-00000000000${k}`,
    }));
    await insertRun(runs.applied, {
      origin: 'api',
      status: 'done',
      createdMinutesAgo: 60,
      summary,
      proposal: { unplaced: unplaced.slice(0, 3), newSessions: [], placements: [], existingSeats: [], summary },
      applyReport: {
        sessionsCreated: [{ sessionId: seats[0].sessionId, bookings: 2 }],
        sessionsNotCreated: [{ key: 'x', reason: 'ROOM_BUSY' }],
        seatsBooked: seats,
        leftOut: [{}],
      },
    });
    await insertRun(runs.failed, {
      origin: 'api',
      status: 'failed',
      createdMinutesAgo: 30,
      error: 'No group activities in scope',
    });
    await insertRun(runs.running, { origin: 'api', status: 'running', createdMinutesAgo: 1 });
  });
  afterAll(() => t.close());

  it('lists past runs newest first with status and result, the nightly one too, and filters by origin', async () => {
    const response = await t.http.get('/api/optimiser/runs').set(t.auth(CENTRAL));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ limit: 20, offset: 0 });
    expect(response.body.total).toBeGreaterThanOrEqual(4);
    expect(response.body.runs.slice(0, 4).map((r: { id: string }) => r.id)).toEqual([
      runs.running,
      runs.failed,
      runs.applied,
      runs.nightly,
    ]);
    const [running, failed, applied, nightly] = response.body.runs;
    expect(running).toMatchObject({ status: 'running', origin: 'api', result: null, applied: null, progress: 0.5 });
    expect(failed).toMatchObject({ status: 'failed', error: 'No group activities in scope', result: null });
    // Bookings counted once: the three seats booked, not the new session's two added again.
    expect(applied).toMatchObject({
      status: 'done',
      applied: { sessionsCreated: 1, sessionsNotCreated: 1, bookings: 3, leftOut: 1 },
      appliedAt: expect.any(String),
    });
    expect(nightly).toMatchObject({
      origin: 'nightly',
      status: 'done',
      params: { from: '2027-01-04', to: '2027-01-31', activityTypes: ['netcafe'], maxTravelKm: 40 },
      result: {
        items: 217,
        placed: 97,
        unplaced: 120,
        sessionsOpened: 30,
        seatsInExistingSessions: 7,
        gap: 0.0125,
        solveStatus: 'complete',
      },
      applied: null,
    });
    expect(nightly).not.toHaveProperty('proposal');

    const onlyNightly = await t.http.get('/api/optimiser/runs').query({ origin: 'nightly' }).set(t.auth(CENTRAL));
    expect(onlyNightly.body.runs[0].id).toBe(runs.nightly);
    expect(onlyNightly.body.runs.every((r: { origin: string }) => r.origin === 'nightly')).toBe(true);
    const page = await t.http.get('/api/optimiser/runs').query({ limit: 2, offset: 1 }).set(t.auth(CENTRAL));
    expect(page.body).toMatchObject({ total: response.body.total, limit: 2, offset: 1 });
    expect(page.body.runs.map((r: { id: string }) => r.id)).toEqual([runs.failed, runs.applied]);
    const bad = await t.http.get('/api/optimiser/runs').query({ limit: 0, origin: 'cron' }).set(t.auth(CENTRAL));
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['limit', 'origin']);
    expect(
      (
        await t.http
          .get('/api/optimiser/runs')
          .set(t.auth({ role: 'office-coordinator', subjectId: randomUUID(), departmentId: randomUUID() }))
      ).status,
    ).toBe(403);
  });

  it('pages the whole unplaced list with member numbers and home offices', async () => {
    const first = await t.http.get(`/api/optimiser/runs/${runs.nightly}/unplaced`).set(t.auth(CENTRAL));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ runId: runs.nightly, total: 120, limit: 50, offset: 0 });
    expect(first.body.items).toHaveLength(50);
    expect(first.body.items[0]).toMatchObject({
      memberId: members[0].id,
      memberNumber: members[0].memberNumber,
      homeOfficeName: members[0].office,
      activityCode: 'workshop-skriv',
      reason: 'below-minimum',
      hint: 'Brønderslev; 1 more member, "nearly"',
    });
    const last = await t.http
      .get(`/api/optimiser/runs/${runs.nightly}/unplaced`)
      .query({ limit: 50, offset: 100 })
      .set(t.auth(CENTRAL));
    expect(last.body.items.map((i: { memberNumber: string }) => i.memberNumber)).toEqual(
      members.slice(100).map((m) => m.memberNumber),
    );
    expect((await t.http.get(`/api/optimiser/runs/${runs.running}/unplaced`).set(t.auth(CENTRAL))).body.code).toBe(
      'RUN_NOT_DONE',
    );
    expect((await t.http.get(`/api/optimiser/runs/${randomUUID()}/unplaced`).set(t.auth(CENTRAL))).status).toBe(404);
  });

  it('answers every unplaced item as RFC 4180 CSV, or the Danish Excel dialect with dialect=excel-da', async () => {
    const plain = await t.http
      .get(`/api/optimiser/runs/${runs.nightly}/unplaced`)
      .set(t.auth(CENTRAL))
      .set('Accept', 'text/csv');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(plain.headers['content-disposition']).toBe(`attachment; filename="optimiser-unplaced-${runs.nightly}.csv"`);
    const lines = plain.text.split('\r\n');
    expect(lines[0]).toBe('member_number,home_office,activity_code,activity_name,reason,hint,programme_item_id');
    expect(lines).toHaveLength(122); // header, 120 rows, the empty string after the last CRLF
    expect(lines[1]).toContain(`${members[0].memberNumber},${members[0].office},workshop-skriv,`);
    expect(lines[1]).toContain(',below-minimum,"Brønderslev; 1 more member, ""nearly""",');

    const excel = await t.http
      .get(`/api/optimiser/runs/${runs.nightly}/unplaced`)
      .query({ dialect: 'excel-da' })
      .set(t.auth(CENTRAL))
      .set('Accept', 'text/csv');
    expect(excel.status).toBe(200);
    expect(excel.text.charCodeAt(0)).toBe(0xfeff);
    const excelLines = excel.text.slice(1).split('\r\n');
    expect(excelLines[0]).toBe('member_number;home_office;activity_code;activity_name;reason;hint;programme_item_id');
    expect(excelLines[1]).toContain(';below-minimum;"Brønderslev; 1 more member, ""nearly""";');
  });
});
