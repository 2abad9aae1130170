import webpush from 'web-push';
import {
  type ChannelSender,
  type OutgoingMessage,
  PermanentDeliveryError,
  RecipientGoneError,
} from '../delivery/channel.js';
import type { PushRepository, StoredPushSubscription } from './push.repository.js';
import type { VapidKeys } from './vapid-keys.js';

const TIMEOUT_MS = 10_000;
/** How long a push service keeps a message for a browser that is offline (a stale reminder is worse than none). */
export const PUSH_TTL_SECONDS = 12 * 3600;
/** The notification's title: the fund, nothing about the member. */
export const PUSH_TITLE = 'A-kassen';

/**
 * What reaches the service worker (and so the lock screen): the rendered push text, which the templates and
 * the renderer limit to activity, time and office, and the path of the page a click opens. No names, no CPR,
 * no case data; the push service sees only the ciphertext (RFC 8291).
 */
export interface PushPayload {
  title: string;
  body: string;
  /** A path on this server, e.g. /app/bookings/<id>. */
  url: string;
  /** Notifications with the same tag replace each other (one per booking). */
  tag: string;
}

type Outcome = { kind: 'delivered' | 'gone' | 'retry' | 'refused'; answer: string };

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payloads (RFC 8291), through `web-push`, which
 * signs and encrypts; the request itself goes out with fetch (web-push's own sender speaks https only).
 * A message goes to every browser the member subscribed. Per browser: 2xx delivered; 404/410 the
 * subscription is gone and deleted; 429, 5xx and network errors worth a retry; other 4xx refused.
 * One browser reached makes the message sent (the others are not retried, so none gets it twice); none
 * reached and one retryable: the queue retries; all gone: failed for good (nothing to retry).
 */
export class PushChannel implements ChannelSender {
  readonly channel = 'push' as const;

  constructor(
    private readonly keys: VapidKeys,
    private readonly subscriptions: PushRepository,
  ) {}

  get configured(): boolean {
    return this.keys.enabled;
  }

  async send(message: OutgoingMessage): Promise<string> {
    const vapid = await this.keys.get();
    if (!vapid) throw new PermanentDeliveryError('push is not configured');
    const targets = await this.subscriptions.listForMember(message.to);
    if (targets.length === 0) throw new RecipientGoneError('the member has no push subscription');
    const url = message.url ?? '/app/';
    const payload: PushPayload = { title: PUSH_TITLE, body: message.text, url, tag: url };
    const outcomes = await Promise.all(targets.map((target) => this.sendOne(target, JSON.stringify(payload), vapid)));
    const answer = outcomes.map((o) => o.answer).join('; ');
    if (outcomes.some((o) => o.kind === 'delivered'))
      return `${outcomes.filter((o) => o.kind === 'delivered').length} of ${outcomes.length} browser(s): ${answer}`;
    if (outcomes.some((o) => o.kind === 'retry')) throw new Error(answer);
    if (outcomes.every((o) => o.kind === 'gone')) throw new RecipientGoneError(answer);
    throw new PermanentDeliveryError(answer);
  }

  private async sendOne(
    target: StoredPushSubscription,
    payload: string,
    vapid: { publicKey: string; privateKey: string; subject: string },
  ): Promise<Outcome> {
    const request = webpush.generateRequestDetails(
      { endpoint: target.endpoint, keys: { p256dh: target.publicKey, auth: target.authSecret } },
      payload,
      {
        vapidDetails: vapid,
        TTL: PUSH_TTL_SECONDS,
        contentEncoding: 'aes128gcm',
        urgency: 'normal',
      },
    );
    const host = new URL(target.endpoint).host;
    let response: Response;
    try {
      response = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      return { kind: 'retry', answer: `${host}: ${error instanceof Error ? error.message : String(error)}` };
    }
    const text = (await response.text().catch(() => '')).slice(0, 200);
    const answer = `${host}: ${response.status}${text ? ` ${text}` : ''}`;
    if (response.ok) return { kind: 'delivered', answer };
    if (response.status === 404 || response.status === 410) {
      await this.subscriptions.removeById(target.id);
      return { kind: 'gone', answer: `${answer} (subscription removed)` };
    }
    if (response.status === 429 || response.status === 408 || response.status >= 500) return { kind: 'retry', answer };
    return { kind: 'refused', answer };
  }
}
