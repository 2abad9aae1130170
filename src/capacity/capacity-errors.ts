import type { ConstraintCatalogue, ErrorCatalogue } from '../common/errors/error-catalogue.js';

/** The capacity module's error codes. */
export const CAPACITY_ERRORS = {
  ALLOCATION_ACCEPT_CONFLICT: {
    status: 409,
    message: 'Another allocation for an overlapping period was accepted at the same moment. Reload and try again.',
  },
  ALLOCATION_NOT_DONE: { status: 422, message: 'Only a finished allocation can be accepted.' },
  ALLOCATION_SUPERSEDED: {
    status: 409,
    message: 'A later allocation for this period was accepted after this one; run a new allocation.',
  },
  APPLY_IN_PROGRESS: {
    status: 409,
    message: 'This run is being applied right now. Its report appears on the run when that is done.',
  },
  BELOW_MINIMUM: { status: 422, message: 'The session would have fewer participants than its minimum.' },
  CSV_INVALID: { status: 422, message: 'The CSV has rows that cannot be read.' },
  CSV_REQUIRED: { status: 400, message: 'Send the history as a CSV body with Content-Type: text/csv.' },
  FORECAST_HORIZON_EXCEEDED: { status: 422, message: 'The forecast does not reach that far ahead.' },
  HISTORY_TOO_SHORT: { status: 422, message: 'The inflow history is too short for this.' },
  HORIZON_PASSED: { status: 422, message: 'The period lies in the past.' },
  HORIZON_TOO_LONG: { status: 422, message: 'The planning period is too long.' },
  INVALID_DATE: { status: 422, message: 'from and to must be real dates.' },
  NOT_A_LEADER_ROLE: {
    status: 422,
    message: 'Only advisers, job consultants and pre-unemployment staff hold programme work.',
  },
  NO_HISTORY: { status: 422, message: 'There is no inflow history yet: import it with POST /api/capacity/history.' },
  PERIOD_BEFORE_FORECAST: { status: 422, message: 'The period starts before the forecast does.' },
  RUN_FINISHED: { status: 409, message: 'The run has already finished.' },
  RUN_TRANSITION_REFUSED: {
    status: 409,
    message: 'The optimiser run cannot change to that status from the one it has now.',
  },
  ALLOCATION_TRANSITION_REFUSED: {
    status: 409,
    message: 'The allocation run cannot change to that status from the one it has now.',
  },
  RUN_IN_FLIGHT: {
    status: 409,
    message: 'A run for the same planning scope was started at the same moment. Try again.',
  },
  RUN_NOT_DONE: { status: 409, message: 'The run has no proposal.' },
  SCENARIO_NAME_TAKEN: { status: 409, message: 'A scenario with this name already exists.' },
  UNKNOWN_SCENARIO: { status: 422, message: 'There is no such scenario.' },
} as const satisfies ErrorCatalogue;

export type CapacityErrorCode = keyof typeof CAPACITY_ERRORS;

/** What each capacity invariant's constraint means to a client. */
export const CAPACITY_CONSTRAINTS = {
  uq_optimiser_run_in_flight: {
    code: 'RUN_IN_FLIGHT',
    message: 'A run for the same planning scope was started at the same moment. Try again.',
  },
  uq_capacity_scenario_name: { code: 'SCENARIO_NAME_TAKEN', message: 'A scenario with this name already exists.' },
  ck_optimiser_run_status_transition: {
    code: 'RUN_TRANSITION_REFUSED',
    message: 'The optimiser run cannot change to that status from the one it has now.',
  },
  ck_capacity_allocation_status_transition: {
    code: 'ALLOCATION_TRANSITION_REFUSED',
    message: 'The allocation run cannot change to that status from the one it has now.',
  },
  ex_capacity_allocation_one_accepted: {
    code: 'ALLOCATION_ACCEPT_CONFLICT',
    message: 'Another allocation for an overlapping period was accepted at the same moment. Reload and try again.',
  },
} as const satisfies ConstraintCatalogue<CapacityErrorCode>;
