import fc from 'fast-check';
import {
  addDays,
  calendarDate,
  isMonday,
  isoWeekday,
  isRealDate,
  mondayOf,
  mondayOfWeekKey,
  mondays,
  weekKey,
  weeksBetween,
} from './calendar-date.js';

describe('calendar dates', () => {
  it('tells real dates from impossible ones', () => {
    expect(isRealDate('2028-02-29')).toBe(true);
    expect(isRealDate('2027-02-29')).toBe(false);
    expect(isRealDate('2031-02-30')).toBe(false);
    expect(isRealDate('2026-13-01')).toBe(false);
    expect(isRealDate('2026-1-01')).toBe(false);
    expect(isRealDate('2026-01-01T00:00')).toBe(false);
  });

  it('adds days across month, year and DST boundaries without drifting', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-24', 0)).toBe('2026-12-24');
  });

  it('finds the Monday of a week (weeks start on Monday)', () => {
    expect(mondayOf('2026-12-24')).toBe('2026-12-21');
    expect(mondayOf('2026-12-21')).toBe('2026-12-21');
    expect(mondayOf('2027-01-03')).toBe('2026-12-28');
    expect(isMonday('2026-12-21')).toBe(true);
    expect(isMonday('2026-12-27')).toBe(false);
    expect(isoWeekday('2026-12-27')).toBe(7);
  });

  it('names ISO weeks and turns them back into Mondays', () => {
    expect(weekKey('2027-01-03')).toBe('2026-W53');
    expect(weekKey('2027-01-04')).toBe('2027-W01');
    expect(mondayOfWeekKey('2027-W01')).toBe('2027-01-04');
    expect(() => mondayOfWeekKey('2027-W53')).toThrow();
    expect(() => mondayOfWeekKey('2027-53')).toThrow();
    expect(mondays('2026-12-24', 3)).toEqual(['2026-12-21', '2026-12-28', '2027-01-04']);
    expect(weeksBetween('2026-12-21', '2027-01-04')).toBe(2);
    expect(weeksBetween('2027-01-04', '2026-12-21')).toBe(-2);
  });

  it('normalises a day past the end of the month', () => {
    expect(calendarDate(2026, 1, 29)).toBe('2026-03-01');
    expect(calendarDate(2026, 11, 32)).toBe('2027-01-01');
  });

  it('keeps addDays, mondayOf and weekKey consistent for any date', () => {
    const day = fc.integer({ min: 0, max: 365 * 80 }).map((n) => addDays('2000-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: -800, max: 800 }), (date, n) => {
        expect(addDays(addDays(date, n), -n)).toBe(date);
        const monday = mondayOf(date);
        expect(isMonday(monday)).toBe(true);
        expect(weekKey(monday)).toBe(weekKey(date));
        expect(mondayOfWeekKey(weekKey(date))).toBe(monday);
      }),
    );
  });
});
