import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildDataSourceOptions, type SchemaParts } from './data-source-options.js';
import { MigrationRunner } from './migration-runner.js';

@Module({})
export class DatabaseModule {
  static forRoot(url: string, schema: SchemaParts, poolSize: number): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...buildDataSourceOptions(url, schema, poolSize), retryAttempts: 3, retryDelay: 1000 })],
      providers: [MigrationRunner],
    };
  }
}
