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
      const token = await t.http.post('/api/demo/token').send({ role: 'pre-unemployment', subjectId: people.body[0].subjectId });
      expect(token.body.principal).toEqual({ role: 'pre-unemployment', subjectId: people.body[0].subjectId, departmentId: people.body[0].departmentId });
    });
  });

  describe('in production', () => {
    let t: TestApp;
    beforeAll(async () => {
      // The provider is never reached: every request here is refused before that.
      t = await createTestApp({ NODE_ENV: 'production', OIDC_ISSUER_URL: 'https://login.example.org/', OIDC_CLIENT_ID: 'akasse-web', LOG_LEVEL: 'silent' });
    });
    afterAll(() => t.close());

    it('refuses HS256 tokens signed with JWT_SECRET and has no demo sign-in', async () => {
      const local = await t.http.get('/api/offices').set(t.auth({ role: 'central-coordinator' }));
      expect(local.status).toBe(401);
      expect(local.body.code).toBe('INVALID_TOKEN');
      expect((await t.http.post('/api/demo/token').send({ role: 'adviser' })).status).toBe(404);
      expect((await t.http.get('/api/sign-in/options')).body).toEqual({ demoMode: false, identityProviderUrl: '/api/auth/login' });
    });
  });
});
