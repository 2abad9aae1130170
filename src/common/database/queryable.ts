import type { DataSource, EntityManager } from 'typeorm';

/** Either the pool or a transaction's EntityManager: repositories take one so services decide the transaction. */
export type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** The first row of a query, or undefined. */
export async function queryOne<T>(db: Queryable, sql: string, parameters: unknown[] = []): Promise<T | undefined> {
  const rows: T[] = await db.query(sql, parameters);
  return rows[0];
}
