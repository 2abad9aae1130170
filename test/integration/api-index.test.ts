import { readyBanner } from '../../src/common/infra/ready-banner.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('where to start', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'http://scheduler.example:8080' });
  });
  afterAll(() => t?.close());

  it('answers GET /api without a token with links to the web app, the docs and health', async () => {
    const response = await t.http.get('/api');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      name: 'A-kasse scheduler',
      links: {
        app: 'http://scheduler.example:8080/app/',
        docs: 'http://scheduler.example:8080/docs',
        openapi: 'http://scheduler.example:8080/docs/openapi.json',
        health: 'http://scheduler.example:8080/health',
        ready: 'http://scheduler.example:8080/health/ready',
      },
    });
    expect((await t.http.get('/api/')).body.links.app).toBe('http://scheduler.example:8080/app/');
  });

  it('still answers unknown /api paths with the JSON 404', async () => {
    const response = await t.http.get('/api/nothing-here').set(t.auth({ role: 'admin' }));
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('NOT_FOUND');
  });

  it('links only to pages that answer', async () => {
    const { body } = await t.http.get('/api');
    for (const link of Object.values(body.links as Record<string, string>)) {
      const status = (await t.http.get(new URL(link).pathname)).status;
      // The web app answers 503 (with how to build it) in a checkout where it was never built.
      expect({ link, found: status !== 404 }).toEqual({ link, found: true });
    }
  });

  it('prints a start banner that names the web app and whose every address answers', async () => {
    const banner = readyBanner('http://localhost:3000');
    expect(banner).toContain('http://localhost:3000/app/');
    expect(banner).toContain('http://localhost:3000/docs');
    const urls = banner.match(/http:\/\/localhost:3000\S*/g) ?? [];
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const url of urls) {
      const status = (await t.http.get(new URL(url).pathname)).status;
      expect({ url, found: status !== 404 }).toEqual({ url, found: true });
    }
  });
});
