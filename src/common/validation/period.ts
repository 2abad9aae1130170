import type { CodeWithStatus } from '../../error-codes.js';
import { unprocessable } from '../errors/domain-error.js';

const DAY_MS = 86_400_000;

/** The longest period a request may ask for, and the error it gets beyond that. */
export interface PeriodLimit {
  /** For dates, days counted with both ends; for instants, whole days from start to end. */
  maxDays: number;
  code: CodeWithStatus<422>;
  message: string;
}

/** Days from `from` through `to`, both included, of two YYYY-MM-DD dates (calendar days: no clock change counts). */
export function daysInPeriod(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
}

/**
 * The API's rule for a period of calendar days (YYYY-MM-DD, both ends included): 422 INVALID_PERIOD when it ends
 * before it starts, and the limit's error when it has more than `limit.maxDays` days. Returns its number of days.
 */
export function assertDatePeriod(from: string, to: string, limit?: PeriodLimit): number {
  if (to < from) throw unprocessable('INVALID_PERIOD', `to (${to}) is before from (${from}).`);
  const days = daysInPeriod(from, to);
  if (limit && days > limit.maxDays) throw unprocessable(limit.code, limit.message);
  return days;
}

/**
 * The same rule for a period between two instants (start included, end excluded): 422 INVALID_PERIOD unless it
 * ends after it starts, and the limit's error when it spans more than `limit.maxDays` days.
 */
export function assertInstantPeriod(from: Date, to: Date, limit?: PeriodLimit): void {
  if (!(from < to)) throw unprocessable('INVALID_PERIOD', 'to must be after from.');
  if (limit && to.getTime() - from.getTime() > limit.maxDays * DAY_MS) throw unprocessable(limit.code, limit.message);
}

/** "Ask for at most one year at a time": the last day at most 366 days after the first (367 days with both ends). */
export const AT_MOST_A_YEAR_OF_DATES: PeriodLimit = {
  maxDays: 367,
  code: 'RANGE_TOO_LONG',
  message: 'Ask for at most one year at a time.',
};

/** The same for instants: at most 366 days from start to end. */
export const AT_MOST_A_YEAR_OF_TIME: PeriodLimit = { ...AT_MOST_A_YEAR_OF_DATES, maxDays: 366 };
