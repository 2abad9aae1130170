/**
 * The typed way the web app talks to the service: openapi-fetch over the paths and schemas generated from the
 * server's OpenAPI document (`npm run api:types` writes ./schema.d.ts); the web app has no other way and no
 * hand-written answer types. Its conventions: the bearer token, the CSRF token on writes, failures thrown as
 * ApiError (code, message, details), a 401 to the unauthorised handler, and a failed fetch as ApiError NETWORK.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, apiErrorFrom, credentialHeaders, saveAsFile } from '../api';
import type { components, paths } from './schema';

/** The server's documented shapes, by schema name: `Schema<'BookingDetailsDto'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

function conventions(anonymous: boolean): Middleware {
  return {
    onRequest({ request }) {
      if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json');
      for (const [name, value] of Object.entries(credentialHeaders(request.method, anonymous)))
        request.headers.set(name, value);
      return request;
    },
    async onResponse({ response }) {
      if (!response.ok) throw await apiErrorFrom(response, anonymous);
      return undefined;
    },
    onError({ error }) {
      return error instanceof ApiError ? error : new ApiError(0, 'NETWORK', '');
    },
  };
}

function client(anonymous: boolean) {
  // openapi-fetch builds a Request, which needs an absolute URL outside a browser page (jsdom in the component tests),
  // and would keep the `fetch` it saw at creation: looking it up per request lets a test stub it after import.
  // Typed as JSON answers: a route that also answers CSV (the plan, KPIs) would otherwise type its data as JSON or
  // string. CSV and .ics bodies are read with parseAs ('blob') and saved as files, not typed.
  const created = createClient<paths, 'application/json'>({
    baseUrl: typeof location === 'undefined' ? '' : location.origin,
    fetch: (request) => globalThis.fetch(request),
  });
  created.use(conventions(anonymous));
  return created;
}

/** Requests with the signed-in person's credentials. */
export const apiClient = client(false);
/** Requests to public routes, without the bearer token (a 401 there is not a signed-out session). */
export const publicApiClient = client(true);

/**
 * The answer's body: failures were already thrown by the middleware, so only a body-less answer (204) leaves
 * nothing. `const booking = await ok(apiClient.GET('/api/bookings/{id}', { params: { path: { id } } }))`.
 */
export async function ok<Answer extends { data?: unknown }>(
  request: Promise<Answer>,
): Promise<NonNullable<Answer['data']>> {
  const { data } = await request;
  return data as NonNullable<Answer['data']>;
}

/** The routes that also answer CSV (with Accept: text/csv), by their documented path. */
export type CsvPath = {
  [P in keyof paths]: paths[P] extends { get: { responses: { 200: { content: { 'text/csv': string } } } } } ? P : never;
}[keyof paths];
type CsvParameters<P extends CsvPath> = paths[P] extends { get: { parameters: infer Parameters } } ? Parameters : never;

/**
 * Downloads a CSV export in the Danish Excel dialect (UTF-8 BOM, `;`, decimal comma: `dialect=excel-da`), so a
 * double-click opens it in Excel with Danish settings with "Brønderslev" and every number intact. The file is
 * fetched with the token in a header (not in a URL) and named by the answer's Content-Disposition.
 */
export async function downloadCsv<P extends CsvPath>(
  path: P,
  params: CsvParameters<P>,
  fallbackName: string,
): Promise<void> {
  const { query, ...rest } = params as { query?: Record<string, unknown> };
  // openapi-fetch cannot pick one overload for a path that is a type parameter: the path and its parameters were
  // checked against each other above, so the call goes through the untyped signature.
  const get = apiClient.GET as unknown as (path: string, init: object) => Promise<{ data?: Blob; response: Response }>;
  const { data, response } = await get(path, {
    params: { ...rest, query: { ...query, dialect: 'excel-da' } },
    headers: { Accept: 'text/csv' },
    parseAs: 'blob',
  });
  saveAsFile(data!, response, fallbackName);
}
