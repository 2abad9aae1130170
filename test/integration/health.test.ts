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
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/offices', '/api/staff', '/api/offices/{id}/closures']));
  });

  it('sets helmet headers and echoes a request id', async () => {
    const response = await t.http.get('/health').set('X-Request-Id', 'client-req-12345');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toBe('client-req-12345');
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
