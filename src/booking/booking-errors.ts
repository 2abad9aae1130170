import type { CommonErrorCode } from '../common/errors/common-errors.js';
import type { ConstraintCatalogue, ErrorCatalogue } from '../common/errors/error-catalogue.js';

/** The booking module's error codes. */
export const BOOKING_ERRORS = {
  ABOVE_ACTIVITY_MAXIMUM: { status: 422, message: 'More participants than the activity takes.' },
  ACTIVITY_MISMATCH: { status: 422, message: 'The programme item is for another activity.' },
  ACTIVITY_NOT_OFFERED: { status: 422, message: 'This time is published for other activities.' },
  ALREADY_BOOKED: { status: 409, message: 'This programme item is already booked.' },
  ALREADY_IN_SESSION: { status: 409, message: 'The member already has a seat in this session.' },
  ALREADY_WAITING: { status: 409, message: 'The member is already on the waiting list of this session.' },
  BELOW_ACTIVITY_MINIMUM: { status: 422, message: 'Fewer participants than the activity needs.' },
  BOOKING_NOT_ACTIVE: { status: 409, message: 'Only an active booking can be changed.' },
  CHANNEL_NOT_ALLOWED: { status: 422, message: 'The activity cannot be held by this channel.' },
  IDEMPOTENCY_IN_FLIGHT: {
    status: 409,
    message: 'A request with this Idempotency-Key is still being processed. Try again shortly.',
  },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: 'This Idempotency-Key was already used for a different request.' },
  INVALID_APPOINTMENT_TIMES: {
    status: 422,
    message: 'Appointments start and end on a whole minute and last at least 10 minutes.',
  },
  INVALID_IDEMPOTENCY_KEY: {
    status: 400,
    message: 'The Idempotency-Key header must be 1–255 visible ASCII characters.',
  },
  INVALID_PATTERN: { status: 422, message: 'The weekly pattern is not valid.' },
  INVALID_SESSION_SIZE: { status: 422, message: 'The capacity must be at least the minimum number of participants.' },
  IN_THE_PAST: { status: 422, message: 'The time has already started or passed.' },
  ITEM_CLOSED: { status: 422, message: 'The programme item is no longer open.' },
  ITEM_MISMATCH: { status: 422, message: 'The booking does not match its programme item’s member or activity.' },
  MEMBER_BUSY: { status: 409, message: 'The member already has another appointment at that time.' },
  MEMBER_NOT_ACTIVE: { status: 422, message: 'The member is not active; nothing can be booked.' },
  MEMBER_NUMBER_TAKEN: { status: 409, message: 'A member with this member number already exists.' },
  NOT_A_GROUP_ACTIVITY: {
    status: 422,
    message: 'The activity is an individual meeting: publish slots for it instead.',
  },
  NOT_STARTED: { status: 422, message: 'Attendance can be marked once the appointment has started.' },
  NO_OFFICE: { status: 422, message: 'The fund has no offices.' },
  OFFICE_CLOSED: { status: 422, message: 'The office is closed that day.' },
  OTHER_DEPARTMENT: {
    status: 403,
    message:
      'The office belongs to another department: only a central coordinator moves a member there or registers one there.',
  },
  OUTSIDE_OPENING_HOURS: { status: 422, message: 'The time lies outside the office’s opening hours.' },
  OUTSIDE_WINDOW: { status: 422, message: 'The time lies outside the programme item’s window.' },
  PUBLIC_HOLIDAY: { status: 422, message: 'The day is a public holiday.' },
  RANGE_TOO_LONG: { status: 422, message: 'Ask for at most one year at a time.' },
  ROOM_BUSY: { status: 409, message: 'The room is already in use at that time.' },
  ROOM_TOO_SMALL: { status: 422, message: 'The room has too few seats.' },
  SAME_TARGET: { status: 422, message: 'The booking is already at that time.' },
  SEATS_AVAILABLE: { status: 409, message: 'The session has free seats: book one instead of waiting.' },
  SESSION_CANCELLED: { status: 409, message: 'This session has been cancelled.' },
  SESSION_FULL: { status: 409, message: 'The session is full.' },
  SESSION_MOVE_OUTSIDE_WINDOW: {
    status: 409,
    message: 'The new time lies outside a participant’s programme window; the session was not moved.',
  },
  SESSION_STARTED: { status: 409, message: 'The session has already started; it can no longer be moved or cancelled.' },
  NOTHING_TO_MOVE: { status: 422, message: 'Give a new start, end or room.' },
  SLOT_CANCELLED: { status: 409, message: 'This time has been cancelled by the office.' },
  SLOT_STARTED: { status: 409, message: 'This time has already begun; it can no longer be cancelled.' },
  SLOT_TAKEN: { status: 409, message: 'Someone else has just booked this time. Please choose another.' },
  SLOT_TOO_LONG: { status: 422, message: 'A slot can last at most 8 hours.' },
  STAFF_ABSENT: { status: 422, message: 'The staff member is absent that day.' },
  STAFF_BUSY: { status: 409, message: 'The staff member is already committed at that time.' },
  STAFF_CANNOT_LEAD: { status: 422, message: 'The staff member’s job role does not lead this activity.' },
  STAFF_INACTIVE: { status: 422, message: 'This staff member is no longer active.' },
  STAFF_LACKS_SKILL: { status: 422, message: 'The staff member lacks the skill this activity needs.' },
  TOO_SHORT: { status: 422, message: 'The appointment is too short.' },
  UNKNOWN_MUNICIPALITY: { status: 422, message: 'There is no such municipality.' },
  UNKNOWN_ROOM: { status: 422, message: 'The room does not belong to this office.' },
  UNKNOWN_STAFF: { status: 422, message: 'There is no such staff member.' },
  WINDOW_PASSED: { status: 422, message: 'The programme item’s window has passed.' },
  ITEM_REBOOKED: {
    status: 409,
    message: 'The member has booked this programme item again since the no-show; correct that booking instead.',
  },
  PROGRAMME_ITEM_TRANSITION_REFUSED: {
    status: 409,
    message: 'The programme item cannot change to that status from the one it has now.',
  },
  SESSION_TRANSITION_REFUSED: {
    status: 409,
    message: 'The session cannot change to that status from the one it has now.',
  },
} as const satisfies ErrorCatalogue;

