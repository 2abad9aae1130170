import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { DomainError } from '../errors/domain-error.js';
import { isRealDate, instantsOfLocalTime } from '../../shared/time/index.js';
import { FIRST_YEAR, LAST_YEAR } from '../../shared/validation.js';

const MINUTE_MS = 60_000;

export interface InstantOptions {
  /** Appointment times are whole minutes (the default); filters may carry seconds. */
  wholeMinutes?: boolean;
  /** A bare date (YYYY-MM-DD) means the start of that day in Copenhagen; off by default. */
  dateOnly?: boolean;
}

export type InstantProblemKind = 'format' | 'range' | 'whole-minute' | 'nonexistent';

/** Why a text is not an acceptable instant; the DTO property holds this until validation reports it. */
export class InstantProblem {
  constructor(
    readonly kind: InstantProblemKind,
    readonly message: string,
  ) {}
}

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

const FORMAT_MESSAGE =
  'must be a date and time like 2026-12-01T09:00 (Copenhagen time) or with an offset, like 2026-12-01T09:00+01:00 or 2026-12-01T08:00Z';

/**
 * Reads a timestamp from the API. With `Z` or an offset it is that instant. Without one it is Copenhagen
 * wall-clock time: a time inside the spring gap does not exist and is refused; a time inside the repeated
 * autumn hour is its first occurrence (summer time, +02:00) — send an offset to mean the second.
 */
export function parseInstant(text: string, options: InstantOptions = {}): Date | InstantProblem {
  const match = INSTANT.exec(text);
  if (!match) return new InstantProblem('format', FORMAT_MESSAGE);
  const [, year, month, day, hour, minute, second = '0', fraction = '0', zone] = match;
  const date = `${year}-${month}-${day}`;
  if (hour === undefined && !options.dateOnly) return new InstantProblem('format', FORMAT_MESSAGE);
  if (!isRealDate(date) || Number(hour ?? 0) > 23 || Number(minute ?? 0) > 59 || Number(second) > 59)
    return new InstantProblem('format', FORMAT_MESSAGE);
  if (Number(year) < FIRST_YEAR || Number(year) > LAST_YEAR)
    return new InstantProblem('range', `must be in the years ${FIRST_YEAR}–${LAST_YEAR}`);
  if ((options.wholeMinutes ?? true) && (Number(second) !== 0 || Number(fraction) !== 0)) {
    return new InstantProblem(
      'whole-minute',
      'must be a whole minute: appointment times carry no seconds or fractions of a second',
    );
  }
  const millisecond = Math.floor(Number(`0.${fraction}`) * 1000);
  const time = `${hour ?? '00'}:${minute ?? '00'}:${second}.${millisecond}`;
  if (zone) {
    const [offsetHours, offsetMinutes] =
      zone.toUpperCase() === 'Z' ? [0, 0] : [Number(zone.slice(1, 3)), Number(zone.slice(3).replace(':', '') || '0')];
    if (offsetHours > 18 || offsetMinutes > 59) return new InstantProblem('format', FORMAT_MESSAGE);
    const sign = zone.startsWith('-') ? -1 : 1;
    return new Date(
      Date.UTC(
        Number(year),
        Number(month) - 1,
        Number(day),
        Number(hour),
        Number(minute),
        Number(second),
        millisecond,
      ) -
        sign * (offsetHours * 60 + offsetMinutes) * MINUTE_MS,
    );
  }
  const [first] = instantsOfLocalTime(date, time);
  if (!first) {
    return new InstantProblem(
      'nonexistent',
      `${date} ${hour}:${minute} does not exist in Copenhagen: the clocks go forward an hour that night. Send the time with an offset, or pick another`,
    );
  }
  return first;
}

/** For services handed a timestamp outside a DTO: the same rules, as a DomainError. */
export function instantFromInput(value: string | Date, field = 'time', options: InstantOptions = {}): Date {
  if (value instanceof Date) return value;
  const parsed = parseInstant(value, options);
  if (parsed instanceof Date) return parsed;
  if (parsed.kind === 'nonexistent')
    throw new DomainError('NONEXISTENT_LOCAL_TIME', `${field}: ${parsed.message}.`, {
      fields: [{ field, problems: [parsed.message] }],
    });
  throw new DomainError('VALIDATION_FAILED', `Invalid request: ${field} (${parsed.message})`, {
    fields: [{ field, problems: [parsed.message] }],
  });
}

/**
 * A DTO property that takes an instant: the text is parsed once by {@link parseInstant} and the property
 * holds a Date afterwards. A time that does not exist in Copenhagen answers 422 NONEXISTENT_LOCAL_TIME;
 * every other mistake is a field of 400 VALIDATION_FAILED.
 */
export function IsInstant(options: InstantOptions = {}, validationOptions: ValidationOptions = {}): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? parseInstant(value, options) : value)),
    ValidateBy(
      {
        name: 'isInstant',
        validator: {
          validate: (value: unknown) =>
            (value instanceof Date && !Number.isNaN(value.getTime())) ||
            (value instanceof InstantProblem && value.kind === 'nonexistent'),
          defaultMessage: (args) =>
            `${args?.property} ${args?.value instanceof InstantProblem ? args.value.message : FORMAT_MESSAGE}`,
        },
      },
      validationOptions,
    ),
    ValidateBy(
      {
        name: 'existsInCopenhagen',
        validator: {
          validate: (value: unknown) => !(value instanceof InstantProblem && value.kind === 'nonexistent'),
          defaultMessage: (args) => `${args?.property}: ${(args?.value as InstantProblem).message}`,
        },
      },
      { ...validationOptions, context: { statusCode: 422, code: 'NONEXISTENT_LOCAL_TIME' } },
    ),
  );
}
