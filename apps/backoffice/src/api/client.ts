import { ApiRequestError, createHeadOfficeClient, CSRF_HEADER, type ApiError } from '@nota/protocol';

/**
 * The one way the back office talks to the server: the protocol's head-office client, on the page's own
 * origin with the cookie session (the server sets an httpOnly cookie at sign-in). Every write carries the
 * session's CSRF token; every answer is parsed with the route map's schema, so a shape the server changed
 * shows up as an error here, not as a blank page.
 */

export { ApiRequestError };

let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => undefined;

/** The session's CSRF token, from `GET /api/auth/session` or the sign-in answer; null when signed out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called on any 401: the app shows the sign-in page. */
export function whenUnauthenticated(callback: () => void): void {
  onUnauthenticated = callback;
}

export const headOfficeClient = createHeadOfficeClient({
  credentials: 'same-origin',
  headers: (route): Record<string, string> => (route.method !== 'GET' && csrfToken ? { [CSRF_HEADER]: csrfToken } : {}),
  onError: (error) => {
    if (error.status === 401) onUnauthenticated();
  },
});

/** The field errors of a refusal, keyed by form field: `body.customer.email` → `email`. */
export function formFieldErrors(error: ApiError, prefix: string): Record<string, ApiError> {
  const out: Record<string, ApiError> = {};
  const strip = (field: string) => (field.startsWith(prefix) ? field.slice(prefix.length) : field);
  for (const d of error.details ?? []) out[strip(d.field)] ??= { code: d.code, message: d.message };
  if (error.field && !out[strip(error.field)]) out[strip(error.field)] = { code: error.code, message: error.message };
  return out;
}
