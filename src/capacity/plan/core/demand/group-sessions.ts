export interface WeekSessions {
  sessions: number;
  /** Seats filled this week. */
  seated: number;
  /** Seats that wait for a later session (too few for the minimum, or more than the sessions hold). */
  carried: number;
}

/**
 * Sessions for the seats waiting this week: as many as the seats need at the maximum size, but never so many that a
 * session falls below the minimum. Seats that do not fit wait for next week, which pools thin demand over the
 * programme window instead of holding half-empty sessions. Seats are expected values, so they may be fractional.
 */
export function sessionsForSeats(seats: number, minSize: number, maxSize: number): WeekSessions {
  if (!(minSize >= 1) || !(maxSize >= minSize))
    throw new Error(`Group sizes must satisfy 1 <= min <= max, got ${minSize}, ${maxSize}`);
  if (!(seats >= minSize)) return { sessions: 0, seated: 0, carried: Math.max(0, seats) };
  const sessions = Math.min(Math.ceil(seats / maxSize - 1e-9), Math.floor(seats / minSize + 1e-9));
  const seated = Math.min(seats, sessions * maxSize);
  return { sessions, seated, carried: seats - seated };
}

/** Runs `sessionsForSeats` over consecutive weeks, carrying unseated seats forward. */
export function sessionsOverWeeks(seatsByWeek: readonly number[], minSize: number, maxSize: number): WeekSessions[] {
  let carried = 0;
  return seatsByWeek.map((seats) => {
    const plan = sessionsForSeats(seats + carried, minSize, maxSize);
    carried = plan.carried;
    return plan;
  });
}
