import type { CommonErrorCode } from '../common/errors/common-errors.js';
import type { ConstraintCatalogue, ErrorCatalogue } from '../common/errors/error-catalogue.js';

/** The calendar module's error codes. */
export const CALENDAR_ERRORS = {
  FEED_REVOKED: { status: 409, message: 'This feed link is revoked; create a new one instead.' },
  FEED_SUBJECT_INVALID: { status: 422, message: 'A feed link needs exactly one subject of its kind.' },
} as const satisfies ErrorCatalogue;

export type CalendarErrorCode = keyof typeof CALENDAR_ERRORS;

/** What each calendar invariant's constraint means to a client. */
export const CALENDAR_CONSTRAINTS = {
  ck_calendar_feed_subject: {
    code: 'FEED_SUBJECT_INVALID',
    message: 'A feed link needs exactly one subject of its kind.',
  },
  ck_calendar_feed_member_not_erased: {
    code: 'MEMBER_ERASED',
    message: 'This member has been erased; their calendar cannot be shared.',
  },
} as const satisfies ConstraintCatalogue<CalendarErrorCode | CommonErrorCode>;
