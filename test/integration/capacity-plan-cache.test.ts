import pg from 'pg';
import { CapacityPlanCacheService } from '../../src/capacity/plan/cache/capacity-plan-cache.service.js';
import { PlanInputsVersion } from '../../src/capacity/plan/cache/plan-inputs-version.js';
import { createEmptyDatabase, createTestApp, type TestApp } from '../support/test-app.js';

const central = { role: 'central-coordinator' as const, subjectId: '00000000-0000-4000-8000-0000000000d1' };
const QUERY = { weeks: 3 };

interface Plan {
  from: string;
  summary: { supplyHours: number; demandHours: number };
  offices: { id: string; code: string; name: string; departmentId: string }[];
  rows: {
    officeId: string;
    week: string;
    supplyHours: number;
    demandHours: number;
  }[];
}

/**
 * The plan kept per inputs version: after a committed change to any input table the next plan is the freshly computed
 * one, an office coordinator's plan is only ever their department's, and concurrent requests compute once. Runs on a
 * database of its own (with the demo organisation), because it changes staff, history and templates.
 */
describe('capacity plan cache', () => {
  let database: { url: string; drop(): Promise<void> };
  let cached: TestApp;
  let uncached: TestApp;

  beforeAll(async () => {
    database = await createEmptyDatabase('plan_cache');
    cached = await createTestApp({}, { databaseUrl: database.url });
    uncached = await createTestApp({ CAPACITY_PLAN_CACHE_ENTRIES: '0' }, { databaseUrl: database.url, demo: false });
  });
  afterAll(async () => {
    await cached?.close();
    await uncached?.close();
    await database?.drop();
  });

  const plan = async (t: TestApp, principal: object = central, query: object = QUERY): Promise<Plan> => {
    const response = await t.http
      .get('/api/capacity/plan')
      .query(query)
      .set(t.auth(principal as typeof central));
    expect(response.status).toBe(200);
    return response.body;
  };

  it('registers every table the plan reads as an input', async () => {
    // The uncached app has not fitted its forecast yet, so this request reads everything the plan depends on.
    const statements: string[] = [];
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const query = args[0] as string | { text?: string };
      statements.push(typeof query === 'string' ? query : (query?.text ?? ''));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      await plan(uncached);
    } finally {
      pg.Client.prototype.query = original;
    }
    const tables = new Set(
      (
        (await cached.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)) as {
          tablename: string;
        }[]
      ).map((r) => r.tablename),
    );
    const read = new Set<string>();
    for (const sql of statements)
      for (const match of sql.matchAll(/\b(?:FROM|JOIN)\s+"?([a-z_][a-z0-9_]*)\b"?(?!\s*\()/gi))
        if (tables.has(match[1])) read.add(match[1]);
    expect([...read]).toEqual(expect.arrayContaining(['staff', 'inflow_week', 'office']));
    const registered = await cached.app.get(PlanInputsVersion).registeredTables();
    expect([...read].filter((table) => !registered.includes(table))).toEqual([]);
  });

  it('bumps the version with every committed statement on a registered table, not with a rolled-back one', async () => {
    const versions = cached.app.get(PlanInputsVersion);
    for (const table of await versions.registeredTables()) {
      const before = await versions.current();
      await cached.db.query(`DELETE FROM ${table} WHERE false`);
      expect({ table, bumped: (await versions.current()) > before }).toEqual({ table, bumped: true });
    }
    const before = await versions.current();
    await cached.db
      .transaction(async (manager) => {
        await manager.query(`DELETE FROM staff_absence WHERE false`);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await versions.current()).toBe(before);
    // Compaction folds the rows into one and leaves the version as it was.
    await versions.compact();
    expect(await versions.current()).toBe(before);
    const [{ rows }] = await cached.db.query(`SELECT count(*)::int AS rows FROM capacity_plan_input_change`);
    expect(rows).toBe(1);
  });

  // One committed change per input table; each must show in the next plan, which must be the freshly computed one.
  type Change = (at: { staffId: string; officeId: string; from: string }) => [string, unknown[]];
  const changes: [string, Change][] = [
    [
      'staff_absence',
      (at) => [
        `INSERT INTO staff_absence (staff_id, period, reason) VALUES ($1, daterange($2::date, $2::date + 5), 'course') ON CONFLICT DO NOTHING`,
        [at.staffId, at.from],
      ],
    ],
    ['staff', (at) => [`UPDATE staff SET weekly_hours = weekly_hours - 7 WHERE id = $1`, [at.staffId]]],
    [
      'closure_day',
      (at) => [
        `INSERT INTO closure_day (office_id, day, reason) VALUES ($1, $2::date + 9, 'test') ON CONFLICT DO NOTHING`,
        [at.officeId, at.from],
      ],
    ],
    ['office', (at) => [`UPDATE office SET name = name || ' (ny)' WHERE id = $1`, [at.officeId]]],
    [
      'inflow_week',
      () => [
        `UPDATE inflow_week SET new_members = new_members + 40 WHERE week_start >= (SELECT max(week_start) - 21 FROM inflow_week)`,
        [],
      ],
    ],
    [
      'member',
      (at) => [
        `UPDATE member SET first_unemployment_day = first_unemployment_day - 7 WHERE status = 'active' AND home_office_id = $1`,
        [at.officeId],
      ],
    ],
    [
      'activity_type',
      () => [
        `UPDATE activity_type SET default_duration_minutes = default_duration_minutes + 15 WHERE code IN (SELECT activity_code FROM programme_template_item)`,
        [],
      ],
    ],
  ];
  it.each(changes)(
    'answers the next plan after a change to %s with the freshly computed plan',
    async (_table, change) => {
      const [adviser] = await cached.db.query(
        `SELECT id, office_id AS "officeId" FROM staff WHERE active AND role = 'adviser' ORDER BY employee_number LIMIT 1`,
      );
      const before = await plan(cached);
      await cached.db.query(...change({ staffId: adviser.id, officeId: adviser.officeId, from: before.from }));
      const next = await plan(cached);
      expect(JSON.stringify(next)).not.toBe(JSON.stringify(before));
      expect(next).toEqual(await plan(uncached));
    },
  );

  it('keeps a scenario plan until the scenario changes', async () => {
    await cached.db.query(`INSERT INTO capacity_scenario (name, adjustments) VALUES ('Cache test', '[]'::jsonb)`);
    const query = { ...QUERY, scenario: 'Cache test' };
    const before = await plan(cached, central, query);
    await cached.db.query(
      `UPDATE capacity_scenario SET adjustments = '[{"factor": 1.5}]'::jsonb WHERE name = 'Cache test'`,
    );
    const after = await plan(cached, central, query);
    expect(after.summary.demandHours).toBeGreaterThan(before.summary.demandHours);
    expect(after).toEqual(await plan(uncached, central, query));
  });

  it('gives each department its own plan, whoever asked first, also after an office moves to another department', async () => {
    const departments: { id: string }[] = await cached.db.query(
      `SELECT DISTINCT department_id AS id FROM office ORDER BY 1 LIMIT 2`,
    );
    const coordinatorOf = (id: string) => ({
      role: 'office-coordinator',
      subjectId: central.subjectId,
      departmentId: id,
    });
    await plan(cached);
    for (const { id } of departments) {
      const own = await plan(cached, coordinatorOf(id));
      expect(own.rows.length).toBeGreaterThan(0);
      expect(own.offices.every((office) => office.departmentId === id)).toBe(true);
      expect(own.rows.every((row) => own.offices.some((office) => office.id === row.officeId))).toBe(true);
      expect(own).toEqual(await plan(uncached, coordinatorOf(id)));
    }
    // The forecast kept the office rows it was fitted with; an office that moves must move in the plan at once.
    const [from, to] = departments.map((d) => d.id);
    const [moved] = await cached.db.query(`SELECT id FROM office WHERE department_id = $1 ORDER BY code LIMIT 1`, [
      from,
    ]);
    await cached.db.query(`UPDATE office SET department_id = $2 WHERE id = $1`, [moved.id, to]);
    const losing = await plan(cached, coordinatorOf(from));
    const gaining = await plan(cached, coordinatorOf(to));
    expect(losing.rows.some((row) => row.officeId === moved.id)).toBe(false);
    expect(losing.offices.some((office) => office.id === moved.id)).toBe(false);
    expect(gaining.rows.some((row) => row.officeId === moved.id)).toBe(true);
    expect(gaining.offices.find((office) => office.id === moved.id)?.departmentId).toBe(to);
    expect(gaining).toEqual(await plan(uncached, coordinatorOf(to)));
    await cached.db.query(`UPDATE office SET department_id = $2 WHERE id = $1`, [moved.id, from]);
  });

  it('computes the plans asked for again in the background after an input changes', async () => {
    const cache = cached.app.get(CapacityPlanCacheService);
    await plan(cached);
    await cache.refresh();
    await cached.db.query(
      `UPDATE staff SET weekly_hours = weekly_hours + 1 WHERE id = (SELECT id FROM staff WHERE active AND role = 'adviser' ORDER BY employee_number LIMIT 1)`,
    );
    const before = cache.stats();
    expect(await cache.refresh()).toBeGreaterThan(0);
    const after = cache.stats();
    expect(after.computed).toBeGreaterThan(before.computed);
    const fresh = await plan(cached);
    expect(cache.stats()).toMatchObject({ computed: after.computed, hits: after.hits + 1 });
    expect(fresh).toEqual(await plan(uncached));
  });

  it('answers 304 to an unchanged plan, and the new plan after a change', async () => {
    const first = await cached.http.get('/api/capacity/plan').query(QUERY).set(cached.auth(central));
    expect(first.headers.etag).toMatch(/^W\/"/);
    const same = await cached.http
      .get('/api/capacity/plan')
      .query(QUERY)
      .set(cached.auth(central))
      .set('If-None-Match', first.headers.etag);
    expect(same.status).toBe(304);
    await cached.db.query(
      `UPDATE staff SET weekly_hours = weekly_hours - 1 WHERE id = (SELECT id FROM staff WHERE active AND role = 'adviser' ORDER BY employee_number LIMIT 1)`,
    );
    const changed = await cached.http
      .get('/api/capacity/plan')
      .query(QUERY)
      .set(cached.auth(central))
      .set('If-None-Match', first.headers.etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    expect(changed.body).toEqual(await plan(uncached));
  });

  it('tells a changed plan by its ETag only, not by If-Modified-Since (two plans can be computed within one second)', async () => {
    const first = await cached.http.get('/api/capacity/plan').query(QUERY).set(cached.auth(central));
    expect(first.headers['last-modified']).toBeDefined();
    await cached.db.query(
      `UPDATE staff SET weekly_hours = weekly_hours + 1 WHERE id = (SELECT id FROM staff WHERE active AND role = 'adviser' ORDER BY employee_number LIMIT 1)`,
    );
    // A date at or after the new plan's Last-Modified: what a client holding the first plan sends when the new one was
    // computed in the same second (HTTP dates have no finer grain), or when its clock is ahead.
    const sameSecond = new Date(Date.now() + 60_000).toUTCString();
    const changed = await cached.http
      .get('/api/capacity/plan')
      .query(QUERY)
      .set(cached.auth(central))
      .set('If-Modified-Since', sameSecond);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    const same = await cached.http
      .get('/api/capacity/plan')
      .query(QUERY)
      .set(cached.auth(central))
      .set('If-None-Match', `"x", ${changed.headers.etag}`)
      .set('If-Modified-Since', sameSecond);
    expect(same.status).toBe(304);
  });

  it('sends the kept gzip bytes to a client that takes gzip, the inflated JSON to one that does not, and 304 to either', async () => {
    const zipped = await cached.http
      .get('/api/capacity/plan')
      .query(QUERY)
      .set(cached.auth(central))
      .set('Accept-Encoding', 'gzip');
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
    const { kept } = await cached.app.get(CapacityPlanCacheService).plan(central, QUERY);
    expect(Number(zipped.headers['content-length'])).toBe(kept.gzipped.length);
    expect(zipped.headers.etag).toBe(kept.etag);
    const plain = await cached.http
      .get('/api/capacity/plan')
      .query(QUERY)
      .set(cached.auth(central))
      .set('Accept-Encoding', 'identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(plain.body)));
    expect(plain.headers.etag).toBe(zipped.headers.etag);
    expect(plain.body).toEqual(zipped.body);
    expect(plain.body).toEqual(await plan(uncached));
    for (const encoding of ['gzip', 'identity']) {
      const again = await cached.http
        .get('/api/capacity/plan')
        .query(QUERY)
        .set(cached.auth(central))
        .set('Accept-Encoding', encoding)
        .set('If-None-Match', zipped.headers.etag);
      expect(again.status).toBe(304);
      expect(again.text ?? '').toBe('');
    }
    const csv = await cached.http
      .get('/api/capacity/plan')
      .query(QUERY)
      .set(cached.auth(central))
      .set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text.split('\n').length).toBeGreaterThan(plain.body.rows.length);
  });

  it('computes once for 40 concurrent identical requests, and answers 40 coordinators at once without a 503', async () => {
    const cache = cached.app.get(CapacityPlanCacheService);
    await cached.db.query(`DELETE FROM staff_absence WHERE false`);
    const before = cache.stats().computed;
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => cached.http.get('/api/capacity/plan').query(QUERY).set(cached.auth(central))),
    );
    expect(answers.map((a) => a.status)).toEqual(new Array(40).fill(200));
    expect(cache.stats().computed - before).toBe(1);

    const departments: { id: string }[] = await cached.db.query(
      `SELECT DISTINCT department_id AS id FROM office ORDER BY 1 LIMIT 12`,
    );
    await cached.db.query(`DELETE FROM staff_absence WHERE false`);
    const mixed = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const principal =
          i < 4
            ? central
            : {
                role: 'office-coordinator' as const,
                subjectId: central.subjectId,
                departmentId: departments[i % departments.length].id,
              };
        return cached.http.get('/api/capacity/plan').query(QUERY).set(cached.auth(principal));
      }),
    );
    expect(mixed.map((a) => a.status)).toEqual(new Array(40).fill(200));
  });

  it('answers a recent plan marked as refreshing while the plan of newer inputs is computed, then the new plan', async () => {
    const stale = await createTestApp(
      { CAPACITY_PLAN_MAX_STALE_SECONDS: '300' },
      { databaseUrl: database.url, demo: false },
    );
    try {
      const ask = (etag?: string) => {
        const request = stale.http.get('/api/capacity/plan').query(QUERY).set(stale.auth(central));
        return etag ? request.set('If-None-Match', etag) : request;
      };
      const first = await ask();
      expect(first.status).toBe(200);
      expect(first.headers['x-plan-refreshing']).toBeUndefined();
      expect(first.headers['cache-control']).toBe('private, no-cache');
      expect(new Date(first.headers['last-modified']).getTime()).toBeGreaterThan(Date.now() - 60_000);
      await stale.db.query(
        `UPDATE staff SET weekly_hours = weekly_hours + 2 WHERE id = (SELECT id FROM staff WHERE active AND role = 'adviser' ORDER BY employee_number LIMIT 1)`,
      );
      const during = await ask(first.headers.etag);
      expect(during.status).toBe(304);
      expect(during.headers['x-plan-refreshing']).toBe('true');
      const cache = stale.app.get(CapacityPlanCacheService);
      // The newer plan was started by that request; asking until it is no longer marked gives it.
      let fresh = await ask();
      for (let i = 0; i < 200 && fresh.headers['x-plan-refreshing']; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        fresh = await ask();
      }
      expect(fresh.headers['x-plan-refreshing']).toBeUndefined();
      expect(fresh.headers.etag).not.toBe(first.headers.etag);
      expect(fresh.body).toEqual(await plan(uncached));
      expect(cache.stats().stale).toBeGreaterThan(0);
    } finally {
      await stale.db.query(
        `UPDATE staff SET weekly_hours = weekly_hours - 2 WHERE id = (SELECT id FROM staff WHERE active AND role = 'adviser' ORDER BY employee_number LIMIT 1)`,
      );
      await stale.close();
    }
  });

  it('writes down the plans asked for, and a process started afresh computes them before anyone asks again', async () => {
    const office = {
      role: 'office-coordinator' as const,
      subjectId: central.subjectId,
      departmentId: (
        (await cached.db.query(`SELECT department_id AS id FROM office ORDER BY code LIMIT 1`)) as { id: string }[]
      )[0].id,
    };
    await plan(cached, office, { weeks: 2 });
    const rows: { role: string; department_id: string | null; query: object }[] = await cached.db.query(
      `SELECT role, department_id, query FROM capacity_plan_asked WHERE role = 'office-coordinator'`,
    );
    expect(rows).toContainEqual({
      role: 'office-coordinator',
      department_id: office.departmentId,
      query: { weeks: 2 },
    });
    expect(JSON.stringify(rows)).not.toContain(central.subjectId);

    const restarted = await createTestApp(
      { CAPACITY_PLAN_REFRESH_SECONDS: '3600' },
      { databaseUrl: database.url, demo: false },
    );
    try {
      const cache = restarted.app.get(CapacityPlanCacheService);
      expect(await cache.warm()).toBeGreaterThanOrEqual(2);
      const computed = cache.stats().computed;
      const warmed = await restarted.http.get('/api/capacity/plan').query({ weeks: 2 }).set(restarted.auth(office));
      expect(warmed.status).toBe(200);
      expect(cache.stats()).toMatchObject({ computed });
      expect(warmed.body).toEqual(await plan(uncached, office, { weeks: 2 }));
    } finally {
      await restarted.close();
    }
  });

  it('answers an unknown scenario 422 and does not write it down; a CSV dialect shares the JSON plan', async () => {
    const unknown = await cached.http
      .get('/api/capacity/plan')
      .query({ weeks: 2, scenario: 'no-such-scenario' })
      .set(cached.auth(central));
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('UNKNOWN_SCENARIO');
    const written: unknown[] = await cached.db.query(
      `SELECT 1 FROM capacity_plan_asked WHERE query->>'scenario' = 'no-such-scenario'`,
    );
    expect(written).toHaveLength(0);

    await plan(cached, central, { weeks: 5 });
    const cache = cached.app.get(CapacityPlanCacheService);
    const computed = cache.stats().computed;
    const csv = await cached.http
      .get('/api/capacity/plan')
      .query({ weeks: 5, dialect: 'excel-da' })
      .set(cached.auth(central))
      .set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(cache.stats().computed).toBe(computed);
  });
});
