import {
  ALLOCATION_STATUSES,
  BOOKING_STATUSES,
  OPTIMISER_RUN_FINISHED,
  OPTIMISER_RUN_STATUSES,
  PROGRAMME_ITEM_STATUSES,
  SESSION_STATUSES,
} from './statuses.js';
import {
  ALLOCATION_TRANSITIONS,
  BOOKING_TRANSITIONS,
  assertTransition,
  canTransition,
  finalStatuses,
  OPTIMISER_RUN_TRANSITIONS,
  PROGRAMME_ITEM_TRANSITIONS,
  SESSION_TRANSITIONS,
  sourcesOf,
  transitionPairs,
  type TransitionTable,
} from './transitions.js';

describe('status transition tables', () => {
  it.each([
    ['booking', BOOKING_TRANSITIONS, BOOKING_STATUSES],
    ['programme item', PROGRAMME_ITEM_TRANSITIONS, PROGRAMME_ITEM_STATUSES],
    ['session', SESSION_TRANSITIONS, SESSION_STATUSES],
    ['optimiser run', OPTIMISER_RUN_TRANSITIONS, OPTIMISER_RUN_STATUSES],
    ['allocation', ALLOCATION_TRANSITIONS, ALLOCATION_STATUSES],
  ] as [string, TransitionTable<string>, readonly string[]][])(
    '%s: every status has a row, targets are statuses, nothing moves to itself',
    (_name, table, statuses) => {
      expect(Object.keys(table).sort()).toEqual([...statuses].sort());
      for (const [from, targets] of Object.entries(table)) {
        for (const to of targets) expect(statuses).toContain(to);
        expect(targets).not.toContain(from);
      }
    },
  );

  it('a booking is marked or cancelled only while booked, and stays as marked', () => {
    expect(canTransition(BOOKING_TRANSITIONS, 'booked', 'attended')).toBe(true);
    expect(canTransition(BOOKING_TRANSITIONS, 'booked', 'no-show')).toBe(true);
    expect(canTransition(BOOKING_TRANSITIONS, 'booked', 'cancelled')).toBe(true);
    expect(canTransition(BOOKING_TRANSITIONS, 'attended', 'no-show')).toBe(true);
    expect(canTransition(BOOKING_TRANSITIONS, 'attended', 'cancelled')).toBe(false);
    expect(canTransition(BOOKING_TRANSITIONS, 'cancelled', 'booked')).toBe(false);
    expect(finalStatuses(BOOKING_TRANSITIONS)).toEqual(['cancelled']);
  });

  it('a programme item reopens when its booking goes, and closes when attended', () => {
    expect(canTransition(PROGRAMME_ITEM_TRANSITIONS, 'open', 'booked')).toBe(true);
    expect(canTransition(PROGRAMME_ITEM_TRANSITIONS, 'booked', 'open')).toBe(true);
    expect(canTransition(PROGRAMME_ITEM_TRANSITIONS, 'booked', 'done')).toBe(true);
    expect(canTransition(PROGRAMME_ITEM_TRANSITIONS, 'open', 'waived')).toBe(true);
    expect(canTransition(PROGRAMME_ITEM_TRANSITIONS, 'booked', 'waived')).toBe(false);
    expect(canTransition(PROGRAMME_ITEM_TRANSITIONS, 'waived', 'open')).toBe(false);
    expect(canTransition(PROGRAMME_ITEM_TRANSITIONS, 'missed', 'booked')).toBe(false);
    expect(canTransition(PROGRAMME_ITEM_TRANSITIONS, 'done', 'booked')).toBe(false);
    expect(finalStatuses(PROGRAMME_ITEM_TRANSITIONS).sort()).toEqual(['missed', 'waived']);
  });

  it('a corrected attendance moves the item with the booking: attended → no-show reopens it, no-show → attended closes it', () => {
    expect(
      canTransition(BOOKING_TRANSITIONS, 'attended', 'no-show') &&
        canTransition(PROGRAMME_ITEM_TRANSITIONS, 'done', 'open'),
    ).toBe(true);
    expect(
      canTransition(BOOKING_TRANSITIONS, 'no-show', 'attended') &&
        canTransition(PROGRAMME_ITEM_TRANSITIONS, 'open', 'done'),
    ).toBe(true);
  });

  it('a cancelled session stays cancelled', () => {
    expect(canTransition(SESSION_TRANSITIONS, 'scheduled', 'cancelled')).toBe(true);
    expect(canTransition(SESSION_TRANSITIONS, 'cancelled', 'scheduled')).toBe(false);
    expect(finalStatuses(SESSION_TRANSITIONS)).toEqual(['cancelled']);
  });

  it('runs finish once; the finished optimiser statuses are those with a finished_at', () => {
    expect(finalStatuses(OPTIMISER_RUN_TRANSITIONS).sort()).toEqual([...OPTIMISER_RUN_FINISHED].sort());
    expect(canTransition(OPTIMISER_RUN_TRANSITIONS, 'queued', 'cancelled')).toBe(true);
    expect(canTransition(OPTIMISER_RUN_TRANSITIONS, 'done', 'running')).toBe(false);
    expect(canTransition(ALLOCATION_TRANSITIONS, 'running', 'done')).toBe(true);
    expect(canTransition(ALLOCATION_TRANSITIONS, 'queued', 'done')).toBe(false);
    expect(finalStatuses(ALLOCATION_TRANSITIONS).sort()).toEqual(['done', 'failed']);
    expect(canTransition(OPTIMISER_RUN_TRANSITIONS, 'running', 'queued')).toBe(false);
    expect(canTransition(OPTIMISER_RUN_TRANSITIONS, 'cancelled', 'done')).toBe(false);
    expect(canTransition(ALLOCATION_TRANSITIONS, 'queued', 'cancelled' as never)).toBe(false);
    expect(canTransition(ALLOCATION_TRANSITIONS, 'failed', 'running')).toBe(false);
  });

  it("sourcesOf lists where a status may be reached from (the repositories' WHERE)", () => {
    expect(sourcesOf(OPTIMISER_RUN_TRANSITIONS, 'failed').sort()).toEqual(['queued', 'running']);
    expect(sourcesOf(OPTIMISER_RUN_TRANSITIONS, 'cancelled').sort()).toEqual(['queued', 'running']);
    expect(sourcesOf(OPTIMISER_RUN_TRANSITIONS, 'done')).toEqual(['running']);
    expect(sourcesOf(ALLOCATION_TRANSITIONS, 'failed').sort()).toEqual(['queued', 'running']);
    expect(sourcesOf(PROGRAMME_ITEM_TRANSITIONS, 'open').sort()).toEqual(['booked', 'done']);
    expect(sourcesOf(SESSION_TRANSITIONS, 'scheduled')).toEqual([]);
  });

  it("assertTransition lets an allowed move through and throws the caller's error for any other, a repeat included", () => {
    const refuse = (from: string, to: string) => new Error(`${from} → ${to}`);
    expect(() => assertTransition(SESSION_TRANSITIONS, 'scheduled', 'cancelled', refuse)).not.toThrow();
    expect(() => assertTransition(SESSION_TRANSITIONS, 'cancelled', 'scheduled', refuse)).toThrow(
      'cancelled → scheduled',
    );
    expect(() => assertTransition(SESSION_TRANSITIONS, 'cancelled', 'cancelled', refuse)).toThrow(
      'cancelled → cancelled',
    );
    expect(() => assertTransition(PROGRAMME_ITEM_TRANSITIONS, 'waived', 'open', refuse)).toThrow('waived → open');
    expect(() => assertTransition(OPTIMISER_RUN_TRANSITIONS, 'done', 'cancelled', refuse)).toThrow('done → cancelled');
    expect(() => assertTransition(ALLOCATION_TRANSITIONS, 'done', 'failed', refuse)).toThrow('done → failed');
    // A status the table does not know (a row written before a status was renamed) is refused, not a crash.
    expect(() => assertTransition(SESSION_TRANSITIONS, 'postponed' as never, 'cancelled', refuse)).toThrow(
      'postponed → cancelled',
    );
  });

  it("transitionPairs lists every allowed move as from>to (the database triggers' arguments)", () => {
    expect(transitionPairs(SESSION_TRANSITIONS)).toEqual(['scheduled>cancelled']);
    expect(transitionPairs(ALLOCATION_TRANSITIONS)).toEqual([
      'queued>failed',
      'queued>running',
      'running>done',
      'running>failed',
    ]);
  });
});
