import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { kysely } from '../common/database/kysely.js';
import { badRequest } from '../common/errors/domain-error.js';
import { EXTERNAL_CHANNELS, type ExternalChannel } from './core/message-types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The link in every e-mail that turns a channel off without signing in: "member X leaves channel Y",
 * signed with HMAC-SHA256 under the installation's link key (table message_link_key). It does not expire:
 * a link in an old e-mail must still work; replacing the key voids every link.
 */
@Injectable()
export class UnsubscribeTokens {
  private key?: Promise<string>;

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async sign(memberId: string, channel: ExternalChannel): Promise<string> {
    const statement = `${memberId}.${channel}`;
    return `${statement}.${this.mac(await this.linkKey(), statement)}`;
  }

  async verify(token: string): Promise<{ memberId: string; channel: ExternalChannel }> {
    const [memberId, channel, mac, ...rest] = token.split('.');
    if (
      rest.length === 0 &&
      UUID.test(memberId ?? '') &&
      (EXTERNAL_CHANNELS as readonly string[]).includes(channel ?? '') &&
      mac
    ) {
      const expected = Buffer.from(this.mac(await this.linkKey(), `${memberId}.${channel}`));
      const given = Buffer.from(mac);
      if (given.length === expected.length && timingSafeEqual(given, expected))
        return { memberId, channel: channel as ExternalChannel };
    }
    throw badRequest('INVALID_UNSUBSCRIBE_TOKEN', 'This unsubscribe link is not valid.');
  }

  private mac(key: string, statement: string): string {
    return createHmac('sha256', key).update(statement).digest('base64url');
  }

  private linkKey(): Promise<string> {
    this.key ??= kysely(this.db)
      .selectFrom('messageLinkKey')
      .select('key')
      .where('id', '=', 1)
      .execute()
      .then((rows) => rows[0].key);
    // A failed read is not cached: the next link tries again.
    this.key.catch(() => (this.key = undefined));
    return this.key;
  }
}
