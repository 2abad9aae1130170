import type {
  AllocationStatus,
  BookingStatus,
  OptimiserRunStatus,
  ProgrammeItemStatus,
  SessionStatus,
} from './statuses.js';

/** From each status, the statuses a record may move to (Vendure's order process, in a table). */
export type TransitionTable<S extends string> = { readonly [From in S]: readonly S[] };

/** A booking is marked once (attended or no-show) or cancelled; every end is final. */
export const BOOKING_TRANSITIONS = {
  booked: ['cancelled', 'attended', 'no-show'],
  cancelled: [],
  // Staff correct a wrongly marked attendance (audited as attendance-corrected).
  attended: ['no-show'],
  'no-show': ['attended'],
} as const satisfies TransitionTable<BookingStatus>;

/**
 * A programme item is booked and reopened when its booking is cancelled or the member does not show; an attended
 * booking closes it (done). Open items are waived when the member leaves the programme (referred, closed) and
 * marked missed when their window passes unbooked (the schema allows it; nothing sets it yet). Staff correcting an
 * attendance move the item with the booking: attended → no-show reopens it (done → open), no-show → attended
 * closes the reopened item (open → done).
 */
export const PROGRAMME_ITEM_TRANSITIONS = {
  open: ['booked', 'waived', 'missed', 'done'],
  booked: ['open', 'done'],
  done: ['open'],
  missed: [],
  waived: [],
} as const satisfies TransitionTable<ProgrammeItemStatus>;

/** A session is cancelled once, for good. */
export const SESSION_TRANSITIONS = {
  scheduled: ['cancelled'],
  cancelled: [],
} as const satisfies TransitionTable<SessionStatus>;

/** An optimiser run: picked up by a worker, then done, failed or cancelled (a cancel can land before it starts). */
export const OPTIMISER_RUN_TRANSITIONS = {
  queued: ['running', 'failed', 'cancelled'],
  running: ['done', 'failed', 'cancelled'],
  done: [],
  failed: [],
  cancelled: [],
} as const satisfies TransitionTable<OptimiserRunStatus>;

/** An allocation run: the optimiser run's lifecycle without cancelling. */
export const ALLOCATION_TRANSITIONS = {
  queued: ['running', 'failed'],
  running: ['done', 'failed'],
  done: [],
  failed: [],
} as const satisfies TransitionTable<AllocationStatus>;

export function canTransition<S extends string>(table: TransitionTable<S>, from: S, to: S): boolean {
  return (table[from] as readonly S[]).includes(to);
}

/** The statuses nothing leaves. */
export function finalStatuses<S extends string>(table: TransitionTable<S>): S[] {
  return (Object.keys(table) as S[]).filter((status) => table[status].length === 0);
}

/** The statuses a record may leave for `to`: the WHERE of an UPDATE that makes only the table's moves. */
export function sourcesOf<S extends string>(table: TransitionTable<S>, to: S): S[] {
  return (Object.keys(table) as S[]).filter((from) => (table[from] as readonly S[]).includes(to));
}

/**
 * Throws `refuse(from, to)` unless the table allows the move (the kernel has no error types: each module words
 * its own 409). Staying in the same status is not a move and is refused too; callers that treat a repeat as a
 * no-op return before asking.
 */
export function assertTransition<S extends string>(
  table: TransitionTable<S>,
  from: S,
  to: S,
  refuse: (from: S, to: S) => Error,
): void {
  if (!((table[from] as readonly S[] | undefined) ?? []).includes(to)) throw refuse(from, to);
}

/** The table as the database guard's trigger arguments list it: every allowed move as `from>to`, sorted. */
export function transitionPairs<S extends string>(table: TransitionTable<S>): string[] {
  return (Object.keys(table) as S[])
    .flatMap((from) => (table[from] as readonly S[]).map((to) => `${from}>${to}`))
    .sort();
}
