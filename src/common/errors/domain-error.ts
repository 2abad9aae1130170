import type { CodeWithStatus, ErrorCode } from '../../error-codes.js';
import { errorRegistry } from './error-catalogue.js';

/**
 * A client-facing failure with a stable code from a catalogue. Services throw these; the exception filter looks
 * the code's HTTP status up in the catalogue and answers `{ statusCode, code, message, details?, requestId }`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** The HTTP status of the code, from the registered catalogues (500 for a code no module registered). */
  get statusCode(): number {
    return errorRegistry.spec(this.code)?.status ?? 500;
  }
}

export const notFound = (what: string, id?: string) =>
  new DomainError('NOT_FOUND', id ? `No ${what} with id ${id} was found.` : `${what} was not found.`);

export const conflict = (code: CodeWithStatus<409>, message: string, details?: unknown) =>
  new DomainError(code, message, details);

export const unprocessable = (code: CodeWithStatus<422>, message: string, details?: unknown) =>
  new DomainError(code, message, details);

export const badRequest = (code: CodeWithStatus<400>, message: string, details?: unknown) =>
  new DomainError(code, message, details);

export const forbidden = (message = 'Your role does not allow this.') => new DomainError('FORBIDDEN', message);
