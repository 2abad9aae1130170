import { createTestApp, type TestApp } from '../support/test-app.js';

const central = { role: 'central-coordinator' as const, subjectId: '00000000-0000-4000-8000-000000000001' };

describe('locations API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses a request without a token with 401 and a stable code', async () => {
    const response = await t.http.get('/api/offices');
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    expect(response.body.requestId).toEqual(expect.any(String));
  });

  it('lists the fund’s 55 offices: 30 main and 25 satellite', async () => {
    const response = await t.http.get('/api/offices').set(t.auth(central));
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(55);
    expect(response.body.filter((o: { kind: string }) => o.kind === 'main')).toHaveLength(30);
    expect(response.body.filter((o: { kind: string }) => o.kind === 'satellite')).toHaveLength(25);
  });

  it('lists 31 departments', async () => {
    const response = await t.http.get('/api/departments').set(t.auth(central));
    expect(response.body).toHaveLength(31);
    expect(response.body.every((d: { name: string }) => d.name.startsWith('Metal '))).toBe(true);
  });

  it('filters offices by distance, nearest first', async () => {
    const response = await t.http
      .get('/api/offices')
      .query({ near: '56.1567,10.2108', radiusKm: 30 })
      .set(t.auth(central));
    expect(response.status).toBe(200);
    expect(response.body.length).toBeGreaterThan(0);
    expect(response.body[0].town).toBe('Aarhus');
    const distances = response.body.map((o: { distanceKm: number }) => o.distanceKm);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect(Math.max(...distances)).toBeLessThanOrEqual(30);
  });

  it('answers 400 naming the field for a malformed filter', async () => {
    const response = await t.http.get('/api/offices').query({ near: 'somewhere' }).set(t.auth(central));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.details.fields[0].field).toBe('near');
  });

  it('shows one office with rooms and opening hours, and 404 for an unknown id', async () => {
    const offices = await t.http.get('/api/offices').set(t.auth(central));
    const copenhagen = offices.body.find((o: { isHeadOffice: boolean }) => o.isHeadOffice);
    const response = await t.http.get(`/api/offices/${copenhagen.id}`).set(t.auth(central));
    expect(response.status).toBe(200);
    expect(response.body.town).toBe('København');
    expect(response.body.rooms.length).toBeGreaterThan(0);
    expect(response.body.openingHours.length).toBeGreaterThan(0);
    const missing = await t.http.get('/api/offices/6f0c4a8e-0000-4000-8000-000000000000').set(t.auth(central));
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    const malformed = await t.http.get('/api/offices/not-a-uuid').set(t.auth(central));
    expect(malformed.status).toBe(400);
  });

  it('lists the 98 municipalities, 15 of them outside the 2020 trial', async () => {
    const all = await t.http.get('/api/municipalities').set(t.auth(central));
    expect(all.body).toHaveLength(98);
    const outside = await t.http.get('/api/municipalities').query({ inTrial: 'false' }).set(t.auth(central));
    expect(outside.body).toHaveLength(15);
  });
});

