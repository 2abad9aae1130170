/*
 * Every status column's values and the named subsets ("live" sets) that the partial indexes and exclusion
 * constraints use. Each list here is the exact set of its CHECK constraint or index predicate in the
 * migrations (named beside it); test/integration/vocabulary-schema.test.ts reads the migrated database and
 * fails when the two differ.
 */

/** ck_booking_status. */
export const BOOKING_STATUSES = ['booked', 'cancelled', 'attended', 'no-show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/** Bookings that occupy the member's time: ex_booking_member_overlap (a member is never in two at once). */
export const BOOKING_OCCUPIES_MEMBER = ['booked'] as const satisfies readonly BookingStatus[];
/** Bookings that hold their slot or seat: uq_booking_slot_live and uq_booking_session_member_live (status <> 'cancelled'). */
export const BOOKING_HOLDS_SEAT = ['booked', 'attended', 'no-show'] as const satisfies readonly BookingStatus[];
/** Bookings that serve their programme item: uq_booking_item_live (a no-show leaves the item to book again). */
export const BOOKING_SERVES_ITEM = ['booked', 'attended'] as const satisfies readonly BookingStatus[];

/** ck_programme_item_status. */
export const PROGRAMME_ITEM_STATUSES = ['open', 'booked', 'done', 'missed', 'waived'] as const;
export type ProgrammeItemStatus = (typeof PROGRAMME_ITEM_STATUSES)[number];
/** Items still waiting for a booking: ix_programme_item_open_activity. */
export const PROGRAMME_ITEM_OPEN = ['open'] as const satisfies readonly ProgrammeItemStatus[];

/** ck_slot_status. */
export const SLOT_STATUSES = ['open', 'cancelled'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];
/** Slots that can be booked: ix_slot_office_during, ix_slot_during. */
export const SLOT_LIVE = ['open'] as const satisfies readonly SlotStatus[];

/** ck_session_status. */
export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
/** Sessions that take their room and leaders: ex_session_room_overlap, ix_session_office_during, ix_session_activity_during. */
export const SESSION_LIVE = ['scheduled'] as const satisfies readonly SessionStatus[];

/** ck_waitlist_status. */
export const WAITLIST_STATUSES = ['waiting', 'promoted', 'skipped', 'withdrawn'] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];
/** Entries still in the queue: uq_waitlist_waiting, ix_waitlist_queue. */
export const WAITLIST_LIVE = ['waiting'] as const satisfies readonly WaitlistStatus[];

/** ck_member_status. */
export const MEMBER_STATUSES = ['active', 'referred', 'closed', 'erased'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
/** Members the fund still plans for: ix_member_home_office. */
export const MEMBER_LIVE = ['active'] as const satisfies readonly MemberStatus[];

/** ck_adviser_task_status. */
export const ADVISER_TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type AdviserTaskStatus = (typeof ADVISER_TASK_STATUSES)[number];
/** uq_adviser_task_open: at most one open task of a kind per member. */
export const ADVISER_TASK_LIVE = ['open'] as const satisfies readonly AdviserTaskStatus[];

/** ck_optimiser_run_status. */
export const OPTIMISER_RUN_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type OptimiserRunStatus = (typeof OPTIMISER_RUN_STATUSES)[number];
/** Runs not yet finished: uq_optimiser_run_in_flight, ix_optimiser_run_unfinished. */
export const OPTIMISER_RUN_IN_FLIGHT = ['queued', 'running'] as const satisfies readonly OptimiserRunStatus[];
/** Runs with a finished_at: ck_optimiser_run_finished. */
export const OPTIMISER_RUN_FINISHED = ['done', 'failed', 'cancelled'] as const satisfies readonly OptimiserRunStatus[];

/** ck_capacity_allocation_status. */
export const ALLOCATION_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type AllocationStatus = (typeof ALLOCATION_STATUSES)[number];
/** Allocation runs not yet finished: uq_capacity_allocation_in_flight (one per parameters). */
export const ALLOCATION_IN_FLIGHT = ['queued', 'running'] as const satisfies readonly AllocationStatus[];

/** True when `status` is one of `set` (for the `as const` sets above, whose element type is narrower than string). */
export function isIn<T extends string>(set: readonly T[], status: string): status is T {
  return (set as readonly string[]).includes(status);
}
