import { vi } from 'vitest';

/** One request the app sent, as the server would read it. */
export interface SentRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
  /** The route's `:name` parts. */
  params: Record<string, string>;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A route's answer: JSON with 200, or `reply(status, body)` for anything else; a function answers per request. */
export type Answer = unknown | Reply | ((request: SentRequest) => unknown | Reply);

const REPLY = Symbol('reply');

export function reply(status: number, body?: unknown, headers?: Record<string, string>): Reply {
  return Object.assign({ status, body, headers }, { [REPLY]: true });
}

const isReply = (value: unknown): value is Reply => typeof value === 'object' && value !== null && REPLY in value;

/** The API's error body (src/common/errors/domain-error.ts: statusCode, code, message, details?, requestId). */
export function apiError(status: number, code: string, message = code): Reply {
  return reply(status, { statusCode: status, code, message, requestId: 'req-test' });
}

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  answer: Answer;
}

function compile(key: string, answer: Answer): Route {
  const [method, path] = key.split(' ');
  const names: string[] = [];
  const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { method, pattern: new RegExp(`^${source}$`), names, answer };
}

/**
 * Replaces `fetch` with the service's routes ("POST /api/offices/:id/slots/bulk"): every request is recorded, and a
 * request no route answers fails the test (404 to the app, and `unanswered` lists it).
 */
export function stubApi(routes: Record<string, Answer>) {
  const table = Object.entries(routes).map(([key, answer]) => compile(key, answer));
  const sent: SentRequest[] = [];
  const unanswered: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    // api() calls fetch(url, init); the typed client (openapi-fetch) calls fetch(request).
    const asRequest = input instanceof Request ? input : null;
    const url = new URL(asRequest ? asRequest.url : String(input), 'http://localhost');
    const method = (asRequest?.method ?? init.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(new Headers(asRequest?.headers ?? init.headers).entries());
    const text = asRequest ? await asRequest.clone().text() : typeof init.body === 'string' ? init.body : '';
    const body = text ? JSON.parse(text) : undefined;
    for (const route of table) {
      const match = route.method === method ? route.pattern.exec(url.pathname) : null;
      if (!match) continue;
      const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
      const request: SentRequest = {
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body,
        headers,
        params,
      };
      sent.push(request);
      const answer =
        typeof route.answer === 'function' ? (route.answer as (r: SentRequest) => unknown)(request) : route.answer;
      const { status, body: payload, headers: extra } = isReply(answer) ? answer : { status: 200, body: answer };
      return new Response(status === 204 || payload === undefined ? null : JSON.stringify(payload), {
        status,
        headers: { 'Content-Type': 'application/json', ...extra },
      });
    }
    unanswered.push(`${method} ${url.pathname}${url.search}`);
    return new Response(JSON.stringify({ statusCode: 404, code: 'NOT_FOUND', message: 'no stub' }), {
      status: 404,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetch);
  return {
    sent,
    unanswered,
    /** The requests sent to one route, e.g. `to('POST /api/bookings')`. */
    to(key: string): SentRequest[] {
      const route = compile(key, null);
      return sent.filter((r) => r.method === route.method && route.pattern.test(r.path));
    },
  };
}
