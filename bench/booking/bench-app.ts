import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Redis } from 'ioredis';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { Principal } from '../../src/common/auth/principal.js';
import { loadConfig } from '../../src/common/config/app-config.js';
import { createLogger } from '../../src/common/logging/logger.js';
import { DemoDataService, type DemoLoadOptions } from '../../src/demo/demo-data.service.js';
import { createHttpApp } from '../../src/http-app.js';

const JWT_SECRET = randomBytes(32).toString('hex');

export interface BenchApp {
  app: INestApplication;
  baseUrl: string;
  db: DataSource;
  databaseUrl: string;
  demoLoadMs: number;
  token(principal: Principal): string;
  /** Another application process's worth (same database, Redis and token secret) with these settings on top; closed with this one. */
  /** A second app on the same database and Redis, with `env` on top; closed with the bench, or before by `close`. */
  another(env: Record<string, string>): Promise<{ app: INestApplication; baseUrl: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

/**
 * The real HTTP application, built as production builds it, on a database of its own that is created
 * here and dropped on close, with the demo data loaded at the given scale.
 */
export async function startBenchApp(
  adminUrl: string,
  redisUrl: string,
  demo: DemoLoadOptions,
  poolSize = 20,
  env: Record<string, string> = {},
): Promise<BenchApp> {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const databaseName = `akasse_bench_${runId}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  await admin.end();
  const databaseUrl = adminUrl.replace(/\/[^/]*$/, `/${databaseName}`);
  const redisKeyPrefix = `akasse-bench-${runId}`;
  const configWith = (extra: Record<string, string>) =>
    loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET,
      REDIS_KEY_PREFIX: redisKeyPrefix,
      DEMO_DATA: 'false',
      RUN_WORKERS: 'false',
      LOG_LEVEL: 'silent',
      DATABASE_POOL_SIZE: String(poolSize),
      WRITE_RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
      ...extra,
    });
  const config = configWith({});
  const others: INestApplication[] = [];
  const app = await createHttpApp(
    { config, databaseUrl, redisUrl, jwtSecret: JWT_SECRET },
    createLogger(config.logLevel),
  );
  const started = Date.now();
  await app.get(DemoDataService).load(demo);
  const demoLoadMs = Date.now() - started;
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const jwt = new JwtService({ secret: JWT_SECRET });
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    db: app.get(DataSource),
    databaseUrl,
    demoLoadMs,
    token: (principal) =>
      jwt.sign(
        {
          role: principal.role,
          ...(principal.subjectId ? { sub: principal.subjectId } : {}),
          ...(principal.departmentId ? { dep: principal.departmentId } : {}),
        },
        { algorithm: 'HS256', expiresIn: 7200 },
      ),
    another: async (extra) => {
      const other = await createHttpApp(
        { config: configWith(extra), databaseUrl, redisUrl, jwtSecret: JWT_SECRET },
        createLogger('silent'),
      );
      others.push(other);
      await other.listen(0, '127.0.0.1');
      return {
        app: other,
        baseUrl: `http://127.0.0.1:${(other.getHttpServer().address() as AddressInfo).port}`,
        close: async () => {
          others.splice(others.indexOf(other), 1);
          await other.close();
        },
      };
    },
    close: async () => {
      for (const other of others) await other.close();
      await app.close();
      const drop = new pg.Client({ connectionString: adminUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      await drop.end();
      const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisKeyPrefix}:*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length > 0) await redis.del(...keys);
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}
