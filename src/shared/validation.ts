import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isRealDate } from './time/calendar-date.js';

/** Every date the API takes lies in these years: enough for history and planning, and no year 9999 windows. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** A real calendar date between FIRST_YEAR and LAST_YEAR. */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string' || !isRealDate(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

const DATE_MESSAGE = `must be a real date like 2026-12-01, in the years ${FIRST_YEAR}–${LAST_YEAR}`;

/** A DTO property holding a calendar date (YYYY-MM-DD, Copenhagen's calendar). The one date rule of the API. */
export function IsLocalDate(validationOptions: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: { validate: isLocalDate, defaultMessage: (args) => `${args?.property} ${DATE_MESSAGE}` },
    },
    validationOptions,
  );
}

const YEARS = `(?:20\\d\\d|2100)`;
const ISO_WEEK = new RegExp(`^${YEARS}-W(?:0[1-9]|[1-4]\\d|5[0-3])$`);
const MONTH = new RegExp(`^${YEARS}-(?:0[1-9]|1[0-2])$`);

/** An ISO week such as 2027-W05, in the same years as dates. */
export function IsIsoWeek(validationOptions: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoWeek',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && ISO_WEEK.test(value),
        defaultMessage: (args) =>
          `${args?.property} must be an ISO week such as 2027-W05, in the years ${FIRST_YEAR}–${LAST_YEAR}`,
      },
    },
    validationOptions,
  );
}

/** A calendar month such as 2026-11, in the same years as dates. */
export function IsLocalMonth(validationOptions: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalMonth',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && MONTH.test(value),
        defaultMessage: (args) =>
          `${args?.property} must be a month such as 2026-11, in the years ${FIRST_YEAR}–${LAST_YEAR}`,
      },
    },
    validationOptions,
  );
}
