import { createHeadOfficeClient, type HeadOfficeClient } from '@nota/protocol';

/**
 * Head-office calls from the load generator, the demo scripts and the end-to-end tests: the protocol's
 * typed client (`admin.customers.create({ body })`), signed with an API key. `request` is the untyped
 * call some end-to-end tests still make by path; new code uses the typed methods.
 */
export type AdminClient = HeadOfficeClient & {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
};

const TIMEOUT_MS = 30_000;

/** `options.fetch` lets a test watch the typed calls. */
export function createAdminClient(serverUrl: string, apiKey: string, options: { fetch?: typeof fetch } = {}): AdminClient {
  const base = serverUrl.replace(/\/+$/, '');
  const client = createHeadOfficeClient({ baseUrl: base, headers: () => ({ authorization: `Bearer ${apiKey}` }), timeoutMs: TIMEOUT_MS, ...options });
  return Object.assign(client, {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${apiKey}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
      return (text ? JSON.parse(text) : null) as T;
    },
  });
}
