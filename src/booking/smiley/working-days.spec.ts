import { addWorkingDays, endOfNthWorkingDay, isWorkingDay } from './working-days.js';

const none = new Set<string>();

describe('working days', () => {
  it('skips weekends and does not count the start day', () => {
    expect(addWorkingDays('2026-11-20', 1, none)).toBe('2026-11-23'); // Friday → Monday
    expect(addWorkingDays('2026-11-23', 2, none)).toBe('2026-11-25');
    expect(addWorkingDays('2026-11-21', 5, none)).toBe('2026-11-27'); // from a Saturday
    expect(addWorkingDays('2026-11-23', 0, none)).toBe('2026-11-23');
  });

  it('skips the Easter holidays (Skærtorsdag, Langfredag, 2. påskedag)', () => {
    expect(isWorkingDay('2026-04-02', none)).toBe(false);
    expect(isWorkingDay('2026-04-03', none)).toBe(false);
    expect(isWorkingDay('2026-04-06', none)).toBe(false);
    expect(isWorkingDay('2026-04-07', none)).toBe(true);
    // Thu 26 March: Fri 27, Mon 30, Tue 31, Wed 1 April, then Tue 7 April.
    expect(addWorkingDays('2026-03-26', 5, none)).toBe('2026-04-07');
  });

  it('skips Kristi himmelfartsdag and Pinse but not Store Bededag (abolished from 2024)', () => {
    expect(isWorkingDay('2026-05-14', none)).toBe(false); // Kristi himmelfartsdag
    expect(isWorkingDay('2026-05-25', none)).toBe(false); // 2. pinsedag
    expect(isWorkingDay('2026-05-01', none)).toBe(true); // fourth Friday after Easter, once Store Bededag
  });

  it('skips the office’s closure days, which are not public holidays', () => {
    expect(isWorkingDay('2026-06-05', none)).toBe(true);
    const closures = new Set(['2026-06-05', '2026-12-24', '2026-12-31']);
    expect(isWorkingDay('2026-06-05', closures)).toBe(false);
    // Wed 23 Dec: 24 closed, 25–26 holidays, 27 Sunday; Mon 28, Tue 29, Wed 30, 31 closed, 1 Jan holiday, Mon 4, Tue 5 Jan.
    expect(addWorkingDays('2026-12-23', 5, closures)).toBe('2027-01-05');
  });

  it('ends the window at local midnight after the last working day, across the spring DST change', () => {
    // Thursday 26 March 2026 at 10:00 CET; clocks go forward on Sunday 29 March.
    const { lastDay, end } = endOfNthWorkingDay(new Date('2026-03-26T09:00:00Z'), 5, none);
    expect(lastDay).toBe('2026-04-07');
    expect(end.toISOString()).toBe('2026-04-07T22:00:00.000Z'); // 8 April 00:00 CEST
  });

  it('uses the local date of the instant, not the UTC date, and handles the autumn DST change', () => {
    // 23:30 UTC on Friday 23 October 2026 is already Saturday 24 October in Copenhagen.
    const { lastDay, end } = endOfNthWorkingDay(new Date('2026-10-23T23:30:00Z'), 5, none);
    expect(lastDay).toBe('2026-10-30');
    expect(end.toISOString()).toBe('2026-10-30T23:00:00.000Z'); // 31 October 00:00 CET, after clocks went back on the 25th
  });
});
