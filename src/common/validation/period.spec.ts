import { DomainError } from '../errors/domain-error.js';
import {
  assertDatePeriod,
  assertInstantPeriod,
  AT_MOST_A_YEAR_OF_DATES,
  AT_MOST_A_YEAR_OF_TIME,
  daysInPeriod,
  type PeriodLimit,
} from './period.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('periods', () => {
  it('counts calendar days with both ends, also across the clock changes', () => {
    expect(daysInPeriod('2026-12-07', '2026-12-07')).toBe(1);
    expect(daysInPeriod('2027-03-27', '2027-03-29')).toBe(3);
    expect(daysInPeriod('2027-10-30', '2027-11-01')).toBe(3);
  });

  it('refuses a date period that ends before it starts and allows a single day', () => {
    expect(codeOf(() => assertDatePeriod('2027-01-02', '2027-01-01'))).toBe('INVALID_PERIOD');
    expect(assertDatePeriod('2027-01-01', '2027-01-01')).toBe(1);
  });

  it("gives the limit's own code one day past the limit, not on it", () => {
    const limit: PeriodLimit = { maxDays: 7, code: 'HORIZON_TOO_LONG', message: 'at most a week' };
    expect(assertDatePeriod('2027-01-01', '2027-01-07', limit)).toBe(7);
    expect(codeOf(() => assertDatePeriod('2027-01-01', '2027-01-08', limit))).toBe('HORIZON_TOO_LONG');
  });

  it('allows the last day up to 366 days after the first, and no more', () => {
    expect(codeOf(() => assertDatePeriod('2026-01-01', '2027-01-02', AT_MOST_A_YEAR_OF_DATES))).toBeUndefined();
    expect(codeOf(() => assertDatePeriod('2026-01-01', '2027-01-03', AT_MOST_A_YEAR_OF_DATES))).toBe('RANGE_TOO_LONG');
  });

  it('refuses an empty or backwards span of time and one over a year', () => {
    const start = new Date('2027-01-01T00:00:00Z');
    expect(codeOf(() => assertInstantPeriod(start, start))).toBe('INVALID_PERIOD');
    expect(codeOf(() => assertInstantPeriod(start, new Date('2026-12-31T23:00:00Z')))).toBe('INVALID_PERIOD');
    expect(
      codeOf(() => assertInstantPeriod(start, new Date('2028-01-02T00:00:00Z'), AT_MOST_A_YEAR_OF_TIME)),
    ).toBeUndefined();
    expect(codeOf(() => assertInstantPeriod(start, new Date('2028-01-02T00:00:01Z'), AT_MOST_A_YEAR_OF_TIME))).toBe(
      'RANGE_TOO_LONG',
    );
  });
});
