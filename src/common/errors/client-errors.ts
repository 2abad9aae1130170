import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { ErrorBody } from './http-exception.filter.js';

/** What Node's HTTP parser refused, as the API's error body (the same statuses Node's own handler sends). */
function answerFor(error: NodeJS.ErrnoException): Omit<ErrorBody, 'requestId'> {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        statusCode: 431,
        code: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
        message: 'The request line or headers are too large (a very long URL or query string?).',
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request’s chunk extensions are too large.' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { statusCode: 408, code: 'REQUEST_TIMEOUT', message: 'The request took too long to arrive.' };
    default:
      return { statusCode: 400, code: 'BAD_REQUEST', message: 'The request is not valid HTTP.' };
  }
}

/**
 * Requests Node refuses before any route runs (431 for a 20 kB query string, 400 for a malformed request
 * line or header) get the documented JSON error body instead of Node's bare status line. There is no
 * request object here, so the answer is written to the socket, which is then closed.
 */
export function answerClientErrorsAsJson(server: Server, logger: Logger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const requestId = randomUUID();
    const answer = answerFor(error);
    logger.warn(
      { requestId, statusCode: answer.statusCode, parserError: error.code },
      'Refused a request Node could not parse',
    );
    const body = JSON.stringify({ ...answer, requestId } satisfies ErrorBody);
    socket.end(
      [
        `HTTP/1.1 ${answer.statusCode} ${STATUS_CODES[answer.statusCode]}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        `X-Request-Id: ${requestId}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });
}
