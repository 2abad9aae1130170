import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './src/common/database/data-source-options.js';
import { schemaMigrations } from './src/database-schema.js';

/**
 * The DataSource for the TypeORM CLI (`npm run migration:run|revert`), built from the same
 * options the service uses. The CLI needs a running server: set DATABASE_URL, or it uses the local default.
 */
export default new DataSource(
  buildDataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/akasse', {
    migrations: schemaMigrations,
  }),
);
