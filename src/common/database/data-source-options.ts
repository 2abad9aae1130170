import type { DataSourceOptions } from 'typeorm';

export interface SchemaParts {
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

/** The one set of TypeORM options used by the app, the tests and the migration CLI (ormconfig.ts). */
export function buildDataSourceOptions(url: string, schema: SchemaParts, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    logging: false,
    extra: {
      max: poolSize,
      // Fail fast while PostgreSQL is down so requests answer 503 instead of hanging.
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 30_000,
      application_name: 'akasse-scheduler',
    },
  };
}
