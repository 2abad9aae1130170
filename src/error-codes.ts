import { BOOKING_CONSTRAINTS, BOOKING_ERRORS } from './booking/booking-errors.js';
import { CALENDAR_CONSTRAINTS, CALENDAR_ERRORS } from './calendar/calendar-errors.js';
import { CAPACITY_CONSTRAINTS, CAPACITY_ERRORS } from './capacity/capacity-errors.js';
import { COMMON_ERRORS } from './common/errors/common-errors.js';
import type { ErrorSpec } from './common/errors/error-catalogue.js';
import { LOCATIONS_CONSTRAINTS, LOCATIONS_ERRORS } from './locations/locations-errors.js';
import { MESSAGING_ERRORS } from './messaging/messaging-errors.js';

/**
 * Every error code of the API, gathered from the module catalogues (as database-schema.ts gathers migrations). A code
 * thrown anywhere must be one of these: DomainError and its helpers take `ErrorCode`, so an uncatalogued code fails
 * the build. OpenAPI publishes the list as the `code` enum of `ErrorResponse`.
 */
export const ERROR_CATALOGUE = {
  ...COMMON_ERRORS,
  ...BOOKING_ERRORS,
  ...CAPACITY_ERRORS,
  ...LOCATIONS_ERRORS,
  ...CALENDAR_ERRORS,
  ...MESSAGING_ERRORS,
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The codes catalogued with HTTP status `S`, e.g. `CodeWithStatus<409>` for `conflict(...)`. */
export type CodeWithStatus<S extends number> = {
  [C in ErrorCode]: (typeof ERROR_CATALOGUE)[C]['status'] extends S ? C : never;
}[ErrorCode];

/** Each module's catalogue and constraint map, for the modules' providers and the catalogue's own test. */
export const MODULE_ERRORS = {
  common: { errors: COMMON_ERRORS, constraints: {} },
  booking: { errors: BOOKING_ERRORS, constraints: BOOKING_CONSTRAINTS },
  capacity: { errors: CAPACITY_ERRORS, constraints: CAPACITY_CONSTRAINTS },
  locations: { errors: LOCATIONS_ERRORS, constraints: LOCATIONS_CONSTRAINTS },
  calendar: { errors: CALENDAR_ERRORS, constraints: CALENDAR_CONSTRAINTS },
  messaging: { errors: MESSAGING_ERRORS, constraints: {} },
} as const;

export const ALL_ERROR_CODES = Object.keys(ERROR_CATALOGUE).sort() as ErrorCode[];

export function errorSpec(code: ErrorCode): ErrorSpec {
  return ERROR_CATALOGUE[code];
}
