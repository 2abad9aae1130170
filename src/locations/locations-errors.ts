import type { ConstraintCatalogue, ErrorCatalogue } from '../common/errors/error-catalogue.js';

/** The locations module's error codes. */
export const LOCATIONS_ERRORS = {
  ABSENCE_OVERLAPS: { status: 409, message: 'This absence overlaps an absence already registered for the same person.' },
  DATE_OUTSIDE_YEAR: { status: 422, message: 'The date lies outside the given year.' },
  DUPLICATE_DATE: { status: 422, message: 'The same date is given twice.' },
  EMPLOYEE_NUMBER_TAKEN: { status: 409, message: 'Another staff member already has this employee number.' },
  NEAR_REQUIRED: { status: 422, message: 'radiusKm needs a centre point: add near=lat,lon.' },
  STAFF_PLACEMENT_INVALID: { status: 422, message: 'Advisers and pre-unemployment staff need an office, job consultants a team, office coordinators a department.' },
  UNKNOWN_TEAM: { status: 422, message: 'There is no such team.' },
} as const satisfies ErrorCatalogue;

export type LocationsErrorCode = keyof typeof LOCATIONS_ERRORS;

/** What each locations invariant's constraint means to a client. */
export const LOCATIONS_CONSTRAINTS = {
  uq_staff_employee_number: { code: 'EMPLOYEE_NUMBER_TAKEN', message: 'Another staff member already has this employee number.' },
  ex_staff_absence_overlap: { code: 'ABSENCE_OVERLAPS', message: 'This absence overlaps an absence already registered for the same person.' },
  ck_staff_placement: {
    code: 'STAFF_PLACEMENT_INVALID',
    message: 'Advisers and pre-unemployment staff need an office, job consultants a team, office coordinators a department.',
  },
} as const satisfies ConstraintCatalogue<LocationsErrorCode>;
