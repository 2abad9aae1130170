import type { ErrorCatalogue } from './error-catalogue.js';

/** Codes every module may answer with: HTTP-level failures, validation, access, and database outcomes. */
export const COMMON_ERRORS = {
  BAD_REQUEST: { status: 400, message: 'The request could not be read.' },
  BUSY: { status: 503, message: 'The service is busy right now. Please try again in a moment.' },
  CHECK_VIOLATION: { status: 422, message: 'The values break a rule of the data.' },
  CONCURRENT_UPDATE: { status: 409, message: 'Someone else changed this at the same moment. Please try again.' },
  CONFLICT: { status: 409, message: 'This conflicts with something that already exists.' },
  DATABASE_UNAVAILABLE: { status: 503, message: 'The database is not reachable right now. Please try again shortly.' },
  DUPLICATE: { status: 409, message: 'Something with the same identity already exists.' },
  FORBIDDEN: { status: 403, message: 'Your role does not allow this.' },
  INTERNAL_ERROR: { status: 500, message: 'Something went wrong on our side.' },
  INVALID_ID: { status: 400, message: 'The id in the path is not a valid id.' },
  INVALID_PERIOD: { status: 422, message: 'The period ends before it starts.' },
  INVALID_TOKEN: { status: 401, message: 'The bearer token is not valid.' },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  MEMBER_ERASED: { status: 422, message: 'This member has been erased.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'The method is not allowed here.' },
  NONEXISTENT_LOCAL_TIME: {
    status: 422,
    message: 'The local time does not exist in Copenhagen: the clocks go forward an hour that night.',
  },
  NOT_ACCEPTABLE: { status: 406, message: 'The requested representation is not available.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request is too large.' },
  QUEUE_UNAVAILABLE: { status: 503, message: 'The job queue is not reachable right now. Please try again shortly.' },
  RATE_LIMITED: { status: 429, message: 'Too many changes in a short time. Please wait a moment.' },
  REFERENCE_NOT_FOUND: { status: 422, message: 'The request refers to something that does not exist.' },
  REQUEST_HEADER_FIELDS_TOO_LARGE: {
    status: 431,
    message: 'The request line or headers are too large (a very long URL or query string?).',
  },
  REQUEST_TIMEOUT: { status: 408, message: 'The request took too long to arrive.' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'The service is unavailable right now.' },
  TOKEN_EXPIRED: { status: 401, message: 'Your sign-in has expired. Please sign in again.' },
  TOO_MANY_REQUESTS: { status: 429, message: 'Too many requests.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in first.' },
  UNKNOWN_ACTIVITY: { status: 422, message: 'There is no such activity.' },
  UNKNOWN_DEPARTMENT: { status: 422, message: 'There is no such department.' },
  UNKNOWN_OFFICE: { status: 422, message: 'There is no such office.' },
  UNPROCESSABLE: { status: 422, message: 'The request cannot be carried out.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The request body has a content type this endpoint does not take.' },
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid.' },
  CSRF_TOKEN_INVALID: {
    status: 403,
    message: 'This change did not come from the signed-in page. Reload the page and try again.',
  },
  IDENTITY_ALREADY_LINKED: { status: 409, message: 'This account is already linked.' },
  IDENTITY_NOT_LINKED: {
    status: 403,
    message: 'Your account is not linked to a member or a staff member yet. Ask your a-kasse for a link code.',
  },
  IDENTITY_PROVIDER_UNAVAILABLE: {
    status: 503,
    message: 'The sign-in service cannot be reached right now. Please try again in a moment.',
  },
  INSUFFICIENT_SCOPE: { status: 403, message: 'The machine client lacks a scope this route needs.' },
  LINK_CODE_INVALID: {
    status: 422,
    message: 'The link code is unknown, already used or expired. Ask your a-kasse for a new one.',
  },
  MEMBER_NOT_FOUND: { status: 404, message: 'No such member.' },
  NOT_A_WEB_SESSION: {
    status: 400,
    message: 'This is for the web app’s cookie session; API clients send a bearer token.',
  },
  SESSION_EXPIRED: { status: 401, message: 'Your session has ended. Please sign in again.' },
} as const satisfies ErrorCatalogue;

export type CommonErrorCode = keyof typeof COMMON_ERRORS;
