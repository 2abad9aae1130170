import { createTestApp, type TestApp } from '../support/test-app.js';

// The demo sign-in the web app uses: tokens and people only while DEMO_MODE is on.
describe('demo sign-in API', () => {
  describe('with demo mode on (the default outside production)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('tells the web app how to sign in', async () => {
      const response = await t.http.get('/api/sign-in/options');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ demoMode: true, identityProviderUrl: null });
    });

    it('lists staff to pick from and hands out a token the API accepts, with the staff member’s department', async () => {
      const people = await t.http.get('/api/demo/people').query({ role: 'office-coordinator' });
      expect(people.status).toBe(200);
      expect(people.body.length).toBeGreaterThan(0);
      const person = people.body[0];
      expect(person).toEqual(
        expect.objectContaining({
          subjectId: expect.any(String),
          name: expect.any(String),
          departmentId: expect.any(String),
        }),
      );

      const token = await t.http
        .post('/api/demo/token')
        .send({ role: 'office-coordinator', subjectId: person.subjectId });
      expect(token.status).toBe(200);
      expect(token.body.principal).toEqual({
        role: 'office-coordinator',
        subjectId: person.subjectId,
        departmentId: person.departmentId,
      });
      const offices = await t.http.get('/api/offices').set('Authorization', `Bearer ${token.body.token}`);
      expect(offices.status).toBe(200);
      const staff = await t.http
        .get(`/api/staff/${person.subjectId}`)
        .set('Authorization', `Bearer ${token.body.token}`);
      expect(staff.status).toBe(200);
    });

    it('refuses unknown roles and malformed ids with the usual validation error', async () => {
      const response = await t.http.post('/api/demo/token').send({ role: 'superuser', subjectId: 'nope' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.fields.map((f: { field: string }) => f.field)).toEqual(
        expect.arrayContaining(['role', 'subjectId']),
      );
    });
  });

  describe('with demo mode off', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({
        DEMO_MODE: 'false',
        OIDC_ISSUER_URL: 'https://login.example.org/',
        OIDC_CLIENT_ID: 'akasse-web',
      });
    });
    afterAll(() => t.close());

    it('answers 404 for tokens and people, and points the web app at the identity provider', async () => {
      expect((await t.http.post('/api/demo/token').send({ role: 'central-coordinator' })).status).toBe(404);
      expect((await t.http.get('/api/demo/people').query({ role: 'member' })).status).toBe(404);
      const options = await t.http.get('/api/sign-in/options');
      expect(options.body).toEqual({ demoMode: false, identityProviderUrl: '/api/auth/login' });
    });
  });
});
