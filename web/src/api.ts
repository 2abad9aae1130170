/** The one way the web app talks to the service: JSON over fetch with the bearer token, errors as words. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let currentToken: string | null = null;
let csrfToken: string | null = null;
let onUnauthorised: (error: ApiError) => void = () => undefined;

export function setApiToken(token: string | null): void {
  currentToken = token;
}

/** The server session's CSRF token, sent with every write (sign-in with the identity provider). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setUnauthorisedHandler(handler: (error: ApiError) => void): void {
  onUnauthorised = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  accept?: string;
  /** Send without the bearer token (public routes). */
  anonymous?: boolean;
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The bearer token (unless anonymous) and, on a write, the web session's CSRF token; shared with the typed client (api/client.ts). */
export function credentialHeaders(method: string, anonymous = false): Record<string, string> {
  const headers: Record<string, string> = {};
  if (currentToken && !anonymous) headers.Authorization = `Bearer ${currentToken}`;
  if (csrfToken && method.toUpperCase() !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  return headers;
}

/** The ApiError of a failed response (its code, message and details); a 401 also goes to the unauthorised handler. */
export async function apiErrorFrom(response: Response, anonymous = false): Promise<ApiError> {
  let payload: { code?: string; message?: string; details?: unknown } = {};
  try {
    payload = await response.json();
  } catch {
    // not JSON (a proxy's error page, say): the status alone must do
  }
  const error = new ApiError(response.status, payload.code ?? `HTTP_${response.status}`, payload.message ?? '', payload.details);
  if (response.status === 401 && !anonymous) onUnauthorised(error);
  return error;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json', ...credentialHeaders(options.method ?? 'GET', options.anonymous) };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '');
  }
  if (!response.ok) throw await apiErrorFrom(response, options.anonymous);
  return response;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Downloads a response as a file (CSV export) without putting the token in a URL. */
export async function download(path: string, options: RequestOptions, fallbackName: string): Promise<void> {
  const response = await send(path, options);
  saveAsFile(await response.blob(), response, fallbackName);
}

/** Hands a downloaded body to the browser as a file, named by the response's Content-Disposition. */
export function saveAsFile(blob: Blob, response: Response, fallbackName: string): void {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Downloads a CSV export in the Danish Excel dialect (UTF-8 BOM, `;`, decimal comma: `dialect=excel-da`), so a
 * double-click opens it in Excel with Danish settings with "Brønderslev" and every number intact.
 */
export function downloadCsv(path: string, query: RequestOptions['query'], fallbackName: string): Promise<void> {
  return download(path, { query: { ...query, dialect: 'excel-da' }, accept: 'text/csv' }, fallbackName);
}
