import type { ErrorCode } from '../../error-codes.js';
import { DomainError } from './domain-error.js';
import { errorRegistry } from './error-catalogue.js';

interface PgLikeError {
  code?: string;
  constraint?: string;
  detail?: string;
}

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: string; message?: string };
  if (
    code &&
    (CONNECTION_ERROR_CODES.has(code) ||
      code.startsWith('08') ||
      code === '57P01' ||
      code === '57P02' ||
      code === '57P03')
  ) {
    return true;
  }
  // "timeout expired" is node-postgres' own connect timeout. TypeORM releases a transaction's query runner when its
  // connection dies between two statements; the next statement then fails with "…already released" instead.
  return /Connection terminated|Connection is not established|^timeout expired$|the database system is (starting up|shutting down)|Query runner already released|query runner was already released/i.test(
    message ?? '',
  );
}

/**
 * node-postgres' pool gives up waiting for a free connection with exactly this message (a failed connect says
 * "Connection terminated…" or a socket error instead): the database is up, this process is just busy.
 */
export function isPoolExhausted(error: unknown): boolean {
  return (
    !!error &&
    typeof error === 'object' &&
    (error as { message?: unknown }).message === 'timeout exceeded when trying to connect'
  );
}

/** Seconds a client is asked to wait before retrying a 503 (BUSY, DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE). */
export const RETRY_AFTER_SECONDS = 2;

/** Maps a PostgreSQL error (SQLSTATE and constraint name) to a client-facing DomainError, or undefined if it is a server fault. */
export function domainErrorFromPostgres(error: unknown): DomainError | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const pgError = ((error as { driverError?: PgLikeError }).driverError ?? error) as PgLikeError;
  if (isPoolExhausted(pgError) || isPoolExhausted(error)) {
    return new DomainError('BUSY', 'The service is busy right now. Please try again in a moment.');
  }
  if (isDatabaseUnavailable(pgError) || isDatabaseUnavailable(error)) {
    return new DomainError(
      'DATABASE_UNAVAILABLE',
      'The database is not reachable right now. Please try again shortly.',
    );
  }
  // Constraint names are chosen so that each maps to one stable API code; modules register theirs (provideErrors).
  const known = pgError.constraint ? errorRegistry.constraint(pgError.constraint) : undefined;
  if (known) return new DomainError(known.code as ErrorCode, known.message);
  switch (pgError.code) {
    case '23P01':
      return new DomainError('CONFLICT', 'This overlaps with something already booked.');
    case '23505':
      return new DomainError('DUPLICATE', 'Something with the same identity already exists.');
    case '23503':
      return new DomainError('REFERENCE_NOT_FOUND', 'The request refers to something that does not exist.');
    case '23514':
      return new DomainError('CHECK_VIOLATION', 'The values break a rule of the data.');
    case '40001':
    case '40P01':
      return new DomainError('CONCURRENT_UPDATE', 'Someone else changed this at the same moment. Please try again.');
    // The API's validation refuses these first; if one slips through it is the same client mistake, with the same code.
    case '22P02':
    case '22007':
    case '22008':
      return new DomainError('VALIDATION_FAILED', 'A value in the request has the wrong format.');
    case '22021':
    case '22P05':
      return new DomainError(
        'VALIDATION_FAILED',
        'A text in the request contains a character that cannot be stored (such as NUL).',
      );
    default:
      return undefined;
  }
}

/** PostgreSQL's 55P03 lock_not_available: a NOWAIT lock was held, or `lock_timeout` ran out. */
export function isLockNotAvailable(error: unknown): boolean {
  const pgError = ((error as { driverError?: { code?: string } })?.driverError ?? error) as
    { code?: string } | undefined;
  return pgError?.code === '55P03';
}
