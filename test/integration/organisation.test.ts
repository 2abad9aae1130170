import { toCsv } from '../../src/common/csv/csv.js';
import { copenhagen, nextWeekday } from '../support/booking-factories.js';
import { createEmptyDatabase, createTestApp, type TestApp } from '../support/test-app.js';

const CENTRAL = { role: 'central-coordinator' as const, subjectId: '00000000-0000-4000-8000-0000000000c1' };
const ADMIN = { role: 'admin' as const };
const SECTIONS = ['departments', 'offices', 'rooms', 'opening-hours', 'staff'] as const;

/**
 * The first-run path of the README on a database of its own: migrated, demo data off, then organisation,
 * history, forecast and plan, all through the API. The run's shared demo database is only read (its export is
 * the organisation file a fund would bring).
 */
describe('the fund’s own organisation, without demo data', () => {
  let demo: TestApp;
  let fresh: TestApp;
  let database: Awaited<ReturnType<typeof createEmptyDatabase>> | undefined;

  beforeAll(async () => {
    demo = await createTestApp();
    database = await createEmptyDatabase('organisation');
    fresh = await createTestApp({}, { databaseUrl: database.url, demo: false });
  });
  afterAll(async () => {
    await fresh?.close();
    await demo?.close();
    await database?.drop();
  });

  const csv = (t: TestApp, section: string, body: string, principal: object = CENTRAL) =>
    t.http
      .post(`/api/organisation/${section}`)
      .set(t.auth(principal as typeof CENTRAL))
      .set('Content-Type', 'text/csv')
      .send(body);
  const exportCsv = async (t: TestApp, section: string) => {
    const response = await t.http
      .get(`/api/organisation/${section}`)
      .set(t.auth(CENTRAL))
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    return response.body as string;
  };

  it('starts with the 98 municipalities and the teams (a migration loads them) and no offices', async () => {
    const municipalities = await fresh.http.get('/api/municipalities').set(fresh.auth(CENTRAL));
    expect(municipalities.body).toHaveLength(98);
    expect(new Set(municipalities.body.map((m: { regionCode: string }) => m.regionCode)).size).toBe(5);
    expect(municipalities.body.find((m: { code: string }) => m.code === '0400')).toMatchObject({
      name: 'Bornholm',
      island: 'bornholm',
    });
    expect((await fresh.http.get('/api/offices').set(fresh.auth(CENTRAL))).body).toEqual([]);
    const teams: { code: string }[] = await fresh.db.query(`SELECT code FROM team ORDER BY code`);
    expect(teams.map((t) => t.code)).toEqual(['central', 'job-team', 'pre-unemployment']);
    const history = await fresh.http
      .post('/api/capacity/history')
      .set(fresh.auth(CENTRAL))
      .set('Content-Type', 'text/csv')
      .send('office_code,week_start,target_group,new_members\naarhus,2026-11-16,plus50,3\n');
    expect(history.status).toBe(422);
    expect(history.body.details.errors[0].message).toBe('No office has the code "aarhus"');
  });

  it('refuses a bad file whole, with every error’s line and column (JSON: path), and stores nothing', async () => {
    const departments = await csv(
      fresh,
      'departments',
      'code,name\ntrekanten,Metal Trekanten\nTrekanten!,\ntrekanten,Igen\n',
    );
    expect(departments.status).toBe(422);
    expect(departments.body).toMatchObject({ code: 'CSV_INVALID', details: { truncated: false } });
    expect(departments.body.details.errors).toEqual([
      expect.objectContaining({ line: 3, column: 1, field: 'code' }),
      expect.objectContaining({ line: 3, column: 2, field: 'name', message: 'name is required' }),
    ]);
    // The second check (references, duplicates) runs once every line reads.
    const duplicate = await csv(fresh, 'departments', 'code,name\ntrekanten,Metal Trekanten\ntrekanten,Igen\n');
    expect(duplicate.body.details.errors).toEqual([
      expect.objectContaining({ line: 3, column: 0, message: 'Duplicate of line 2 (same department code)' }),
    ]);

    const json = await fresh.http
      .post('/api/organisation')
      .set(fresh.auth(CENTRAL))
      .send({
        departments: [{ code: 'trekanten', name: 'Metal Trekanten' }],
        offices: [
          {
            code: 'vejle',
            name: 'Metal Vejle',
            kind: 'main',
            departmentCode: 'trekanten',
            town: 'Vejle',
            municipalityCode: '9999',
            lat: 55.7,
            lon: 9.5,
            street: 'Dæmningen 12',
            postcode: '7100',
            city: 'Vejle',
            rooms: [{ name: 'Netcafé', seats: 8 }],
          },
        ],
        staff: [
          {
            employeeNumber: 'M-1',
            name: 'Anne Jensen',
            email: 'anne@akasse.example',
            role: 'job-consultant',
            weeklyHours: 37,
          },
        ],
      });
    expect(json.status).toBe(422);
    expect(json.body.code).toBe('JSON_INVALID');
    expect(json.body.details.errors).toEqual([
      { path: 'offices[0].municipalityCode', message: 'No municipality has the code "9999"' },
      { path: 'staff[0].teamCode', message: 'A job consultant needs a team (job-team)' },
    ]);

    expect(
      (
        await fresh.http
          .post('/api/organisation')
          .set(fresh.auth(CENTRAL))
          .set('Content-Type', 'text/csv')
          .send('code,name\n')
      ).status,
    ).toBe(415);
    expect(
      (await fresh.http.post('/api/organisation/departments').set(fresh.auth(CENTRAL)).send({ code: 'x' })).status,
    ).toBe(415);
    expect((await csv(fresh, 'members', 'code\nx\n')).status).toBe(404);
    const coordinator = await csv(fresh, 'departments', 'code,name\nx,X\n', {
      role: 'office-coordinator',
      departmentId: '00000000-0000-4000-8000-000000000001',
    });
    expect(coordinator.status).toBe(403);
    const huge = await csv(fresh, 'departments', `code,name\n${'a,b\n'.repeat(25_000)}`);
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
    const malformed = await fresh.http
      .post('/api/organisation')
      .set(fresh.auth(CENTRAL))
      .set('Content-Type', 'application/json')
      .send('{"departments": [');
    expect(malformed.status).toBe(400);

    const stored = await fresh.http.get('/api/organisation').set(fresh.auth(CENTRAL));
    expect(stored.body).toEqual({ departments: [], offices: [], staff: [] });
  });

  it('imports the organisation section by section (CSV) and exports it back the same, then the JSON the same', async () => {
    for (const section of SECTIONS) {
      const file = await exportCsv(demo, section);
      const response = await csv(fresh, section, file);
      expect({ section, status: response.status, body: response.status === 200 ? undefined : response.body }).toEqual({
        section,
        status: 200,
        body: undefined,
      });
    }
    for (const section of SECTIONS) expect(await exportCsv(fresh, section)).toBe(await exportCsv(demo, section));
    const demoJson = await demo.http.get('/api/organisation').set(demo.auth(CENTRAL));
    expect(demoJson.body.offices).toHaveLength(55);
    expect(demoJson.body.staff.length).toBeGreaterThan(150);
    expect((await fresh.http.get('/api/organisation').set(fresh.auth(CENTRAL))).body).toEqual(demoJson.body);
    // Importing the same document again (JSON this time) changes nothing: every record is upserted by its key.
    const again = await fresh.http.post('/api/organisation').set(fresh.auth(ADMIN)).send(demoJson.body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ departments: 31, offices: 55, staff: demoJson.body.staff.length });
    expect((await fresh.http.get('/api/organisation').set(fresh.auth(CENTRAL))).body).toEqual(demoJson.body);
  });

  it('then history, forecast and plan work on the imported organisation (the README’s first run)', async () => {
    const history = await demo.http
      .get('/api/capacity/history')
      .query({ from: '2023-01-02', to: '2026-12-28' })
      .set(demo.auth(CENTRAL));
    expect(history.status).toBe(200);
    const rows = history.body.rows as {
      officeCode: string;
      weekStart: string;
      targetGroup: string;
      newMembers: number;
    }[];
    expect(rows.length).toBeGreaterThan(5_000);
    const file = toCsv(
      ['office_code', 'week_start', 'target_group', 'new_members'],
      rows.map((r) => [r.officeCode, r.weekStart, r.targetGroup, r.newMembers]),
    );
    const imported = await fresh.http
      .post('/api/capacity/history')
      .set(fresh.auth(CENTRAL))
      .set('Content-Type', 'text/csv')
      .send(file);
    expect(imported.status).toBe(200);
    expect(imported.body.imported).toBe(rows.length);
    const forecast = await fresh.http.get('/api/capacity/forecast').query({ weeks: 8 }).set(fresh.auth(CENTRAL));
    expect(forecast.status).toBe(200);
    expect(forecast.body.fund).toHaveLength(8);
    const plan = await fresh.http.get('/api/capacity/plan').query({ weeks: 8 }).set(fresh.auth(CENTRAL));
    expect(plan.status).toBe(200);
    expect(plan.body.summary.demandHours).toBeGreaterThan(0);
    expect(plan.body.summary.supplyHours).toBeGreaterThan(0);
    // Advisers are in the CV-meeting and netcafé pools, the job team in several: the pools' sum is larger.
    expect(plan.body.summary.supplyHours).toBeLessThan(plan.body.summary.pooledSupplyHours);
    const demoPlan = await demo.http.get('/api/capacity/plan').query({ weeks: 13 }).set(demo.auth(CENTRAL));
    const { supplyHours, pooledSupplyHours, demandHours } = demoPlan.body.summary;
    console.warn(
      `demo plan, 13 weeks: supply counted once ${supplyHours} h, pools added up ${pooledSupplyHours} h, demand ${demandHours} h`,
    );
  });

  describe('departments and offices maintained by coordinators', () => {
    let trekanten: string;

    it('lets central coordinators create a department and office coordinators only change their own, audited', async () => {
      const created = await fresh.http
        .post('/api/departments')
        .set(fresh.auth(CENTRAL))
        .send({ code: 'trekanten', name: 'Metal Trekanten' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ code: 'trekanten', name: 'Metal Trekanten', active: true, officeCount: 0 });
      trekanten = created.body.id;
      expect(
        (await fresh.http.post('/api/departments').set(fresh.auth(CENTRAL)).send({ code: 'trekanten', name: 'Igen' }))
          .body.code,
      ).toBe('DEPARTMENT_CODE_TAKEN');
      const own = {
        role: 'office-coordinator' as const,
        subjectId: '00000000-0000-4000-8000-0000000000d1',
        departmentId: trekanten,
      };
      expect(
        (await fresh.http.post('/api/departments').set(fresh.auth(own)).send({ code: 'x', name: 'X' })).status,
      ).toBe(403);
      const renamed = await fresh.http
        .patch(`/api/departments/${trekanten}`)
        .set(fresh.auth(own))
        .send({ name: 'Metal Trekantområdet' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.name).toBe('Metal Trekantområdet');
      const other = (await fresh.http.get('/api/departments').set(fresh.auth(CENTRAL))).body.find(
        (d: { code: string }) => d.code === 'lillebaelt',
      );
      // Another department is out of the office coordinator's scope: 404, as if it did not exist.
      expect(
        (await fresh.http.patch(`/api/departments/${other.id}`).set(fresh.auth(own)).send({ name: 'Mine' })).status,
      ).toBe(404);
      expect(
        (await fresh.http.patch(`/api/departments/${trekanten}`).set(fresh.auth(own)).send({ name: '' })).status,
      ).toBe(400);
      const audit: { action: string; actor_role: string; before: { name: string }; after: { name: string } }[] =
        await fresh.db.query(
          `SELECT action, actor_role, before, after FROM audit_event WHERE entity = 'department' AND entity_id = $1 ORDER BY id`,
          [trekanten],
        );
      expect(audit.map((a) => [a.action, a.actor_role, a.before?.name ?? null, a.after.name])).toEqual([
        ['create', 'central-coordinator', null, 'Metal Trekanten'],
        ['update', 'office-coordinator', 'Metal Trekanten', 'Metal Trekantområdet'],
      ]);
    });

    it('creates an office with rooms and hours in the coordinator’s own department only, and edits rooms and hours', async () => {
      const own = {
        role: 'office-coordinator' as const,
        subjectId: '00000000-0000-4000-8000-0000000000d1',
        departmentId: trekanten,
      };
      const office = {
        code: 'trekant-vejle',
        name: 'Metal Vejle',
        kind: 'main',
        departmentCode: 'trekanten',
        town: 'Vejle',
        municipalityCode: '0630',
        lat: 55.7093,
        lon: 9.5357,
        street: 'Dæmningen 12',
        postcode: '7100',
        city: 'Vejle',
        rooms: [{ name: 'Netcafé', seats: 8 }],
        openingHours: [{ weekday: 1, opens: '08:00', closes: '16:00' }],
      };
      const elsewhere = await fresh.http
        .post('/api/offices')
        .set(fresh.auth(own))
        .send({ ...office, code: 'fredericia-2', departmentCode: 'lillebaelt' });
      expect(elsewhere.status).toBe(403);
      const invalid = await fresh.http
        .post('/api/offices')
        .set(fresh.auth(own))
        .send({ ...office, lat: 12, rooms: [{ name: 'Netcafé', seats: 0 }] });
      expect(invalid.status).toBe(422);
      expect(invalid.body.details.errors).toEqual([
        { path: 'lat', message: '12 is outside 54.5–57.8' },
        { path: 'rooms[0].seats', message: '0 is outside 1–500' },
      ]);
      const created = await fresh.http.post('/api/offices').set(fresh.auth(own)).send(office);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        code: 'trekant-vejle',
        departmentCode: 'trekanten',
        active: true,
        rooms: [{ name: 'Netcafé', seats: 8 }],
      });
      const id = created.body.id as string;
      expect((await fresh.http.post('/api/offices').set(fresh.auth(own)).send(office)).body.code).toBe(
        'OFFICE_CODE_TAKEN',
      );

      const rooms = await fresh.http
        .put(`/api/offices/${id}/rooms`)
        .set(fresh.auth(own))
        .send({
          rooms: [
            { name: 'Kursuslokale', seats: 24 },
            { name: 'Mødelokale 1', seats: 6 },
          ],
        });
      expect(rooms.status).toBe(200);
      expect(rooms.body.rooms).toEqual([
        { name: 'Kursuslokale', seats: 24 },
        { name: 'Mødelokale 1', seats: 6 },
      ]);
      const hours = await fresh.http
        .put(`/api/offices/${id}/opening-hours`)
        .set(fresh.auth(own))
        .send({
          openingHours: [
            { weekday: 1, opens: '08:00', closes: '16:00' },
            { weekday: 2, opens: '08:00', closes: '16:00' },
            { weekday: 3, opens: '08:00', closes: '16:00' },
            { weekday: 4, opens: '08:00', closes: '16:00' },
            { weekday: 5, opens: '08:00', closes: '14:00' },
          ],
        });
      expect(hours.status).toBe(200);
      expect(hours.body.openingHours).toHaveLength(5);
      const backwards = await fresh.http
        .put(`/api/offices/${id}/opening-hours`)
        .set(fresh.auth(own))
        .send({ openingHours: [{ weekday: 1, opens: '16:00', closes: '08:00' }] });
      expect(backwards.status).toBe(422);
      expect(backwards.body.details.errors).toEqual([
        { path: 'openingHours[0].closes', message: 'The office closes (08:00) before it opens (16:00)' },
      ]);
      const renamed = await fresh.http
        .patch(`/api/offices/${id}`)
        .set(fresh.auth(own))
        .send({ name: 'Metal Vejle Centrum', code: 'other' });
      expect(renamed.body.code).toBe('CODE_IMMUTABLE');
      expect(
        (await fresh.http.patch(`/api/offices/${id}`).set(fresh.auth(own)).send({ name: 'Metal Vejle Centrum' })).body
          .name,
      ).toBe('Metal Vejle Centrum');
      const audit = await fresh.http.get('/api/audit').query({ entity: 'office', entityId: id }).set(fresh.auth(own));
      expect(audit.status).toBe(200);
      expect(audit.body.map((a: { action: string }) => a.action)).toEqual([
        'update',
        'opening-hours',
        'rooms',
        'create',
      ]);
      expect(audit.body[0]).toMatchObject({
        actorRole: 'office-coordinator',
        before: { name: 'Metal Vejle' },
        after: { name: 'Metal Vejle Centrum' },
      });
    });

    it('deactivates an office: hidden unless asked for, no new slots there, existing ones kept; its department only once no office is active', async () => {
      const offices = await fresh.http.get('/api/offices').set(fresh.auth(CENTRAL));
      const vejle = offices.body.find((o: { code: string }) => o.code === 'trekant-vejle');
      const staff = await fresh.http.post('/api/staff').set(fresh.auth(CENTRAL)).send({
        employeeNumber: 'V-1',
        name: 'Vibeke Holm',
        email: 'vibeke@akasse.example',
        role: 'adviser',
        officeId: vejle.id,
        weeklyHours: 37,
      });
      expect(staff.status).toBe(201);
      const date = nextWeekday(2, 8);
      const slot = (time: string) => ({
        staffId: staff.body.id,
        activityCodes: ['follow-up'],
        channel: 'in-person',
        start: copenhagen(date, time),
        end: copenhagen(date, time.replace(':00', ':30')),
      });
      const before = await fresh.http
        .post(`/api/offices/${vejle.id}/slots`)
        .set(fresh.auth(CENTRAL))
        .send(slot('09:00'));
      expect(before.status).toBe(201);

      expect(
        (await fresh.http.patch(`/api/departments/${trekanten}`).set(fresh.auth(CENTRAL)).send({ active: false })).body
          .code,
      ).toBe('DEPARTMENT_HAS_ACTIVE_OFFICES');
      const deactivated = await fresh.http
        .patch(`/api/offices/${vejle.id}`)
        .set(fresh.auth(CENTRAL))
        .send({ active: false });
      expect(deactivated.status).toBe(200);
      expect(deactivated.body.active).toBe(false);
      const listed = await fresh.http.get('/api/offices').set(fresh.auth(CENTRAL));
      expect(listed.body.some((o: { code: string }) => o.code === 'trekant-vejle')).toBe(false);
      const all = await fresh.http.get('/api/offices').query({ includeInactive: true }).set(fresh.auth(CENTRAL));
      expect(all.body.find((o: { code: string }) => o.code === 'trekant-vejle')).toMatchObject({ active: false });

      const after = await fresh.http
        .post(`/api/offices/${vejle.id}/slots`)
        .set(fresh.auth(CENTRAL))
        .send(slot('10:00'));
      expect(after.status).toBe(409);
      expect(after.body.code).toBe('OFFICE_INACTIVE');
      const kept = await fresh.http
        .get(`/api/offices/${vejle.id}/slots`)
        .query({ from: date, to: date })
        .set(fresh.auth(CENTRAL));
      expect(kept.body.map((s: { id: string }) => s.id)).toContain(before.body.id);
      const housed = await fresh.http.post('/api/members').set(fresh.auth(CENTRAL)).send({
        memberNumber: 'T-inactive-1',
        name: 'Testmedlem',
        municipalityCode: '0630',
        homeOfficeId: vejle.id,
        firstUnemploymentDay: '2026-11-30',
        targetGroup: 'low-risk',
      });
      expect(housed.status).toBe(409);
      expect(housed.body.code).toBe('OFFICE_INACTIVE');

      const department = await fresh.http
        .patch(`/api/departments/${trekanten}`)
        .set(fresh.auth(CENTRAL))
        .send({ active: false });
      expect(department.status).toBe(200);
      expect(department.body.active).toBe(false);
      expect(
        (await fresh.http.get('/api/departments').set(fresh.auth(CENTRAL))).body.some(
          (d: { id: string }) => d.id === trekanten,
        ),
      ).toBe(false);
      expect(
        (
          await fresh.http.get('/api/departments').query({ includeInactive: 'true' }).set(fresh.auth(CENTRAL))
        ).body.some((d: { id: string }) => d.id === trekanten),
      ).toBe(true);
      const reopened = await fresh.http
        .patch(`/api/offices/${vejle.id}`)
        .set(fresh.auth(CENTRAL))
        .send({ active: true });
      expect(reopened.status).toBe(409);
      expect(reopened.body.code).toBe('DEPARTMENT_INACTIVE');
      const audit: { action: string }[] = await fresh.db.query(
        `SELECT action FROM audit_event WHERE entity_id = ANY($1::uuid[]) AND action = 'deactivate'`,
        [[vejle.id, trekanten]],
      );
      expect(audit).toHaveLength(2);
    });
  });
});
