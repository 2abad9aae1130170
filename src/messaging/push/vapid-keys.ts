import { Inject, Injectable } from '@nestjs/common';
import webpush from 'web-push';
import { APP_CONFIG } from '../../common/config/config.module.js';
import type { AppConfig, VapidConfig } from '../../common/config/app-config.js';
import { PushRepository } from './push.repository.js';

/** Subject of development keys (push services want a contact; nobody reads this one). */
export const DEV_VAPID_SUBJECT = 'mailto:no-reply@akasse.invalid';

/**
 * The VAPID key pair push messages are signed with: VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY when configured;
 * else, with PUSH_DEV_KEYS (development on localhost), a pair generated once and kept in `push_dev_key`;
 * else none, and the push channel is off.
 */
@Injectable()
export class VapidKeys {
  readonly enabled: boolean;
  private loaded?: Promise<VapidConfig>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PushRepository) private readonly repository: PushRepository,
  ) {
    this.enabled = config.messaging.vapid !== undefined || config.messaging.pushDevKeys;
  }

  /** Undefined when push is off. */
  async get(): Promise<VapidConfig | undefined> {
    if (this.config.messaging.vapid) return this.config.messaging.vapid;
    if (!this.config.messaging.pushDevKeys) return undefined;
    this.loaded ??= this.repository
      .devKey(() => webpush.generateVAPIDKeys())
      .then((keys) => ({ ...keys, subject: DEV_VAPID_SUBJECT }));
    try {
      return await this.loaded;
    } catch (error) {
      this.loaded = undefined;
      throw error;
    }
  }
}
