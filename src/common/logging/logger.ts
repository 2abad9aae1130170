import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { LogLevel } from '../config/app-config.js';

// Bearer-like secrets in a query: feed tokens, and the OpenID callback's one-time authorization code and state.
const TOKEN_IN_QUERY = /([?&](?:token|access_token|code|state)=)[^&#]*/gi;
const PUBLIC_OFFICE_FEED = /^\/calendar\/offices\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.ics$/i;
const PERCENT_ESCAPE = /%([0-9a-f]{2})/gi;

/**
 * Feed URLs are bearer credentials; they must never reach a log line or an error message. Anything
 * under /calendar/ is a possible feed URL, whatever its case, percent-encoding, extra slashes or dot
 * segments (Express matches routes case-insensitively, and a path that matches no route is still
 * echoed), so everything after /calendar/ goes, query included. Only the public office feeds, whose
 * id is an office's UUID, stay readable.
 */
export function redactUrl(url: string): string {
  const queryAt = url.search(/[?#]/);
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const normalised = normalisePath(path);
  if (/^\/calendar(?:[/.;]|$)/i.test(normalised)) {
    if (queryAt === -1 && PUBLIC_OFFICE_FEED.test(path)) return path;
    return /\.ics$/i.test(normalised) ? '/calendar/[redacted].ics' : '/calendar/[redacted]';
  }
  return url.replace(TOKEN_IN_QUERY, '$1[redacted]');
}

/** The path as a router that decodes, folds slashes and resolves dot segments might see it. */
function normalisePath(path: string): string {
  let decoded = path;
  // Byte-wise, so malformed UTF-8 cannot throw; a few rounds catch double encoding (%2563 -> %63 -> c).
  for (let round = 0; round < 3; round++) {
    const next = decoded.replace(PERCENT_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === decoded) break;
    decoded = next;
  }
  const segments: string[] = [];
  for (const segment of decoded.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return '/' + segments.join('/');
}

/**
 * Errors are logged by kind, message, SQLSTATE and constraint only: a failed query carries its SQL
 * parameters (names, contact details) and those must never reach a log line.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!error || typeof error !== 'object') return { message: String(error) };
  const e = error as {
    name?: string;
    message?: string;
    stack?: string;
    code?: unknown;
    constraint?: unknown;
    driverError?: { code?: unknown; constraint?: unknown };
  };
  return {
    type: e.name ?? 'Error',
    message: e.message,
    code: e.code ?? e.driverError?.code,
    constraint: e.constraint ?? e.driverError?.constraint,
    stack: e.stack,
  };
}

export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'akasse-scheduler' },
      serializers: { err: safeError, error: safeError },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["idempotency-key"]',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,128}$/;

export function createHttpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string; headers: Record<string, unknown> }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
        userAgent: req.headers['user-agent'],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
  });
}

/** Routes Nest's own log lines (bootstrap, exceptions) through the same JSON logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, rest: unknown[]) {
    const context =
      rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    if (message && typeof message === 'object') {
      this.logger[level]({ context, ...(message as object) }, (message as { msg?: string }).msg ?? '');
    } else {
      this.logger[level]({ context }, String(message));
    }
  }
}
