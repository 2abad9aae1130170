import 'reflect-metadata';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { HttpDrain } from './common/infra/http-drain.js';
import { readyBanner } from './common/infra/ready-banner.js';
import { bootstrapOrExit } from './common/infra/runtime.js';
import { CapacityPlanCacheService } from './capacity/plan/cache/capacity-plan-cache.service.js';
import { DemoDataService } from './demo/demo-data.service.js';
import { createHttpApp } from './http-app.js';

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
  let drain: HttpDrain;
  try {
    app = await createHttpApp(settings, logger);
    if (config.demoData) await app.get(DemoDataService).loadIfEmpty();
    drain = new HttpDrain(app.getHttpServer() as Server);
    await app.listen(config.port, config.host);
    app.get(CapacityPlanCacheService).warmAskedPlans();
  } catch (error) {
    logger.fatal({ err: error }, 'The service could not start');
    await app?.close().catch(() => undefined);
    await infrastructure.stop();
    process.exit(1);
  }
  const started = app;
  const base = config.publicBaseUrl;
  logger.info(
    { app: `${base}/app/`, docs: `${base}/docs`, api: `${base}/api`, health: `${base}/health/ready` },
    `Ready: web app ${base}/app/, docs ${base}/docs`,
  );
  console.warn(readyBanner(base));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, requestsInFlight: drain.inFlight }, 'Shutting down: finishing the requests in flight');
    try {
      await drain.drain(config.shutdownTimeoutMs);
      // Workers finish the job in hand, then queues, Redis and the database pool close (Nest's shutdown hooks).
      await started.close();
      await infrastructure.stop();
    } catch (error) {
      logger.error({ err: error }, 'Shutdown did not complete cleanly');
      process.exit(1);
    }
    logger.info('Stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main();
