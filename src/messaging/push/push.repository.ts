import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryOne } from '../../common/database/queryable.js';

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
      const [row] = (await tx.query(
        `INSERT INTO push_subscription (member_id, endpoint, public_key, auth_secret) VALUES ($1, $2, $3, $4)
         ON CONFLICT (endpoint) DO UPDATE SET member_id = EXCLUDED.member_id, public_key = EXCLUDED.public_key,
           auth_secret = EXCLUDED.auth_secret, created_at = now()
         RETURNING id::text`,
        [memberId, endpoint, publicKey, authSecret],
      )) as { id: string }[];
      await tx.query(
        `DELETE FROM push_subscription WHERE member_id = $1 AND id NOT IN (
           SELECT id FROM push_subscription WHERE member_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2)`,
        [memberId, MAX_SUBSCRIPTIONS_PER_MEMBER],
      );
      return row.id;
    });
  }

  /** Removes one of the member's subscriptions by its endpoint; false when they have none there. */
  async remove(memberId: string, endpoint: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `DELETE FROM push_subscription WHERE member_id = $1 AND endpoint = $2 RETURNING id`,
      [memberId, endpoint],
    );
    return rows.length > 0;
  }

  /** The push service said the subscription is gone (404/410): it is never used again. */
  async removeById(id: string): Promise<void> {
    await this.db.query(`DELETE FROM push_subscription WHERE id = $1`, [id]);
  }

  listForMember(memberId: string): Promise<StoredPushSubscription[]> {
    return this.db.query(
      `SELECT id::text, endpoint, public_key AS "publicKey", auth_secret AS "authSecret" FROM push_subscription WHERE member_id = $1 ORDER BY id`,
      [memberId],
    );
  }

  /** What the member's own page and staff may see: the push service's host and when, never the endpoint itself. */
  async describeForMember(memberId: string): Promise<{ id: string; service: string; createdAt: Date }[]> {
    const rows: { id: string; endpoint: string; createdAt: Date }[] = await this.db.query(
      `SELECT id::text, endpoint, created_at AS "createdAt" FROM push_subscription WHERE member_id = $1 ORDER BY created_at DESC, id DESC`,
      [memberId],
    );
    return rows.map(({ id, endpoint, createdAt }) => ({ id, service: new URL(endpoint).host, createdAt }));
  }

  /** The development key pair, made by the first process that asks (the others then read the same row). */
  async devKey(
    generate: () => { publicKey: string; privateKey: string },
  ): Promise<{ publicKey: string; privateKey: string }> {
    const existing = await queryOne<{ publicKey: string; privateKey: string }>(
      this.db,
      `SELECT public_key AS "publicKey", private_key AS "privateKey" FROM push_dev_key WHERE id = 1`,
    );
    if (existing) return existing;
    const fresh = generate();
    await this.db.query(
      `INSERT INTO push_dev_key (id, public_key, private_key) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING`,
      [fresh.publicKey, fresh.privateKey],
    );
    return (await queryOne<{ publicKey: string; privateKey: string }>(
      this.db,
      `SELECT public_key AS "publicKey", private_key AS "privateKey" FROM push_dev_key WHERE id = 1`,
    ))!;
  }
}
