import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildDataSourceOptions, type SchemaParts } from './data-source-options.js';
import { MigrationRunner } from './migration-runner.js';
import { DATABASE_URL, PostgresProbe } from './postgres-probe.js';

export interface PoolSettings {
  size: number;
  waitMs: number;
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(url: string, schema: SchemaParts, pool: PoolSettings): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...buildDataSourceOptions(url, schema, pool.size, pool.waitMs),
          retryAttempts: 3,
          retryDelay: 1000,
        }),
      ],
      providers: [MigrationRunner, { provide: DATABASE_URL, useValue: url }, PostgresProbe],
      exports: [PostgresProbe],
    };
  }
}
