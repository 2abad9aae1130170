import { bookingsMade, type ApplyReport } from '../../web/src/optimiser-report.js';

describe('the optimiser page’s apply result', () => {
  it('counts each booking once: new sessions’ seats are already in seatsBooked', () => {
    const report: ApplyReport = {
      sessionsCreated: [
        { sessionId: 's1', bookings: 2 },
        { sessionId: 's2', bookings: 1 },
      ],
      sessionsNotCreated: [],
      seatsBooked: [
        { sessionId: 's1', bookingId: 'b1' },
        { sessionId: 's1', bookingId: 'b2' },
        { sessionId: 's2', bookingId: 'b3' },
        { sessionId: 'existing', bookingId: 'b4' },
      ],
      leftOut: [],
    };
    expect(bookingsMade(report)).toBe(4);
  });

  it('is 0 for an apply that booked nothing', () => {
    expect(
      bookingsMade({
        sessionsCreated: [{ sessionId: 's1', bookings: 0 }],
        sessionsNotCreated: [{ key: 'k', reason: 'ROOM_BUSY' }],
        seatsBooked: [],
        leftOut: [],
      }),
    ).toBe(0);
  });
});
