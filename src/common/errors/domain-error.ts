/**
 * A client-facing failure with a stable code. Services throw these; the exception filter turns
 * them into `{ statusCode, code, message, details?, requestId }`.
 */
export class DomainError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id?: string) =>
  new DomainError(404, 'NOT_FOUND', id ? `No ${what} with id ${id} was found.` : `${what} was not found.`);

export const conflict = (code: string, message: string, details?: unknown) => new DomainError(409, code, message, details);

export const unprocessable = (code: string, message: string, details?: unknown) =>
  new DomainError(422, code, message, details);

export const badRequest = (code: string, message: string, details?: unknown) => new DomainError(400, code, message, details);

export const forbidden = (message = 'Your role does not allow this.') => new DomainError(403, 'FORBIDDEN', message);
