import type { ErrorCatalogue } from '../common/errors/error-catalogue.js';

/** The messaging module's error codes. */
export const MESSAGING_ERRORS = {
  INVALID_UNSUBSCRIBE_TOKEN: { status: 400, message: 'This unsubscribe link is not valid.' },
  MESSAGE_NOT_DEAD: { status: 409, message: 'Only a dead letter can be retried.' },
} as const satisfies ErrorCatalogue;
