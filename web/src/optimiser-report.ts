/** What an applied optimiser proposal did, as the API reports it (POST /api/optimiser/runs/:id/apply). */
export interface ApplyReport {
  sessionsCreated: { sessionId: string; bookings: number }[];
  sessionsNotCreated: { key: string; reason: string }[];
  /** Every booking made: the seats in new sessions and those in existing ones. */
  seatsBooked: { sessionId: string; bookingId: string }[];
  leftOut: unknown[];
  /** Unbooked published slots given up for the new sessions' leaders (absent in reports stored before withdrawals). */
  slotsWithdrawn?: { slotId: string; sessionKey: string }[];
}

/**
 * Bookings made by an apply, each once. `seatsBooked` already holds the new sessions' seats; adding
 * `sessionsCreated[].bookings` to it counted those twice ("318 bookinger" for 217).
 */
export function bookingsMade(report: ApplyReport): number {
  return new Set(report.seatsBooked.map((seat) => seat.bookingId)).size;
}
