import type { ExternalChannel } from '../core/message-types.js';

/** One outgoing message, rendered. */
export interface OutgoingMessage {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  unsubscribeUrl?: string;
  ics?: { method: 'REQUEST' | 'CANCEL'; content: string };
  /** Push: the page a click opens. */
  url?: string;
}

/** A provider's refusal that retrying cannot fix (bad number, rejected address): straight to dead letters. */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/**
 * The address is gone for good (a push subscription the push service answered 404/410 for): logged as failed,
 * not retried, and no dead letter, since a retry could never reach it.
 */
export class RecipientGoneError extends PermanentDeliveryError {
  constructor(message: string) {
    super(message);
    this.name = 'RecipientGoneError';
  }
}

export interface ChannelSender {
  readonly channel: ExternalChannel;
  /** False when the channel has no settings: its messages are skipped (they stay in the inbox and the log). */
  readonly configured: boolean;
  /** Resolves with the provider's answer; throws on failure (PermanentDeliveryError when a retry is pointless). */
  send(message: OutgoingMessage): Promise<string>;
  close?(): Promise<void>;
}

export const CHANNEL_SENDERS = Symbol('CHANNEL_SENDERS');
