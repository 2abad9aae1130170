import { AuthModule } from './common/auth/auth.module.js';
import { ClockModule } from './common/clock/clock.module.js';
import type { AppConfig } from './common/config/app-config.js';
import { ConfigModule } from './common/config/config.module.js';
import { DatabaseModule } from './common/database/database.module.js';
import { MetricsModule } from './common/metrics/metrics.module.js';
import { QueueModule } from './common/queue/queue.module.js';
import { schemaMigrations } from './database-schema.js';

/** Settings resolved at start-up: the validated config plus where PostgreSQL and Redis actually are. */
export interface RuntimeSettings {
  config: AppConfig;
  databaseUrl: string;
  redisUrl: string;
  jwtSecret: string;
}

/** Modules shared by the API and the worker process. */
export function coreImports(settings: RuntimeSettings) {
  return [
    ConfigModule.forRoot(settings.config),
    ClockModule,
    AuthModule.forRoot(settings.jwtSecret),
    DatabaseModule.forRoot(
      settings.databaseUrl,
      { migrations: schemaMigrations },
      { size: settings.config.databasePoolSize, waitMs: settings.config.databasePoolWaitMs },
    ),
    QueueModule.forRoot({ url: settings.redisUrl, prefix: settings.config.redisKeyPrefix }),
    MetricsModule,
  ];
}
