import { createTestApp, type TestApp } from '../support/test-app.js';

// Demo mode hands tokens to anyone who can reach it: never above a central coordinator, never in production.
describe('demo mode and local tokens', () => {
  describe('outside production, demo mode on', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('never issues an admin token', async () => {
      const admin = await t.http.post('/api/demo/token').send({ role: 'admin' });
      expect(admin.status).toBe(400);
      expect(admin.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['role']);
      const central = await t.http.post('/api/demo/token').send({ role: 'central-coordinator' });
      expect(central.status).toBe(200);
    });

    it('signs in the new staff roles with their office’s department', async () => {
      const people = await t.http.get('/api/demo/people').query({ role: 'pre-unemployment' });
      expect(people.status).toBe(200);
      expect(people.body.length).toBeGreaterThan(0);
      const token = await t.http
        .post('/api/demo/token')
        .send({ role: 'pre-unemployment', subjectId: people.body[0].subjectId });
      expect(token.body.principal).toEqual({
        role: 'pre-unemployment',
        subjectId: people.body[0].subjectId,
        departmentId: people.body[0].departmentId,
      });
    });

    it('offers members at every stage of their programme first, then the newest', async () => {
      const people = await t.http.get('/api/demo/people').query({ role: 'member' });
      expect(people.status).toBe(200);
      const stages = (people.body as { stage: string | null }[]).map((p) => p.stage);
      expect(stages.slice(0, 10)).toEqual([
        'done-with-cv-adviser',
        'done-with-cv-adviser',
        'booking-tomorrow',
        'booking-tomorrow',
        'waiting-list',
        'waiting-list',
        'yellow-smiley',
        'yellow-smiley',
        'red-smiley',
        'red-smiley',
      ]);
      expect(stages.slice(10).every((stage) => stage === null)).toBe(true);
      const member = (stage: string) =>
        (people.body as { stage: string; subjectId: string }[]).find((p) => p.stage === stage)!.subjectId;
      const db = t.db;
      const [cv] = await db.query(
        `SELECT count(*) FILTER (WHERE i.status = 'done')::int AS done,
                bool_or(b.activity_code = 'cv-meeting' AND b.status = 'attended' AND b.slot_id IS NOT NULL) AS "cvAdviser"
         FROM programme_item i LEFT JOIN booking b ON b.programme_item_id = i.id WHERE i.member_id = $1`,
        [member('done-with-cv-adviser')],
      );
      expect(cv.done).toBeGreaterThanOrEqual(2);
      expect(cv.cvAdviser).toBe(true);
      const [waiting] = await db.query(
        `SELECT s.capacity, s.booked FROM waitlist_entry w JOIN session s ON s.id = w.session_id WHERE w.member_id = $1 AND w.status = 'waiting'`,
        [member('waiting-list')],
      );
      expect(waiting.booked).toBe(waiting.capacity);
      const [yellow] = await db.query(
        `SELECT m.smiley, t.staff_id AS "staffId" FROM member m JOIN adviser_task t ON t.member_id = m.id AND t.status = 'open' WHERE m.id = $1`,
        [member('yellow-smiley')],
      );
      expect(yellow).toMatchObject({ smiley: 'yellow', staffId: expect.any(String) });
      const [red] = await db.query(
        `SELECT m.smiley, count(i.id)::int AS summons FROM member m JOIN programme_item i ON i.member_id = m.id AND i.origin = 'smiley' AND i.activity_code = 'summons' WHERE m.id = $1 GROUP BY 1`,
        [member('red-smiley')],
      );
      expect(red).toEqual({ smiley: 'red', summons: 1 });
      const programme = await t.http
        .get(`/api/members/${member('booking-tomorrow')}/programme`)
        .set(t.auth({ role: 'central-coordinator' }));
      expect(programme.status).toBe(200);
    });
  });

  describe('in production', () => {
    let t: TestApp;
    beforeAll(async () => {
      // The provider is never reached: every request here is refused before that.
      t = await createTestApp({
        NODE_ENV: 'production',
        OIDC_ISSUER_URL: 'https://login.example.org/',
        OIDC_CLIENT_ID: 'akasse-web',
        LOG_LEVEL: 'silent',
      });
    });
    afterAll(() => t.close());

    it('refuses HS256 tokens signed with JWT_SECRET and has no demo sign-in', async () => {
      const local = await t.http.get('/api/offices').set(t.auth({ role: 'central-coordinator' }));
      expect(local.status).toBe(401);
      expect(local.body.code).toBe('INVALID_TOKEN');
      expect((await t.http.post('/api/demo/token').send({ role: 'adviser' })).status).toBe(404);
      expect((await t.http.get('/api/sign-in/options')).body).toEqual({
        demoMode: false,
        identityProviderUrl: '/api/auth/login',
      });
    });
  });
});
