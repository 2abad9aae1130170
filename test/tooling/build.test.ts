import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { jest } from '@jest/globals';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import supertest from 'supertest';
import { KEPT_BUILDS, newWebBuildDir, publishWebBuild } from '../../scripts/publish-web-build.mjs';
import { serveWebApp } from '../../src/http-app.js';

// A real Vite build of the web app runs below; on a busy 2-core machine that takes a while.
jest.setTimeout(180_000);

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const BUILD = path.join(ROOT, 'scripts', 'build.mjs');
const execFileAsync = promisify(execFile);

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

async function buildScript(...args: string[]): Promise<string> {
  const { stderr } = await execFileAsync(process.execPath, [BUILD, ...args]);
  return stderr;
}

describe('npm start and npm run token build only what changed', () => {
  let checkout: string;
  beforeAll(() => {
    // The smallest checkout the service build accepts: the entry points, compiled by the real tsc
    // (against the ES5 library only, which keeps each compile to a second or two).
    checkout = mkdtempSync(path.join(tmpdir(), 'akasse-build-'));
    write(
      path.join(checkout, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['es5'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          outDir: 'dist',
          rootDir: '.',
          types: [],
          strict: true,
        },
      }),
    );
    write(
      path.join(checkout, 'tsconfig.build.json'),
      JSON.stringify({ extends: './tsconfig.json', include: ['src', 'bench', 'ormconfig.ts'] }),
    );
    write(path.join(checkout, 'package-lock.json'), '{}');
    for (const entry of [
      'src/main.ts',
      'src/worker.ts',
      'src/common/auth/token-cli.ts',
      'bench/run.ts',
      'ormconfig.ts',
    ])
      write(path.join(checkout, entry), `export const entry = '${entry}';\n`);
  });
  afterAll(() => rmSync(checkout, { recursive: true, force: true }));

  const main = () => path.join(checkout, 'dist', 'src', 'main.js');

  it('compiles a checkout that was never built', async () => {
    expect(await buildScript('--root', checkout, '--service')).toContain('Building the service');
    expect(existsSync(main())).toBe(true);
  });

  it('does nothing at all when dist/ is newer than every source', async () => {
    const before = statSync(main()).mtimeMs;
    expect(await buildScript('--root', checkout, '--service')).toBe('');
    expect(statSync(main()).mtimeMs).toBe(before);
  });

  it('compiles again when a source changes', async () => {
    const now = new Date();
    utimesSync(path.join(checkout, 'src', 'worker.ts'), now, now);
    expect(await buildScript('--root', checkout, '--service')).toContain('(src changed)');
    expect(await buildScript('--root', checkout, '--service')).toBe('');
  });

  it('emits again when an output was deleted, although tsc --incremental believes it is current', async () => {
    rmSync(main());
    expect(await buildScript('--root', checkout, '--service')).toContain('dist/src/main.js is missing');
    expect(existsSync(main())).toBe(true);
  });

  it('lets npm run token build only the service, and only when it is stale', () => {
    const scripts = (
      JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts.token).toMatch(
      /^node scripts\/build\.mjs --service --quiet && node dist\/src\/common\/auth\/token-cli\.js$/,
    );
    expect(scripts.start).toMatch(/^node scripts\/build\.mjs && /);
  });
});

@Module({})
class EmptyModule {}

describe('a web build under a running server', () => {
  let scratch: string;
  let dist: string;
  let app: NestExpressApplication;
  let http: ReturnType<typeof supertest>;

  beforeAll(async () => {
    // Under a dotted folder too, as a clone in ~/.cache would be.
    scratch = mkdtempSync(path.join(tmpdir(), '.akasse-web-build-'));
    dist = path.join(scratch, 'dist');
    const old = newWebBuildDir(dist);
    write(
      path.join(old, 'index.html'),
      '<!doctype html><title>old build</title><script src="/app/assets/index-old.js"></script>',
    );
    write(path.join(old, 'assets', 'index-old.js'), 'import("./Forecast-old.js")');
    write(path.join(old, 'assets', 'Forecast-old.js'), 'export const page = "forecast"');
    publishWebBuild(dist, old);
    app = await NestFactory.create<NestExpressApplication>(EmptyModule, { logger: false });
    serveWebApp(app, path.join(dist, 'web'));
    await app.init();
    http = supertest(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('swaps the new build in without a moment of 404, and a page loaded before still gets its lazy chunks', async () => {
    const vite = spawn(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        'web/vite.config.ts',
        '--logLevel',
        'error',
        '--outDir',
        newWebBuildDir(dist),
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let viteErrors = '';
    vite.stderr.on('data', (chunk: Buffer) => (viteErrors += chunk.toString()));
    const finished = new Promise<number | null>((resolve) => vite.once('close', resolve));
    let done = false;
    void finished.then(() => (done = true));
    const failures: string[] = [];
    let polls = 0;
    while (!done) {
      const [page, chunk] = await Promise.all([http.get('/app/'), http.get('/app/assets/Forecast-old.js')]);
      polls++;
      if (page.status !== 200) failures.push(`/app/ answered ${page.status}`);
      if (chunk.status !== 200) failures.push(`the old lazy chunk answered ${chunk.status}`);
    }
    expect({ exitCode: await finished, viteErrors }).toEqual({ exitCode: 0, viteErrors: '' });
    expect(polls).toBeGreaterThan(0);
    expect(failures).toEqual([]);
    const page = await http.get('/app/');
    expect(page.text).not.toContain('old build');
    expect(page.text).toMatch(/\/app\/assets\/index-[\w-]+\.js/);
    expect((await http.get('/app/assets/Forecast-old.js')).status).toBe(200);
  });

  it('takes over a dist/web left as a plain folder by an older checkout, keeping its assets', () => {
    const other = path.join(scratch, 'other-dist');
    write(path.join(other, 'web', 'index.html'), '<title>plain</title>');
    write(path.join(other, 'web', 'assets', 'Forecast-plain.js'), 'plain');
    const dir = newWebBuildDir(other);
    write(path.join(dir, 'index.html'), '<title>new</title>');
    publishWebBuild(other, dir);
    expect(readFileSync(path.join(other, 'web', 'index.html'), 'utf8')).toBe('<title>new</title>');
    expect(readFileSync(path.join(other, 'web', 'assets', 'Forecast-plain.js'), 'utf8')).toBe('plain');
  });

  it(`keeps the assets of the last ${KEPT_BUILDS} builds only`, async () => {
    for (let build = 1; build <= KEPT_BUILDS; build++) {
      const dir = newWebBuildDir(dist);
      write(path.join(dir, 'index.html'), `<title>build ${build}</title>`);
      write(path.join(dir, 'assets', `index-${build}.js`), '');
      publishWebBuild(dist, dir);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect((await http.get('/app/')).text).toContain(`build ${KEPT_BUILDS}`);
    expect((await http.get(`/app/assets/index-${KEPT_BUILDS - 1}.js`)).status).toBe(200);
    expect((await http.get('/app/assets/Forecast-old.js')).status).toBe(404);
  });
});
