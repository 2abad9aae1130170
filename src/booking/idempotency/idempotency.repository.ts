import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { kysely } from '../../common/database/kysely.js';
import type { Queryable } from '../../common/database/queryable.js';
import { json } from '../../common/database/sql-fragments.js';

export interface StoredResponse {
  requestHash: string;
  status: 'in-flight' | 'done';
  responseStatus: number | null;
  responseBody: unknown;
}

/** The idempotency keys' rows and the transaction-level claim on one key. */
@Injectable()
export class IdempotencyRepository {
  /** Takes the transaction's advisory lock on a key, or answers false if another transaction holds it. */
  async tryClaim(lockKey: string, tx: Queryable): Promise<boolean> {
    const { rows } = await sql<{
      claimed: boolean;
    }>`SELECT pg_try_advisory_xact_lock(${lockKey}::bigint) AS claimed`.execute(kysely(tx));
    return rows[0].claimed;
  }

  /** The stored response of a key, and whether its row is older than `abandonedAfter` (an interval). */
  find(
    principal: string,
    key: string,
    abandonedAfter: string,
    tx: Queryable,
  ): Promise<(StoredResponse & { abandoned: boolean }) | undefined> {
    return kysely(tx)
      .selectFrom('idempotencyKey')
      .select([
        'requestHash',
        'status',
        'responseStatus',
        'responseBody',
        sql<boolean>`created_at < now() - ${abandonedAfter}::interval`.as('abandoned'),
      ])
      .where('principal', '=', principal)
      .where('key', '=', key)
      .executeTakeFirst();
  }

  async deleteInFlight(principal: string, key: string, tx: Queryable): Promise<void> {
    await kysely(tx)
      .deleteFrom('idempotencyKey')
      .where('principal', '=', principal)
      .where('key', '=', key)
      .where('status', '=', 'in-flight')
      .execute();
  }

  /** Stores a finished response; false if the key has a row already (a concurrent claim without the lock). */
  async insertDone(
    row: { principal: string; key: string; requestHash: string; responseStatus: number; responseBody: unknown },
    tx: Queryable,
  ): Promise<boolean> {
    const inserted = await kysely(tx)
      .insertInto('idempotencyKey')
      .values({ ...row, status: 'done', responseBody: json(row.responseBody) })
      .onConflict((oc) => oc.doNothing())
      .returning('key')
      .executeTakeFirst();
    return inserted !== undefined;
  }
}
