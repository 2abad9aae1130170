import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { kysely } from '../../common/database/kysely.js';

export interface StoredPushSubscription {
  id: string;
  endpoint: string;
  publicKey: string;
  authSecret: string;
}

/** Subscriptions a member keeps at most; a new browser beyond that replaces their oldest. */
export const MAX_SUBSCRIPTIONS_PER_MEMBER = 10;

/** Members' browser push subscriptions (`push_subscription`) and the development VAPID key (`push_dev_key`). */
@Injectable()
export class PushRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * Saves a browser's subscription for a member. The endpoint is unique: the same browser subscribing again
   * (new keys, or another member signed in on it) takes the row over. Beyond the limit the oldest go.
   */
  async save(memberId: string, endpoint: string, publicKey: string, authSecret: string): Promise<string> {
    return this.db.transaction(async (tx) => {
      const k = kysely(tx);
      const row = await k
        .insertInto('pushSubscription')
        .values({ memberId, endpoint, publicKey, authSecret })
        .onConflict((oc) =>
          oc.column('endpoint').doUpdateSet((eb) => ({
            memberId: eb.ref('excluded.memberId'),
            publicKey: eb.ref('excluded.publicKey'),
            authSecret: eb.ref('excluded.authSecret'),
            createdAt: sql<Date>`now()`,
          })),
        )
        .returning((eb) => eb.cast<string>('id', 'text').as('id'))
        .executeTakeFirstOrThrow();
      await k
        .deleteFrom('pushSubscription')
        .where('memberId', '=', memberId)
        .where('id', 'not in', (eb) =>
          eb
            .selectFrom('pushSubscription')
            .select('id')
            .where('memberId', '=', memberId)
            .orderBy('createdAt', 'desc')
            .orderBy('id', 'desc')
            .limit(MAX_SUBSCRIPTIONS_PER_MEMBER),
        )
        .execute();
      return row.id;
    });
  }

  /** Removes one of the member's subscriptions by its endpoint; false when they have none there. */
  async remove(memberId: string, endpoint: string): Promise<boolean> {
    const rows = await kysely(this.db)
      .deleteFrom('pushSubscription')
      .where('memberId', '=', memberId)
      .where('endpoint', '=', endpoint)
      .returning('id')
      .execute();
    return rows.length > 0;
  }

  /** The push service said the subscription is gone (404/410): it is never used again. */
  async removeById(id: string): Promise<void> {
    await kysely(this.db).deleteFrom('pushSubscription').where('id', '=', id).execute();
  }

  listForMember(memberId: string): Promise<StoredPushSubscription[]> {
    return kysely(this.db)
      .selectFrom('pushSubscription')
      .select((eb) => [eb.cast<string>('id', 'text').as('id'), 'endpoint', 'publicKey', 'authSecret'])
      .where('memberId', '=', memberId)
      .orderBy('id')
      .execute();
  }

  /** What the member's own page and staff may see: the push service's host and when, never the endpoint itself. */
  async describeForMember(memberId: string): Promise<{ id: string; service: string; createdAt: Date }[]> {
    const rows = await kysely(this.db)
      .selectFrom('pushSubscription')
      .select((eb) => [eb.cast<string>('id', 'text').as('id'), 'endpoint', 'createdAt'])
      .where('memberId', '=', memberId)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(({ id, endpoint, createdAt }) => ({ id, service: new URL(endpoint).host, createdAt }));
  }

  /** The development key pair, made by the first process that asks (the others then read the same row). */
  async devKey(
    generate: () => { publicKey: string; privateKey: string },
  ): Promise<{ publicKey: string; privateKey: string }> {
    const read = () =>
      kysely(this.db)
        .selectFrom('pushDevKey')
        .select(['publicKey', 'privateKey'])
        .where('id', '=', 1)
        .executeTakeFirst();
    const existing = await read();
    if (existing) return existing;
    const fresh = generate();
    await kysely(this.db)
      .insertInto('pushDevKey')
      .values({ id: 1, publicKey: fresh.publicKey, privateKey: fresh.privateKey })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    return (await read())!;
  }
}
