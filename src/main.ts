import 'reflect-metadata';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { readyBanner } from './common/infra/ready-banner.js';
import { bootstrapOrExit } from './common/infra/runtime.js';
import { DemoDataService } from './demo/demo-data.service.js';
import { createHttpApp } from './http-app.js';

/** Stops taking connections, lets in-flight requests finish (up to the timeout), then closes the rest. */
function closeHttpServer(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, timeoutMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

async function main(): Promise<void> {
  const apiOnly = process.argv.includes('--api-only');
  const { config, logger, infrastructure } = await bootstrapOrExit();
  const settings = {
    config: { ...config, runWorkers: config.runWorkers && !apiOnly },
    databaseUrl: infrastructure.databaseUrl,
    redisUrl: infrastructure.redisUrl,
    jwtSecret: infrastructure.jwtSecret,
  };
  let app: INestApplication | undefined;
  try {
    app = await createHttpApp(settings, logger);
    if (config.demoData) await app.get(DemoDataService).loadIfEmpty();
    await app.listen(config.port, config.host);
  } catch (error) {
    logger.fatal({ err: error }, 'The service could not start');
    await app?.close().catch(() => undefined);
    await infrastructure.stop();
    process.exit(1);
  }
  const started = app;
  const base = config.publicBaseUrl;
  logger.info({ app: `${base}/app/`, docs: `${base}/docs`, api: `${base}/api`, health: `${base}/health/ready` }, `Ready: web app ${base}/app/, docs ${base}/docs`);
  console.warn(readyBanner(base));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Shutting down');
    await closeHttpServer(started.getHttpServer() as Server, config.shutdownTimeoutMs);
    await started.close();
    await infrastructure.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main();
