import { ApiErrorSchema, CSRF_HEADER, type ApiError } from '@nota/protocol';
import type { z } from 'zod';

/**
 * The one way the back office talks to the server. Same-origin cookie session (the server sets an
 * httpOnly cookie at sign-in); every write carries the session's CSRF token; every answer is parsed with
 * the protocol's schema, so a shape the server changed shows up as an error here, not as a blank page.
 */

/** A refusal the server answered (status ≥ 400) or a failure to get an answer at all (status 0). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.message);
    this.name = 'ApiRequestError';
  }
}

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

type Query = Record<string, string | number | boolean | null | undefined>;

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

interface CallOptions<T> {
  query?: Query;
  body?: unknown;
  /** The answer's schema; absent for 204 answers. */
  response?: z.ZodType<T>;
}

export async function call<T = void>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: CallOptions<T> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  let res: Response;
  try {
    res = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiRequestError(0, { code: 'NETWORK', message: 'The server did not answer.' });
  }
  const text = await res.text();
  const json = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const parsed = ApiErrorSchema.safeParse(json);
    const error = parsed.success ? parsed.data : { code: `HTTP_${res.status}`, message: `The server answered ${res.status}.` };
    if (res.status === 401) onUnauthenticated();
    throw new ApiRequestError(res.status, error);
  }
  if (!options.response) return undefined as T;
  const parsed = options.response.safeParse(json);
  if (!parsed.success) {
    throw new ApiRequestError(0, { code: 'BAD_RESPONSE', message: `${method} ${path} answered in a shape this page does not know.` });
  }
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The field errors of a refusal, keyed by form field: `body.customer.email` → `email`. */
export function formFieldErrors(error: ApiError, prefix: string): Record<string, ApiError> {
  const out: Record<string, ApiError> = {};
  const strip = (field: string) => (field.startsWith(prefix) ? field.slice(prefix.length) : field);
  for (const d of error.details ?? []) out[strip(d.field)] ??= { code: d.code, message: d.message };
  if (error.field && !out[strip(error.field)]) out[strip(error.field)] = { code: error.code, message: error.message };
  return out;
}
