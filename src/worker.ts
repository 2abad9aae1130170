import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { bootstrapOrExit } from './common/infra/runtime.js';
import { PinoNestLogger } from './common/logging/logger.js';
import { WorkerModule } from './worker.module.js';

/** The BullMQ worker process: the same code as the API, without HTTP. Run many against one PostgreSQL and Redis. */
async function main(): Promise<void> {
  const { config, logger, infrastructure } = await bootstrapOrExit();
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({
      config,
      databaseUrl: infrastructure.databaseUrl,
      redisUrl: infrastructure.redisUrl,
      jwtSecret: infrastructure.jwtSecret,
    }),
    { logger: new PinoNestLogger(logger) },
  );
  logger.info('Worker ready');
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Each worker finishes the job in hand before its queue closes (the processors' beforeApplicationShutdown).
    logger.info({ signal }, 'Worker shutting down');
    try {
      await app.close();
      await infrastructure.stop();
    } catch (error) {
      logger.error({ err: error }, 'Shutdown did not complete cleanly');
      process.exit(1);
    }
    logger.info('Worker stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main();
