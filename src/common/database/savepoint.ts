import { sql } from 'kysely';
import { kysely } from './kysely.js';
import type { Queryable } from './queryable.js';

/** A savepoint in the caller's transaction: rolling back to it undoes only the work done since it was set. */
export interface Savepoint {
  release(): Promise<void>;
  rollback(): Promise<void>;
}

const NAME = /^[a-z_][a-z0-9_]*$/;

/** Sets a savepoint. The name goes into the statement as written (savepoints take no parameters), so it must be a plain identifier. */
export async function savepoint(tx: Queryable, name: string): Promise<Savepoint> {
  if (!NAME.test(name)) throw new Error(`Not a savepoint name: ${name}`);
  const id = sql.raw(name);
  const db = kysely(tx);
  await sql`SAVEPOINT ${id}`.execute(db);
  return {
    release: async () => void (await sql`RELEASE SAVEPOINT ${id}`.execute(db)),
    rollback: async () => void (await sql`ROLLBACK TO SAVEPOINT ${id}`.execute(db)),
  };
}
