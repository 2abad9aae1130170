import { afterAll, jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/common/config/app-config.js';
import type { Principal } from '../../src/common/auth/principal.js';
import { createLogger } from '../../src/common/logging/logger.js';
import { DemoDataService } from '../../src/demo/demo-data.service.js';
import { createHttpApp } from '../../src/http-app.js';
import { readTestEnvironment } from './test-environment.js';

/**
 * Starting an app takes a few seconds on a quiet machine; the first app of a run also migrates and loads the
 * demo data (members, eight weeks of slots, bookings) inside the beforeAll of whichever file runs first. A
 * shared 2-core machine under load has been measured at well over 30 s for that, so hooks and tests get 120 s
 * (the same as `testTimeout` in jest.config.js, which covers files that start no app).
 */
export const APP_START_TIMEOUT_MS = 120_000;
jest.setTimeout(APP_START_TIMEOUT_MS);

/** The fixed "today" of the test data, so date-dependent assertions never drift. */
export const TEST_TODAY = new Date('2026-11-23T09:00:00Z');

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-000';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof supertest>;
  db: DataSource;
  token(principal: Principal): string;
  /** `Authorization` header value for a principal. */
  auth(principal: Principal): { Authorization: string };
  close(): Promise<void>;
}

// Every app this test file started and has not closed, and every start still under way. A beforeAll that
// times out leaves its app starting with no variable holding it; Redis and PostgreSQL connections it then
// opens would keep Jest from ever exiting, so the file's last hook closes whatever is left.
const openApps = new Set<INestApplication>();
const starting = new Set<Promise<unknown>>();

async function closeApp(app: INestApplication): Promise<void> {
  if (!openApps.delete(app)) return;
  await app.close().catch(() => undefined);
}

async function closeEverythingStarted(): Promise<void> {
  await Promise.all([...openApps].map(closeApp));
  // A start still under way fails fast once its connections are closed; one that had not yet created its
  // app creates it, and that is closed in the second round.
  await Promise.allSettled([...starting]);
  await Promise.all([...openApps].map(closeApp));
}

// Registered when a test file first imports this module, so it runs after all of that file's own hooks.
afterAll(closeEverythingStarted, APP_START_TIMEOUT_MS);

export interface TestAppOptions {
  /** Another database than the run's shared one (e.g. an empty one made with createEmptyDatabase). */
  databaseUrl?: string;
  /** Load the demo organisation into an empty database (default true), as production does with DEMO_DATA=true. */
  demo?: boolean;
}

export function createTestApp(overrides: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const start = startTestApp(overrides, options);
  const tracked = start.catch(() => undefined);
  starting.add(tracked);
  void tracked.then(() => starting.delete(tracked));
  return start;
}

async function startTestApp(overrides: Record<string, string>, options: TestAppOptions): Promise<TestApp> {
  const environment = readTestEnvironment();
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    REDIS_KEY_PREFIX: environment.redisPrefix,
    DEMO_DATA: 'false',
    RUN_WORKERS: 'false',
    WRITE_RATE_LIMIT_PER_MINUTE: '100000',
    ...overrides,
  });
  let created: INestApplication | undefined;
  try {
    const app = await createHttpApp(
      // REDIS_URL in the overrides points the app at a private redis-server (outage tests stop and start it).
      {
        config,
        databaseUrl: options.databaseUrl ?? environment.databaseUrl,
        redisUrl: config.redisUrl ?? environment.redisUrl,
        jwtSecret: TEST_JWT_SECRET,
      },
      createLogger(config.logLevel),
      (app) => {
        created = app;
        openApps.add(app);
      },
    );
    // The first app of a run migrates (on init) and loads the demo organisation; later ones find it there.
    if (options.demo !== false) await app.get(DemoDataService).loadIfEmpty({ seed: 1, scale: 1, today: TEST_TODAY });
    const jwt = new JwtService({ secret: TEST_JWT_SECRET });
    const token = (principal: Principal) =>
      jwt.sign(
        {
          role: principal.role,
          ...(principal.subjectId ? { sub: principal.subjectId } : {}),
          ...(principal.departmentId ? { dep: principal.departmentId } : {}),
        },
        { algorithm: 'HS256', expiresIn: 3600 },
      );
    return {
      app,
      http: supertest(app.getHttpServer()),
      db: app.get(DataSource),
      token,
      auth: (principal) => ({ Authorization: `Bearer ${token(principal)}` }),
      close: () => closeApp(app),
    };
  } catch (error) {
    if (created) await closeApp(created);
    throw error;
  }
}

/** A new empty database next to the run's own (migrated by the first app that opens it); drop it with the returned function. */
export async function createEmptyDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const adminUrl = process.env.AKASSE_TEST_ADMIN_URL;
  const runDatabase = process.env.AKASSE_TEST_DATABASE_NAME;
  if (!adminUrl || !runDatabase)
    throw new Error('The integration tests need the Jest global setup (run them with `npm test`).');
  const name = `${runDatabase}_${label}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return {
    url: adminUrl.replace(/\/[^/]+$/, `/${name}`),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
