import { COPENHAGEN, instantsOfLocalTime, localDate, localInstant, localTime } from './zone.js';

describe('Copenhagen wall-clock time', () => {
  it('is the fund zone', () => {
    expect(COPENHAGEN).toBe('Europe/Copenhagen');
  });

  it('puts 09:00 at 08:00Z in winter and 07:00Z in summer, across the last Sunday of March', () => {
    expect(localInstant('2026-03-28', '09:00').toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(localInstant('2026-03-29', '09:00').toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(localInstant('2026-03-29', '00:00').toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });

  it('and back across the last Sunday of October', () => {
    expect(localInstant('2026-10-25', '00:00').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(localInstant('2026-10-26', '00:00').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('reads a time in the repeated autumn hour as its first occurrence, and shifts one in the spring gap forward', () => {
    expect(instantsOfLocalTime('2026-10-25', '02:30').map((d) => d.toISOString())).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:30:00.000Z',
    ]);
    expect(localInstant('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(instantsOfLocalTime('2026-03-29', '02:30')).toEqual([]);
    expect(localInstant('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('gives the local date and time of an instant', () => {
    expect(localDate(new Date('2026-12-24T23:30:00Z'))).toBe('2026-12-25');
    expect(localDate(Date.parse('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(localTime(new Date('2026-03-29T07:00:00Z'))).toBe('09:00');
  });
});
