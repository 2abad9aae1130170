import type { ErrorCatalogue } from '../common/errors/error-catalogue.js';

/** The messaging module's error codes. */
export const MESSAGING_ERRORS = {
  PUSH_NOT_AVAILABLE: { status: 409, message: 'Push notifications are not set up on this server.' },
  INVALID_PUSH_SUBSCRIPTION: { status: 422, message: "The browser's push subscription is not valid." },
  INVALID_UNSUBSCRIBE_TOKEN: { status: 400, message: 'This unsubscribe link is not valid.' },
  MESSAGE_NOT_DEAD: { status: 409, message: 'Only a dead letter can be retried.' },
} as const satisfies ErrorCatalogue;
