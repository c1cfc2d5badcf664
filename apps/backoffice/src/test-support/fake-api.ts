import type { ApiError, Customer, SessionInfo } from '@nota/protocol';
import { vi } from 'vitest';

/**
 * The server as the app's `fetch` sees it, for component tests: each route answers what the test says,
 * and every request is kept so a test can check what was sent (method, body, CSRF header).
 */
export interface SentRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}
type Answer = { status?: number; body?: unknown } | ((request: SentRequest) => { status?: number; body?: unknown });

export function fakeApi(routes: Record<string, Answer>) {
  const sent: SentRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://backoffice.test');
    const request: SentRequest = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: Object.fromEntries(Object.entries((init?.headers as Record<string, string>) ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    sent.push(request);
    const route = Object.entries(routes).find(([pattern]) => matches(pattern, request));
    if (!route) return json(404, { code: 'NOT_FOUND', message: `no fake for ${request.method} ${request.path}` });
    const answer = typeof route[1] === 'function' ? route[1](request) : route[1];
    return answer.status === 204 ? new Response(null, { status: 204 }) : json(answer.status ?? 200, answer.body);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { sent, fetch: fetchMock, last: (method: string, path: string) => sent.filter((r) => r.method === method && r.path === path).at(-1) };
}

/** `'GET /api/customers/:id'` matches `GET /api/customers/abc`. */
function matches(pattern: string, request: SentRequest): boolean {
  const [method, path] = pattern.split(' ');
  if (method !== request.method) return false;
  const want = path!.split('/');
  const got = request.path.split('/');
  return want.length === got.length && want.every((part, i) => part.startsWith(':') || part === got[i]);
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export const refusal = (status: number, error: ApiError) => ({ status, body: error });

export const session: SessionInfo = {
  user: { id: 'u1', username: 'ekonomi', displayName: 'Eva Ekonom', role: 'head-office', costCentres: [], disabled: false },
  csrfToken: 'csrf-token-from-the-session',
  expiresAt: '2026-11-28T10:00:00.000Z',
};

export function customer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: '0b6c1f3e-1111-4111-8111-111111111111',
    customerNumber: 1001,
    active: true,
    internal: false,
    externalId: null,
    name: 'Björkskolan',
    orgNumber: '212000-1355',
    country: 'SE',
    street: 'Skolgatan 1',
    postalCode: '271 41',
    city: 'Ystad',
    billingCountry: 'SE',
    email: 'ekonomi@kommun.example',
    phone: null,
    invoicingEnabled: true,
    purchaseInstruction: 'Köparen ska uppge fullständigt namn.',
    version: 3,
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-20T09:00:00.000Z',
    ...overrides,
  };
}
