import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import supertest from 'supertest';
import { serveWebApp } from '../../src/http-app.js';

@Module({})
class EmptyModule {}

/** A checkout cloned under a folder whose name starts with a dot (~/.cache/…, ~/.local/…). */
function builtWebAppUnderDottedFolder(): { root: string; dir: string } {
  const root = mkdtempSync(path.join(tmpdir(), '.akasse-dotted-'));
  const dir = path.join(root, 'checkout', 'dist', 'web');
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><title>A-kasse</title><script src="/app/assets/index-abc123.js"></script>',
  );
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log("app")');
  return { root, dir };
}

describe('the web app', () => {
  let root: string;
  let app: NestExpressApplication;
  let http: ReturnType<typeof supertest>;

  beforeAll(async () => {
    const built = builtWebAppUnderDottedFolder();
    root = built.root;
    app = await NestFactory.create<NestExpressApplication>(EmptyModule, { logger: false });
    serveWebApp(app, built.dir);
    await app.init();
    http = supertest(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html for /app and its client-side routes when the checkout sits under a dotted folder', async () => {
    for (const route of ['/app/', '/app/coordinator/heatmap', '/app/member/programme?x=1']) {
      const response = await http.get(route);
      expect({ route, status: response.status }).toEqual({ route, status: 200 });
      expect(response.text).toContain('<title>A-kasse</title>');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('sends /app on to /app/', async () => {
    const response = await http.get('/app');
    expect([301, 302]).toContain(response.status);
    expect(response.headers.location).toBe('/app/');
  });

  it('serves the hashed assets from there, cached for good', async () => {
    const response = await http.get('/app/assets/index-abc123.js');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('never serves files from dotted folders inside the build', async () => {
    mkdirSync(path.join(root, 'checkout', 'dist', 'web', '.secret'), { recursive: true });
    writeFileSync(path.join(root, 'checkout', 'dist', 'web', '.secret', 'x.txt'), 'hidden');
    expect((await http.get('/app/.secret/x.txt')).text).not.toContain('hidden');
  });
});
