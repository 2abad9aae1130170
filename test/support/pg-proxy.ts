import { createServer, type Server, Socket } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import type { Principal } from '../../src/common/auth/principal.js';
import { loadConfig } from '../../src/common/config/app-config.js';
import { createLogger } from '../../src/common/logging/logger.js';
import { DemoDataService } from '../../src/demo/demo-data.service.js';
import { createHttpApp } from '../../src/http-app.js';
import { TEST_JWT_SECRET, TEST_TODAY, type TestApp } from './test-app.js';
import { readTestEnvironment } from './test-environment.js';

/**
 * A TCP proxy in front of the test PostgreSQL, so a test can take the database away from one app
 * (every connection cut, new ones refused) without touching the shared server.
 */
export interface PgProxy {
  /** The test database's URL through the proxy. */
  url: string;
  /** Drops every connection and refuses new ones until restore(). */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startPgProxy(databaseUrl: string): Promise<PgProxy> {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  let down = false;
  const server: Server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    upstream.connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    cut() {
      down = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A test app (as createTestApp builds it) whose database connections go through `databaseUrl`. */
export async function createTestAppWithDatabase(
  databaseUrl: string,
  overrides: Record<string, string> = {},
): Promise<TestApp> {
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
    { config, databaseUrl, redisUrl: environment.redisUrl, jwtSecret: TEST_JWT_SECRET },
    createLogger(config.logLevel),
  );
  try {
    await app.get(DemoDataService).loadIfEmpty({ seed: 1, scale: 1, today: TEST_TODAY });
  } catch (error) {
    await app.close();
    throw error;
  }
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
    close: () => app.close(),
  };
}
