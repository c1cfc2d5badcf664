import {
  EnrolResponse,
  LeaseNumbersResponse,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  PullResponse,
  PushResponse,
  SetAsideReportResponse,
  SYNC_ROUTES,
  type EnrolRequest,
  type PushRequest,
  type SetAsideReport,
} from '@nota/protocol';
import type { z } from 'zod';

export type SyncErrorKind = 'network' | 'timeout' | 'http' | 'protocol';

/** Why a sync request failed, and whether trying again later can help. */
export class SyncError extends Error {
  override readonly name = 'SyncError';
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
  }

  /** Network trouble and server errors pass; a refused token or an outdated register do not. */
  get retryable(): boolean {
    if (this.kind === 'network' || this.kind === 'timeout') return true;
    return this.status !== null && (this.status >= 500 || this.status === 429 || this.status === 408);
  }
}

export interface SyncClientOptions {
  serverUrl: string;
  token?: string | null;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface SyncClient {
  enrol(req: EnrolRequest): Promise<EnrolResponse>;
  push(req: PushRequest): Promise<PushResponse>;
  pull(cursor: string, limit: number): Promise<PullResponse>;
  leaseNumbers(size: number): Promise<LeaseNumbersResponse>;
  reportSetAside(report: SetAsideReport): Promise<z.output<typeof SetAsideReportResponse>>;
}

/** HTTP client for the sync contract; every answer is checked against the protocol schema. */
export function createSyncClient(options: SyncClientOptions): SyncClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const base = options.serverUrl.replace(/\/+$/, '');

  async function request<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new SyncError('timeout', `The server at ${base} did not answer within ${timeoutMs / 1000} s.`);
      }
      throw new SyncError('network', `Cannot reach the server at ${base}: ${(err as Error).message}`);
    }
    const text = await response.text().catch(() => '');
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // a proxy's HTML error page, say: reported below by status
    }
    if (!response.ok) {
      const error = json as { code?: string; message?: string } | null;
      throw new SyncError(
        'http',
        error?.message ?? `The server answered ${response.status} ${response.statusText}.`,
        response.status,
        error?.code ?? null,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new SyncError('protocol', `The server's answer to ${path} does not match the protocol: ${parsed.error.message}`, response.status);
    }
    return parsed.data;
  }

  return {
    enrol: (req) => request('POST', SYNC_ROUTES.enrol, EnrolResponse, req),
    push: (req) => request('POST', SYNC_ROUTES.push, PushResponse, req),
    pull: (cursor, limit) =>
      request('GET', `${SYNC_ROUTES.pull}?cursor=${encodeURIComponent(cursor)}&limit=${limit}`, PullResponse),
    leaseNumbers: (size) => request('POST', SYNC_ROUTES.leaseNumbers, LeaseNumbersResponse, { size }),
    reportSetAside: (report) => request('POST', SYNC_ROUTES.setAside, SetAsideReportResponse, report),
  };
}
