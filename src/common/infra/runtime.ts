import path from 'node:path';
import type { Logger } from 'pino';
import { ConfigError, loadConfigFromEnvironment, type AppConfig } from '../config/app-config.js';
import { createLogger } from '../logging/logger.js';
import { localJwtSecret } from './jwt-secret.js';
import { resolveRedis } from './redis-resolver.js';
import { SetupError } from './setup-error.js';

export interface ResolvedInfrastructure {
  databaseUrl: string;
  redisUrl: string;
  jwtSecret: string;
  /** Stops what this process started (embedded PostgreSQL, a private redis-server); a no-op otherwise. */
  stop(): Promise<void>;
}

/** Finds (or starts) PostgreSQL and Redis as the configuration says, before Nest boots. */
export async function resolveInfrastructure(config: AppConfig, logger: Logger): Promise<ResolvedInfrastructure> {
  const stops: Array<() => Promise<void>> = [];
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    // Loaded only when used: a process given DATABASE_URL never runs any of the embedded server's code.
    const { startEmbeddedPostgres } = await import('./embedded-postgres.js');
    const embedded = await startEmbeddedPostgres({
      dataDir: config.embeddedPostgresDir,
      log: (message) => logger.warn(message),
    });
    stops.push(() => embedded.stop());
    databaseUrl = embedded.url;
    logger.info({ dataDir: embedded.dataDir }, 'Using embedded PostgreSQL (set DATABASE_URL to use your own)');
  }
  try {
    const redis = await resolveRedis(config.redisUrl);
    stops.push(() => redis.stop());
    if (redis.source !== 'configured')
      logger.info({ source: redis.source, url: redis.url }, 'Using local Redis (set REDIS_URL to use your own)');
    const jwtSecret = config.jwtSecret ?? localJwtSecret(path.dirname(path.resolve(config.embeddedPostgresDir)));
    return {
      databaseUrl,
      redisUrl: redis.url,
      jwtSecret,
      stop: async () => {
        for (const stop of stops.reverse()) await stop().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}

export interface Bootstrap {
  config: AppConfig;
  logger: Logger;
  infrastructure: ResolvedInfrastructure;
}

/**
 * What both entry points do first: read the configuration, then find or start PostgreSQL and Redis.
 * A setup problem a person can fix ends the process with its message and a distinct exit code.
 */
export async function bootstrapOrExit(): Promise<Bootstrap> {
  let config: AppConfig;
  try {
    config = loadConfigFromEnvironment();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78);
  }
  const logger = createLogger(config.logLevel);
  try {
    return { config, logger, infrastructure: await resolveInfrastructure(config, logger) };
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    console.error(error.message);
    process.exit(error.exitCode);
  }
}