describe('staff API', () => {
  let t: TestApp;
  let departmentId: string;
  let otherDepartmentId: string;
  let officeId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const offices = await t.http.get('/api/offices').query({ kind: 'main' }).set(t.auth(central));
    officeId = offices.body[0].id;
    departmentId = offices.body[0].departmentId;
    otherDepartmentId = offices.body.find(
      (o: { departmentId: string }) => o.departmentId !== departmentId,
    ).departmentId;
  });
  afterAll(() => t.close());

  it('has the fund’s staff: 78 advisers, 7 job consultants, 45 pre-unemployment staff, 2 central coordinators', async () => {
    const count = async (role: string) =>
      (await t.http.get('/api/staff').query({ role }).set(t.auth(central))).body.length;
    expect(await count('adviser')).toBe(78);
    expect(await count('job-consultant')).toBe(7);
    expect(await count('pre-unemployment')).toBe(45);
    expect(await count('central-coordinator')).toBe(2);
  });

  it('keeps staff data from members', async () => {
    const response = await t.http
      .get('/api/staff')
      .set(t.auth({ role: 'member', subjectId: '00000000-0000-4000-8000-000000000002' }));
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN');
  });

  it('scopes an office coordinator to their department plus cross-department teams, and hides others as 404', async () => {
    const coordinator = {
      role: 'office-coordinator' as const,
      subjectId: '00000000-0000-4000-8000-000000000003',
      departmentId,
    };
    const response = await t.http.get('/api/staff').set(t.auth(coordinator));
    expect(response.status).toBe(200);
    for (const person of response.body) {
      expect(person.departmentId === departmentId || ['job-team', 'central'].includes(person.teamCode)).toBe(true);
    }
    const outsider = (
      await t.http.get('/api/staff').query({ departmentId: otherDepartmentId, role: 'adviser' }).set(t.auth(central))
    ).body[0];
    const hidden = await t.http.get(`/api/staff/${outsider.id}`).set(t.auth(coordinator));
    expect(hidden.status).toBe(404);
  });

  it('creates an adviser, validates the body field by field, and refuses a duplicate employee number', async () => {
    const body = {
      employeeNumber: 'T-1',
      name: 'Test Rådgiver',
      email: 'test.raadgiver@akasse.example',
      role: 'adviser',
      officeId,
      skills: ['it'],
      weeklyHours: 37,
    };
    const created = await t.http.post('/api/staff').set(t.auth(central)).send(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ role: 'adviser', officeId, departmentId, skills: ['it'], weeklyHours: 37 });

    const duplicate = await t.http.post('/api/staff').set(t.auth(central)).send(body);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('EMPLOYEE_NUMBER_TAKEN');

    const bad = await t.http
      .post('/api/staff')
      .set(t.auth(central))
      .send({ ...body, employeeNumber: 'T-2', weeklyHours: 90, skills: ['juggling'], extra: 1 });
    expect(bad.status).toBe(400);
    const fields = bad.body.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['weeklyHours', 'skills', 'extra']));

    const noOffice = await t.http
      .post('/api/staff')
      .set(t.auth(central))
      .send({ ...body, employeeNumber: 'T-3', officeId: undefined });
    expect(noOffice.status).toBe(422);
    expect(noOffice.body.code).toBe('STAFF_PLACEMENT_INVALID');

    const patched = await t.http.patch(`/api/staff/${created.body.id}`).set(t.auth(central)).send({ weeklyHours: 30 });
    expect(patched.body.weeklyHours).toBe(30);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const response = await t.http
      .post('/api/staff')
      .set(t.auth(central))
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('MALFORMED_JSON');
  });

  it('records absences and refuses overlapping ones with 409', async () => {
    const adviser = (await t.http.get('/api/staff').query({ role: 'adviser' }).set(t.auth(central))).body[0];
    const first = await t.http
      .post(`/api/staff/${adviser.id}/absences`)
      .set(t.auth(central))
      .send({ from: '2027-02-01', to: '2027-02-05', reason: 'course' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ from: '2027-02-01', to: '2027-02-05' });
    const overlap = await t.http
      .post(`/api/staff/${adviser.id}/absences`)
      .set(t.auth(central))
      .send({ from: '2027-02-05', to: '2027-02-07', reason: 'sick' });
    expect(overlap.status).toBe(409);
    expect(overlap.body.code).toBe('ABSENCE_OVERLAPS');
    const backwards = await t.http
      .post(`/api/staff/${adviser.id}/absences`)
      .set(t.auth(central))
      .send({ from: '2027-03-05', to: '2027-03-01', reason: 'sick' });
    expect(backwards.status).toBe(422);
    const list = await t.http.get(`/api/staff/${adviser.id}/absences`).set(t.auth(central));
    expect(list.body.some((a: { from: string }) => a.from === '2027-02-01')).toBe(true);
  });
});

describe('closure days', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('shows public holidays and default closure days, and replaces a year atomically', async () => {
    const office = (await t.http.get('/api/offices').set(t.auth(central))).body[0];
    const before = await t.http.get(`/api/offices/${office.id}/closures`).query({ year: 2026 }).set(t.auth(central));
    expect(before.body.publicHolidays.map((h: { date: string }) => h.date)).toContain('2026-12-25');
    expect(before.body.closureDays.map((d: { date: string }) => d.date)).toEqual([
      '2026-06-05',
      '2026-12-24',
      '2026-12-31',
    ]);

    const coordinator = {
      role: 'office-coordinator' as const,
      subjectId: '00000000-0000-4000-8000-000000000004',
      departmentId: office.departmentId,
    };
    const replaced = await t.http
      .put(`/api/offices/${office.id}/closures`)
      .set(t.auth(coordinator))
      .send({
        year: 2026,
        days: [
          { date: '2026-06-05', reason: 'Grundlovsdag' },
          { date: '2026-12-28', reason: 'Mellem jul og nytår' },
        ],
      });
    expect(replaced.status).toBe(200);
    expect(replaced.body.closureDays.map((d: { date: string }) => d.date)).toEqual(['2026-06-05', '2026-12-28']);

    const wrongYear = await t.http
      .put(`/api/offices/${office.id}/closures`)
      .set(t.auth(coordinator))
      .send({ year: 2026, days: [{ date: '2027-01-02', reason: 'x' }] });
    expect(wrongYear.status).toBe(422);
    const after = await t.http.get(`/api/offices/${office.id}/closures`).query({ year: 2026 }).set(t.auth(central));
    expect(after.body.closureDays).toHaveLength(2);

    const otherDepartment = { ...coordinator, departmentId: '6f0c4a8e-0000-4000-8000-000000000000' };
    // Another department's office is out of the coordinator's scope: 404, as for its other settings (it was 403 here).
    const refused = await t.http
      .put(`/api/offices/${office.id}/closures`)
      .set(t.auth(otherDepartment))
      .send({ year: 2026, days: [] });
    expect([refused.status, refused.body.code]).toEqual([404, 'NOT_FOUND']);
  });
});
