import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { redactUrl } from '../logging/logger.js';
import { DomainError } from './domain-error.js';
import { domainErrorFromPostgres, RETRY_AFTER_SECONDS } from './postgres-errors.js';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  requestId: string;
}

const CODES_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

function fromHttpException(exception: HttpException): Omit<ErrorBody, 'requestId'> {
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  const body = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  const code = typeof body.code === 'string' ? body.code : (CODES_BY_STATUS[statusCode] ?? `HTTP_${statusCode}`);
  const message = typeof body.message === 'string' ? body.message : exception.message;
  return { statusCode, code, message, ...(body.details !== undefined ? { details: body.details } : {}) };
}

/** Malformed JSON reaches us as a body-parser error with `type` set, before any route runs. */
function fromBodyParserError(exception: unknown): Omit<ErrorBody, 'requestId'> | undefined {
  const error = exception as { type?: string; status?: number };
  if (error?.type === 'entity.parse.failed') {
    return { statusCode: 400, code: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' };
  }
  if (error?.type === 'entity.too.deep') {
    return { statusCode: 400, code: 'MALFORMED_JSON', message: (exception as Error).message };
  }
  if (error?.type === 'entity.too.large') {
    return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' };
  }
  if (typeof error?.type === 'string' && typeof error.status === 'number' && error.status < 500) {
    return { statusCode: error.status, code: 'BAD_REQUEST', message: 'The request body could not be read.' };
  }
  return undefined;
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request & { id?: string }>();
    const response = context.getResponse<Response>();
    const requestId = String(request.id ?? '');
    const body = this.toBody(exception, request);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId }, 'Request failed');
    }
    // For the request metrics (conflicts and errors by code).
    response.locals.errorCode = body.code;
    if (response.headersSent) return;
    if (body.statusCode === 503 && !response.getHeader('Retry-After'))
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    response.status(body.statusCode).json({ ...body, requestId } satisfies ErrorBody);
  }

  private toBody(exception: unknown, request: Request): Omit<ErrorBody, 'requestId'> {
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.statusCode,
        code: exception.code,
        message: exception.message,
        ...(exception.details !== undefined ? { details: exception.details } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const fromBodyParser = fromBodyParserError(exception.cause);
      if (fromBodyParser) return fromBodyParser;
      // Express names the undecodable parameter in its message: on /calendar/ that is a feed token.
      if (exception.cause instanceof URIError)
        return { statusCode: 400, code: 'BAD_REQUEST', message: 'The path has malformed percent-encoding.' };
      const body = fromHttpException(exception);
      if (body.statusCode === 404 && body.code === 'NOT_FOUND' && /^Cannot /.test(body.message)) {
        // The path goes back to the caller and may pass through proxies' logs: a feed token must not.
        return { ...body, message: `There is no ${request.method} ${redactUrl(request.path)}.` };
      }
      return body;
    }
    const parsed = fromBodyParserError(exception) ?? domainErrorFromPostgres(exception);
    if (parsed instanceof DomainError) {
      return { statusCode: parsed.statusCode, code: parsed.code, message: parsed.message };
    }
    if (parsed) return parsed;
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL_ERROR',
      message: 'Something went wrong on our side. The error has been logged.',
    };
  }
}