export type BookingErrorCode = keyof typeof BOOKING_ERRORS;

/** What each booking invariant's constraint means to a client. */
export const BOOKING_CONSTRAINTS = {
  uq_booking_slot_live: {
    code: 'SLOT_TAKEN',
    message: 'Someone else has just booked this time. Please choose another.',
  },
  ck_session_booked: { code: 'SESSION_FULL', message: 'The session is full.' },
  ex_booking_member_overlap: {
    code: 'MEMBER_BUSY',
    message: 'The member already has another appointment at that time.',
  },
  uq_booking_item_live: { code: 'ALREADY_BOOKED', message: 'This programme item is already booked.' },
  uq_booking_session_member_live: {
    code: 'ALREADY_IN_SESSION',
    message: 'The member already has a seat in this session.',
  },
  ex_staff_commitment_overlap: { code: 'STAFF_BUSY', message: 'The staff member is already committed at that time.' },
  ex_session_room_overlap: { code: 'ROOM_BUSY', message: 'The room is already in use at that time.' },
  uq_member_number: { code: 'MEMBER_NUMBER_TAKEN', message: 'A member with this member number already exists.' },
  uq_waitlist_waiting: {
    code: 'ALREADY_WAITING',
    message: 'The member is already on the waiting list of this session.',
  },
  fk_booking_item_member_activity: {
    code: 'ITEM_MISMATCH',
    message: 'The booking does not match its programme item’s member or activity.',
  },
  fk_waitlist_item_member: { code: 'ITEM_MISMATCH', message: 'The programme item belongs to another member.' },
  ck_session_fits_room: { code: 'ROOM_TOO_SMALL', message: 'The session has more places than the room has seats.' },
  ck_booking_slot_open: { code: 'SLOT_CANCELLED', message: 'This time has been cancelled by the office.' },
  ck_booking_session_open: { code: 'SESSION_CANCELLED', message: 'This session has been cancelled.' },
  ck_session_sizes: {
    code: 'INVALID_SESSION_SIZE',
    message: 'The capacity must be at least the minimum number of participants.',
  },
  ck_slot_appointment_times: {
    code: 'INVALID_APPOINTMENT_TIMES',
    message: 'A slot starts and ends on a whole minute and lasts at least 10 minutes.',
  },
  ck_session_appointment_times: {
    code: 'INVALID_APPOINTMENT_TIMES',
    message: 'A session starts and ends on a whole minute and lasts at least 10 minutes.',
  },
  ck_programme_item_status_transition: {
    code: 'PROGRAMME_ITEM_TRANSITION_REFUSED',
    message: 'The programme item cannot change to that status from the one it has now.',
  },
  ck_session_status_transition: {
    code: 'SESSION_TRANSITION_REFUSED',
    message: 'The session cannot change to that status from the one it has now.',
  },
} as const satisfies ConstraintCatalogue<BookingErrorCode | CommonErrorCode>;
