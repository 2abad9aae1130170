import { jest } from '@jest/globals';
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

// The first app of a run also loads the demo data (members, eight weeks of slots, bookings: a few seconds),
// inside the beforeAll of whichever test file happens to run first.
jest.setTimeout(30_000);

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

export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
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
  const app = await createHttpApp(
    // REDIS_URL in the overrides points the app at a private redis-server (outage tests stop and start it).
    { config, databaseUrl: environment.databaseUrl, redisUrl: config.redisUrl ?? environment.redisUrl, jwtSecret: TEST_JWT_SECRET },
    createLogger(config.logLevel),
  );
  // The first app of a run migrates (on init) and loads the demo organisation; later ones find it there.
  await app.get(DemoDataService).loadIfEmpty({ seed: 1, scale: 1, today: TEST_TODAY });
  const jwt = new JwtService({ secret: TEST_JWT_SECRET });
  const token = (principal: Principal) =>
    jwt.sign({ role: principal.role, ...(principal.subjectId ? { sub: principal.subjectId } : {}), ...(principal.departmentId ? { dep: principal.departmentId } : {}) }, { algorithm: 'HS256', expiresIn: 3600 });
  return {
    app,
    http: supertest(app.getHttpServer()),
    db: app.get(DataSource),
    token,
    auth: (principal) => ({ Authorization: `Bearer ${token(principal)}` }),
    close: () => app.close(),
  };
}
