import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';

export interface SchemaParts {
  /** None in the service: queries are typed by Kysely (db.types.ts), not mapped by TypeORM. */
  entities?: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

/** A connect to PostgreSQL that takes longer than this counts as PostgreSQL being unavailable. */
export const CONNECT_TIMEOUT_MS = 3000;

/** Default wait for a free pooled connection (DATABASE_POOL_WAIT_MS). */
export const DEFAULT_POOL_WAIT_MS = 10_000;

/**
 * node-postgres' pool uses one setting, connectionTimeoutMillis, both for waiting for a free pooled connection and
 * for connecting. The pool gets the (longer) wait; each client bounds its own connect, so a busy pool and an
 * unreachable database fail differently ("timeout exceeded when trying to connect" vs a connection error).
 */
class BoundedConnectClient extends pg.Client {
  constructor(config: pg.ClientConfig) {
    super({
      ...config,
      connectionTimeoutMillis: Math.min(config.connectionTimeoutMillis || CONNECT_TIMEOUT_MS, CONNECT_TIMEOUT_MS),
    });
  }
}

/** The one set of TypeORM options used by the app, the tests and the migration CLI (ormconfig.ts). */
export function buildDataSourceOptions(
  url: string,
  schema: SchemaParts,
  poolSize = 10,
  poolWaitMs = DEFAULT_POOL_WAIT_MS,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: schema.entities ?? [],
    migrations: schema.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    logging: false,
    extra: {
      max: poolSize,
      Client: BoundedConnectClient,
      // A burst queues for a pooled connection this long, then answers 503 BUSY; a failed connect answers 503
      // DATABASE_UNAVAILABLE after CONNECT_TIMEOUT_MS at most.
      connectionTimeoutMillis: poolWaitMs,
      idleTimeoutMillis: 30_000,
      statement_timeout: 30_000,
      application_name: 'akasse-scheduler',
    },
  };
}
