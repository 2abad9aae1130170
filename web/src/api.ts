/**
 * What the web app's typed client (./api/client.ts) shares: errors as words (ApiError), the credentials it sends,
 * and handing a downloaded body (CSV, .ics) to the browser as a file.
 */
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
  const error = new ApiError(
    response.status,
    payload.code ?? `HTTP_${response.status}`,
    payload.message ?? '',
    payload.details,
  );
  if (response.status === 401 && !anonymous) onUnauthorised(error);
  return error;
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
