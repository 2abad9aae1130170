import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../../common/auth/access.service.js';
import type { Principal } from '../../common/auth/principal.js';
import { APP_CONFIG } from '../../common/config/config.module.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { conflict, notFound, unprocessable } from '../../common/errors/domain-error.js';
import { MessagingRepository } from '../messaging.repository.js';
import { MessagingService } from '../messaging.service.js';
import { normaliseKey, type PushSubscriptionInput, subscriptionProblem } from './push-subscription.js';
import { PushRepository } from './push.repository.js';
import { VapidKeys } from './vapid-keys.js';

/** A member's browsers for Web Push: the key browsers subscribe with, and subscribing and unsubscribing. */
@Injectable()
export class PushService {
  constructor(
    @Inject(PushRepository) private readonly subscriptions: PushRepository,
    @Inject(MessagingRepository) private readonly messages: MessagingRepository,
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @Inject(VapidKeys) private readonly keys: VapidKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  /** The VAPID public key a browser passes to `pushManager.subscribe` (null: push is off on this server). */
  async publicKey(): Promise<{ publicKey: string | null }> {
    return { publicKey: (await this.keys.get())?.publicKey ?? null };
  }

  /** The member's subscribed browsers (the push service's host only); staff may look, as with preferences. */
  async list(principal: Principal, memberId: string) {
    await this.messaging.preferences(principal, memberId);
    return this.subscriptions.describeForMember(memberId);
  }

  async subscribe(principal: Principal, memberId: string, input: PushSubscriptionInput) {
    this.assertSelf(principal, memberId, 'subscribe a browser');
    if (!this.keys.enabled) throw conflict('PUSH_NOT_AVAILABLE', 'Push notifications are not set up on this server.');
    const problem = subscriptionProblem(input, this.config.nodeEnv === 'production');
    if (problem) throw unprocessable('INVALID_PUSH_SUBSCRIPTION', `The push subscription is not valid: ${problem}.`);
    if (!(await this.messages.memberDepartment(memberId))) throw notFound('member', memberId);
    const id = await this.subscriptions.save(
      memberId,
      input.endpoint,
      normaliseKey(input.keys.p256dh),
      normaliseKey(input.keys.auth),
    );
    return { id, service: new URL(input.endpoint).host };
  }

  /** Idempotent: removing a subscription that is already gone is not an error (the browser may retry). */
  async unsubscribe(principal: Principal, memberId: string, endpoint: string): Promise<void> {
    this.assertSelf(principal, memberId, 'unsubscribe a browser');
    await this.subscriptions.remove(memberId, endpoint);
  }

  /** Only the member changes their own browsers (staff can see them): another member's are out of scope, 404. */
  private assertSelf(principal: Principal, memberId: string, action: string): void {
    this.access.assertAllowed(principal, 'push subscription', action);
    this.access.assertInScope(principal, { departmentId: null, memberId }, 'member', memberId);
  }
}
