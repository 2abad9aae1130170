import { registerConstraintErrors } from '../common/errors/postgres-errors.js';

/** What each booking invariant's constraint means to a client. */
export function registerBookingConstraintErrors(): void {
  registerConstraintErrors({
    uq_booking_slot_live: { statusCode: 409, code: 'SLOT_TAKEN', message: 'Someone else has just booked this time. Please choose another.' },
    ck_session_booked: { statusCode: 409, code: 'SESSION_FULL', message: 'The session is full.' },
    ex_booking_member_overlap: { statusCode: 409, code: 'MEMBER_BUSY', message: 'The member already has another appointment at that time.' },
    uq_booking_item_live: { statusCode: 409, code: 'ALREADY_BOOKED', message: 'This programme item is already booked.' },
    uq_booking_session_member_live: { statusCode: 409, code: 'ALREADY_IN_SESSION', message: 'The member already has a seat in this session.' },
    ex_staff_commitment_overlap: { statusCode: 409, code: 'STAFF_BUSY', message: 'The staff member is already committed at that time.' },
    ex_session_room_overlap: { statusCode: 409, code: 'ROOM_BUSY', message: 'The room is already in use at that time.' },
    uq_member_number: { statusCode: 409, code: 'MEMBER_NUMBER_TAKEN', message: 'A member with this member number already exists.' },
    uq_waitlist_waiting: { statusCode: 409, code: 'ALREADY_WAITING', message: 'The member is already on the waiting list of this session.' },
    fk_booking_item_member_activity: { statusCode: 422, code: 'ITEM_MISMATCH', message: 'The booking does not match its programme item’s member or activity.' },
    fk_waitlist_item_member: { statusCode: 422, code: 'ITEM_MISMATCH', message: 'The programme item belongs to another member.' },
    ck_session_fits_room: { statusCode: 422, code: 'ROOM_TOO_SMALL', message: 'The session has more places than the room has seats.' },
    ck_booking_slot_open: { statusCode: 409, code: 'SLOT_CANCELLED', message: 'This time has been cancelled by the office.' },
    ck_booking_session_open: { statusCode: 409, code: 'SESSION_CANCELLED', message: 'This session has been cancelled.' },
    ck_session_sizes: { statusCode: 422, code: 'INVALID_SESSION_SIZE', message: 'The capacity must be at least the minimum number of participants.' },
    ck_slot_appointment_times: { statusCode: 422, code: 'INVALID_APPOINTMENT_TIMES', message: 'A slot starts and ends on a whole minute and lasts at least 10 minutes.' },
    ck_session_appointment_times: { statusCode: 422, code: 'INVALID_APPOINTMENT_TIMES', message: 'A session starts and ends on a whole minute and lasts at least 10 minutes.' },
  });
}
