import { quietHoursRelease } from './quiet-hours.js';

describe('quietHoursRelease', () => {
  it('lets a message through by day', () => {
    const noon = new Date('2027-01-12T11:00:00Z');
    expect(quietHoursRelease(noon)).toEqual(noon);
  });

  it('holds an evening message until 08:00 the next morning, and a night one until 08:00 the same morning', () => {
    expect(quietHoursRelease(new Date('2027-01-12T20:30:00Z')).toISOString()).toBe('2027-01-13T07:00:00.000Z');
    expect(quietHoursRelease(new Date('2027-01-13T05:59:00Z')).toISOString()).toBe('2027-01-13T07:00:00.000Z');
    expect(quietHoursRelease(new Date('2027-07-13T05:59:00Z')).toISOString()).toBe('2027-07-13T06:00:00.000Z');
  });

  it('sends at once when the appointment starts before the quiet hours end', () => {
    const late = new Date('2027-01-12T21:00:00Z');
    expect(quietHoursRelease(late, new Date('2027-01-13T06:45:00Z'))).toEqual(late);
    expect(quietHoursRelease(late, new Date('2027-01-13T09:00:00Z')).toISOString()).toBe('2027-01-13T07:00:00.000Z');
  });

  it('keeps 08:00 on the wall clock across the clock changes', () => {
    // Saturday 24 October 2026 22:00 CEST: the night the clocks go back; 08:00 Sunday is CET (07:00 UTC).
    expect(quietHoursRelease(new Date('2026-10-24T20:00:00Z')).toISOString()).toBe('2026-10-25T07:00:00.000Z');
    // Saturday 28 March 2026 22:00 CET: clocks go forward; 08:00 Sunday is CEST (06:00 UTC).
    expect(quietHoursRelease(new Date('2026-03-28T21:00:00Z')).toISOString()).toBe('2026-03-29T06:00:00.000Z');
  });
});
