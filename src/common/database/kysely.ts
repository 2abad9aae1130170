import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  CamelCasePlugin,
} from 'kysely';
import { DataSource, type EntityManager, type QueryRunner, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

import { domainErrorFromPostgres } from '../errors/postgres-errors.js';
import { camelCaseOptions } from './db-types.js';
import type { DB } from './db.types.js';
import type { Queryable } from './queryable.js';

export type Database = Kysely<DB>;

/**
 * A client mistake the database caught (a named constraint, a duplicate, a bad value) leaves a repository as its
 * DomainError, so services see domain errors only. Outages and a busy pool stay as they are: the exception filter,
 * the health probe and the workers tell those apart by the driver's own error.
 */
function mapped(error: unknown): unknown {
  const domain = domainErrorFromPostgres(error);
  return domain && domain.statusCode < 500 ? domain : error;
}

/**
 * Runs Kysely's compiled statements through TypeORM's query runner: the pool's own (taken and released per
 * statement, as `DataSource.query` does) or the transaction's, so a typed query joins the caller's transaction.
 */
class QueryRunnerConnection implements DatabaseConnection {
  constructor(private readonly db: Queryable) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const parameters = [...compiled.parameters];
    try {
      if (this.db instanceof DataSource) {
        const runner = this.db.createQueryRunner();
        try {
          return toKysely(await runner.query(compiled.sql, parameters, true));
        } finally {
          await runner.release();
        }
      }
      const runner: QueryRunner | undefined = (this.db as EntityManager).queryRunner;
      if (!runner) return await new QueryRunnerConnection((this.db as EntityManager).dataSource).executeQuery(compiled);
      if (runner.isReleased) throw new QueryRunnerProviderAlreadyReleasedError();
      return toKysely(await runner.query(compiled.sql, parameters, true));
    } catch (error) {
      throw mapped(error);
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported through the TypeORM query runner.');
  }
}

function toKysely<R>(result: { records: R[]; affected?: number }): QueryResult<R> {
  return {
    rows: result.records ?? [],
    numAffectedRows: result.affected === undefined || result.affected === null ? undefined : BigInt(result.affected),
  };
}

/** Transactions stay TypeORM's (`dataSource.transaction`): a bound Kysely only ever runs single statements. */
class QueryRunnerDriver implements Driver {
  private readonly connection: QueryRunnerConnection;

  constructor(db: Queryable) {
    this.connection = new QueryRunnerConnection(db);
  }

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  async beginTransaction(): Promise<void> {
    throw new Error('Open transactions with DataSource.transaction and pass its EntityManager to the repository.');
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

const bound = new WeakMap<object, Database>();

function bind(db: Queryable): Database {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new QueryRunnerDriver(db),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    // Column and table names are camelCase in TypeScript, snake_case in the migrations: rows need no aliases.
    plugins: [new CamelCasePlugin(camelCaseOptions())],
  });
}

/** A typed query builder over the pool or over a transaction's EntityManager (one instance per either, cached). */
export function kysely(db: Queryable): Database {
  let instance = bound.get(db);
  if (!instance) {
    instance = bind(db);
    bound.set(db, instance);
  }
  return instance;
}

/** A Kysely that only compiles (SQL snapshot tests, and types for code that never runs a query). */
export const compileOnly: Database = bind(null as unknown as Queryable);
