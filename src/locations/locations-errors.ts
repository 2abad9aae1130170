import type { ConstraintCatalogue, ErrorCatalogue } from '../common/errors/error-catalogue.js';

/** The locations module's error codes. */
export const LOCATIONS_ERRORS = {
  ABSENCE_OVERLAPS: {
    status: 409,
    message: 'This absence overlaps an absence already registered for the same person.',
  },
  DATE_OUTSIDE_YEAR: { status: 422, message: 'The date lies outside the given year.' },
  DUPLICATE_DATE: { status: 422, message: 'The same date is given twice.' },
  EMPLOYEE_NUMBER_TAKEN: { status: 409, message: 'Another staff member already has this employee number.' },
  NEAR_REQUIRED: { status: 422, message: 'radiusKm needs a centre point: add near=lat,lon.' },
  STAFF_PLACEMENT_INVALID: {
    status: 422,
    message:
      'Advisers and pre-unemployment staff need an office, job consultants a team, office coordinators a department.',
  },
  UNKNOWN_TEAM: { status: 422, message: 'There is no such team.' },
  BODY_REQUIRED: { status: 400, message: 'Send the fields to change as a JSON object.' },
  CODE_IMMUTABLE: { status: 422, message: 'An office’s code cannot change: other data refers to it.' },
  CONTACT_CENTRE_TAKEN: { status: 409, message: 'Another office is already the contact centre.' },
  DEPARTMENT_CODE_TAKEN: { status: 409, message: 'Another department already has this code.' },
  DEPARTMENT_HAS_ACTIVE_OFFICES: {
    status: 409,
    message: 'The department still has active offices; deactivate them first.',
  },
  DEPARTMENT_INACTIVE: { status: 409, message: 'The department is inactive: it cannot have active offices.' },
  HEAD_OFFICE_TAKEN: { status: 409, message: 'Another office is already the head office.' },
  JSON_INVALID: { status: 422, message: 'The JSON document has records that cannot be read.' },
  OFFICE_CODE_TAKEN: { status: 409, message: 'Another office already has this code.' },
  OFFICE_INACTIVE: { status: 409, message: 'The office is inactive: no new slots or sessions can be created there.' },
  ROOM_IN_USE: { status: 409, message: 'The room has sessions and cannot be removed.' },
  USE_SUB_RESOURCE: { status: 422, message: 'Rooms and opening hours are changed through their own endpoints.' },
} as const satisfies ErrorCatalogue;

export type LocationsErrorCode = keyof typeof LOCATIONS_ERRORS;

/** What each locations invariant's constraint means to a client. */
export const LOCATIONS_CONSTRAINTS = {
  uq_staff_employee_number: {
    code: 'EMPLOYEE_NUMBER_TAKEN',
    message: 'Another staff member already has this employee number.',
  },
  ex_staff_absence_overlap: {
    code: 'ABSENCE_OVERLAPS',
    message: 'This absence overlaps an absence already registered for the same person.',
  },
  ck_staff_placement: {
    code: 'STAFF_PLACEMENT_INVALID',
    message:
      'Advisers and pre-unemployment staff need an office, job consultants a team, office coordinators a department.',
  },
  ck_office_active: {
    code: 'OFFICE_INACTIVE',
    message: 'The office is inactive: no new slots or sessions can be created there.',
  },
  ck_department_active: {
    code: 'DEPARTMENT_INACTIVE',
    message: 'The department is inactive: it cannot have active offices.',
  },
  uq_department_code: { code: 'DEPARTMENT_CODE_TAKEN', message: 'Another department already has this code.' },
  uq_office_code: { code: 'OFFICE_CODE_TAKEN', message: 'Another office already has this code.' },
  uq_office_one_head_office: { code: 'HEAD_OFFICE_TAKEN', message: 'Another office is already the head office.' },
  uq_office_one_contact_centre: {
    code: 'CONTACT_CENTRE_TAKEN',
    message: 'Another office is already the contact centre.',
  },
} as const satisfies ConstraintCatalogue<LocationsErrorCode>;
