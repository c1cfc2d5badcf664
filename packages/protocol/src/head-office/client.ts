import type { z } from 'zod';
import { ApiErrorSchema, type ApiError } from '../errors';
import { headOffice, type HeadOffice, type HeadOfficeRoute } from './routes';

/**
 * A typed client for the head-office API, derived from the route map: `client.customers.list({ query })`.
 * Path parameters come from `params`, `query` is URL-encoded, `body` goes as JSON, and the answer is parsed
 * with the map's schema, so a shape that changed shows up here as BAD_RESPONSE instead of as a wrong value.
 * It uses the platform's fetch (browsers, Node 20). Credentials are the caller's: `headers` adds an API key
 * (scripts) or the CSRF token (the back office's cookie session).
 */

/** A refusal the server answered (status ≥ 400) or a failure to get an answer at all (status 0: NETWORK, BAD_RESPONSE). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.message);
    this.name = 'ApiRequestError';
  }
  get code(): string {
    return this.error.code;
  }
  get field(): string | undefined {
    return this.error.field;
  }
}

/** What a call of route `R` takes: `params` and `body` where the route has them; `query` is optional. */
export type ArgsOf<R> = (R extends { params: infer P extends z.ZodType } ? { params: z.input<P> } : { params?: never }) &
  (R extends { body: infer B extends z.ZodType } ? { body: z.input<B> } : { body?: never }) &
  (R extends { query: infer Q extends z.ZodType } ? { query?: z.input<Q> } : { query?: never });
/** What a call of route `R` resolves to: the parsed answer, or the bytes of a PDF or XML answer. */
export type AnswerOf<R extends HeadOfficeRoute> = R extends { produces: readonly string[] } ? ArrayBuffer : z.output<R['response']>;
type CallArgs<R> = {} extends ArgsOf<R> ? [args?: ArgsOf<R>] : [args: ArgsOf<R>];
export type Caller<R extends HeadOfficeRoute> = (...args: CallArgs<R>) => Promise<AnswerOf<R>>;

export type HeadOfficeClient = { [G in keyof HeadOffice]: { [N in keyof HeadOffice[G]]: HeadOffice[G][N] extends HeadOfficeRoute ? Caller<HeadOffice[G][N]> : never } } & {
  /** Calls any route of the map (or one a test builds). */
  call<R extends HeadOfficeRoute>(route: R, ...args: CallArgs<R>): Promise<AnswerOf<R>>;
  /** The route's address with its parameters and query filled in, e.g. for a PDF link. */
  url<R extends HeadOfficeRoute>(route: R, ...args: CallArgs<R>): string;
};

export interface HeadOfficeClientOptions {
  /** The server's origin, e.g. http://127.0.0.1:3000; empty (the default) for the page's own origin. */
  baseUrl?: string;
  /** Headers for each request: `authorization` for an API key, the CSRF token for a session's writes. */
  headers?: (route: HeadOfficeRoute) => Record<string, string>;
  /** Browsers: 'same-origin' sends the session cookie. */
  credentials?: 'omit' | 'same-origin' | 'include';
  /** Gives up on an answer after this long (NETWORK); none by default. */
  timeoutMs?: number;
  /** Called with every error before it is thrown, e.g. to show the sign-in page on a 401. */
  onError?: (error: ApiRequestError) => void;
  /** Defaults to the global fetch, looked up at each call. */
  fetch?: typeof fetch;
}

type Args = { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };

/** `/api/customers/:id` with `{ id }` → `/api/customers/<id>`; the query's empty values are left out. */
export function routeUrl(route: HeadOfficeRoute, args: Args = {}): string {
  const path = route.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = args.params?.[name];
    if (value === undefined || value === null || value === '') throw new TypeError(`${route.method} ${route.path} needs params.${name}.`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(args.query ?? {})) {
    for (const v of [value].flat()) if (v !== undefined && v !== null && v !== '') search.append(key, String(v));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

export function createHeadOfficeClient(options: HeadOfficeClientOptions = {}): HeadOfficeClient {
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  const fail = (status: number, error: ApiError): never => {
    const refused = new ApiRequestError(status, error);
    options.onError?.(refused);
    throw refused;
  };

  async function call(route: HeadOfficeRoute, args: Args = {}): Promise<unknown> {
    const headers: Record<string, string> = { accept: route.produces ? route.produces.join(', ') : 'application/json', ...options.headers?.(route) };
    if (args.body !== undefined) headers['content-type'] = 'application/json';
    const where = `${route.method} ${route.path}`;
    let res: Response;
    try {
      res = await (options.fetch ?? globalThis.fetch)(`${base}${routeUrl(route, args)}`, {
        method: route.method,
        headers,
        ...(options.credentials ? { credentials: options.credentials } : {}),
        ...(args.body !== undefined ? { body: JSON.stringify(args.body) } : {}),
        ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
      });
    } catch (err) {
      return fail(0, { code: 'NETWORK', message: `The server did not answer ${where}: ${err instanceof Error ? err.message : String(err)}` });
    }
    if (res.ok && route.produces) return res.arrayBuffer();
    const text = await res.text().catch(() => '');
    const json = text ? safeJson(text) : null;
    if (!res.ok) {
      const parsed = ApiErrorSchema.safeParse(json);
      return fail(res.status, parsed.success ? parsed.data : { code: `HTTP_${res.status}`, message: `${where} answered ${res.status}.` });
    }
    const parsed = route.response.safeParse(json);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    return fail(0, {
      code: 'BAD_RESPONSE',
      message: `${where} answered in a shape this client does not know${issue ? ` (${issue.path.join('.') || 'the answer'}: ${issue.message})` : ''}.`,
    });
  }

  const client: Record<string, unknown> = {
    call: (route: HeadOfficeRoute, args?: Args) => call(route, args),
    url: (route: HeadOfficeRoute, args?: Args) => `${base}${routeUrl(route, args)}`,
  };
  for (const [group, routes] of Object.entries(headOffice)) {
    client[group] = Object.fromEntries(Object.entries(routes as Record<string, HeadOfficeRoute>).map(([name, route]) => [name, (args?: Args) => call(route, args)]));
  }
  return client as HeadOfficeClient;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
