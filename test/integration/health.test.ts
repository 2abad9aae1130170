import { createTestApp, type TestApp } from '../support/test-app.js';

describe('operations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports alive and ready without a token', async () => {
    expect((await t.http.get('/health')).body).toEqual({ status: 'ok' });
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' } });
  });

  it('serves the OpenAPI document with the locations endpoints', async () => {
    const response = await t.http.get('/docs/openapi.json');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/api/offices', '/api/staff', '/api/offices/{id}/closures']),
    );
  });

  it('sets helmet headers and echoes a request id', async () => {
    const response = await t.http.get('/health').set('X-Request-Id', 'client-req-12345');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toBe('client-req-12345');
  });

  it('sends the bare host name to the web app', async () => {
    const response = await t.http.get('/');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/app/');
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await t.http.get('/api/nothing-here').set(t.auth({ role: 'admin' }));
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND', message: 'There is no GET /api/nothing-here.' });
  });

  it('rejects a token signed with another secret', async () => {
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJl';
    const response = await t.http.get('/api/offices').set('Authorization', `Bearer ${forged}`);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('INVALID_TOKEN');
  });
});

describe('write rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ WRITE_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('answers the fourth write in a minute with 429 and Retry-After, and never limits reads', async () => {
    const caller = t.auth({
      role: 'central-coordinator',
      subjectId: `00000000-0000-4000-8000-${String(Date.now()).slice(-12)}`,
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await t.http.post('/api/staff').set(caller).send({})).status);
    }
    expect(statuses.slice(0, 3)).toEqual([400, 400, 400]);
    expect(statuses[3]).toBe(429);
    const limited = await t.http.post('/api/staff').set(caller).send({});
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await t.http.get('/api/offices').set(caller)).status).toBe(200);
  });
});
