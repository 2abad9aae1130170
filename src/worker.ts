import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { bootstrapOrExit } from './common/infra/runtime.js';
import { PinoNestLogger } from './common/logging/logger.js';
import { WorkerModule } from './worker.module.js';

/** The BullMQ worker process: the same code as the API, without HTTP. Run many against one PostgreSQL and Redis. */
async function main(): Promise<void> {
  const { config, logger, infrastructure } = await bootstrapOrExit();
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ config, databaseUrl: infrastructure.databaseUrl, redisUrl: infrastructure.redisUrl, jwtSecret: infrastructure.jwtSecret }),
    { logger: new PinoNestLogger(logger) },
  );
  logger.info('Worker ready');
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Worker shutting down');
    await app.close();
    await infrastructure.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main();
