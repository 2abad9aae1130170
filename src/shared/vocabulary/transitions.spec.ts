import { ALLOCATION_STATUSES, BOOKING_STATUSES, OPTIMISER_RUN_FINISHED, OPTIMISER_RUN_STATUSES, PROGRAMME_ITEM_STATUSES, SESSION_STATUSES } from './statuses.js';
import {
  ALLOCATION_TRANSITIONS,
  BOOKING_TRANSITIONS,
  canTransition,
  finalStatuses,
  OPTIMISER_RUN_TRANSITIONS,
  PROGRAMME_ITEM_TRANSITIONS,
  SESSION_TRANSITIONS,
  type TransitionTable,
} from './transitions.js';

describe('status transition tables', () => {
  it.each([
    ['booking', BOOKING_TRANSITIONS, BOOKING_STATUSES],
    ['programme item', PROGRAMME_ITEM_TRANSITIONS, PROGRAMME_ITEM_STATUSES],
    ['session', SESSION_TRANSITIONS, SESSION_STATUSES],
    ['optimiser run', OPTIMISER_RUN_TRANSITIONS, OPTIMISER_RUN_STATUSES],
    ['allocation', ALLOCATION_TRANSITIONS, ALLOCATION_STATUSES],
  ] as [string, TransitionTable<string>, readonly string[]][])('%s: every status has a row, targets are statuses, nothing moves to itself', (_name, table, statuses) => {
    expect(Object.keys(table).sort()).toEqual([...statuses].sort());
    for (const [from, targets] of Object.entries(table)) {
      for (const to of targets) expect(statuses).toContain(to);
      expect(targets).not.toContain(from);
    }
  });

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
    expect(canTransition(PROGRAMME_ITEM_TRANSITIONS, 'done', 'open')).toBe(false);
    expect(canTransition(PROGRAMME_ITEM_TRANSITIONS, 'booked', 'waived')).toBe(false);
  });

  it('a cancelled session stays cancelled', () => {
    expect(canTransition(SESSION_TRANSITIONS, 'scheduled', 'cancelled')).toBe(true);
    expect(canTransition(SESSION_TRANSITIONS, 'cancelled', 'scheduled')).toBe(false);
  });

  it('runs finish once; the finished optimiser statuses are those with a finished_at', () => {
    expect(finalStatuses(OPTIMISER_RUN_TRANSITIONS).sort()).toEqual([...OPTIMISER_RUN_FINISHED].sort());
    expect(canTransition(OPTIMISER_RUN_TRANSITIONS, 'queued', 'cancelled')).toBe(true);
    expect(canTransition(OPTIMISER_RUN_TRANSITIONS, 'done', 'running')).toBe(false);
    expect(canTransition(ALLOCATION_TRANSITIONS, 'running', 'done')).toBe(true);
    expect(canTransition(ALLOCATION_TRANSITIONS, 'queued', 'done')).toBe(false);
    expect(finalStatuses(ALLOCATION_TRANSITIONS).sort()).toEqual(['done', 'failed']);
  });
});
