import { PROTOCOL_HEADER } from '@nota/protocol';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSyncClient, SyncError } from './sync-client';

// Faults of the HTTP layer that no server of ours would produce on purpose: the client must classify
// each so the engine knows whether to retry.
let server: Server | null = null;
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

async function failure(promise: Promise<unknown>): Promise<SyncError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(SyncError);
  return err as SyncError;
}

describe('sync client', () => {
  it('sends the protocol version and the token', async () => {
    let seen: IncomingMessage | null = null;
    const url = await serve((req, res) => {
      seen = req;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ block: { id: '8f14e45f-ceea-467a-9af0-0a3f2f5d1c11', firstNumber: 1000, lastNumber: 1999 } }));
    });
    const answer = await createSyncClient({ serverUrl: url, token: 'nrt_secret' }).leaseNumbers(1000);
    expect(answer.block.firstNumber).toBe(1000);
    expect(seen!.headers[PROTOCOL_HEADER]).toBe('1');
    expect(seen!.headers.authorization).toBe('Bearer nrt_secret');
  });

  it('treats a refused token as final and a server error as worth retrying', async () => {
    let status = 401;
    const url = await serve((_req, res) => {
      res.statusCode = status;
      res.end(JSON.stringify({ code: status === 401 ? 'REGISTER_REVOKED' : 'INTERNAL', message: 'nope' }));
    });
    const client = createSyncClient({ serverUrl: url, token: 't' });
    const refused = await failure(client.pull('0', 10));
    expect([refused.status, refused.code, refused.retryable]).toEqual([401, 'REGISTER_REVOKED', false]);
    status = 503;
    expect((await failure(client.pull('0', 10))).retryable).toBe(true);
  });

  it('gives up on a server that never answers, within the timeout', async () => {
    const url = await serve(() => undefined);
    const started = Date.now();
    const err = await failure(createSyncClient({ serverUrl: url, token: 't', timeoutMs: 300 }).pull('0', 10));
    expect(err.kind).toBe('timeout');
    expect(err.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports an unreachable server and an answer that breaks the protocol', async () => {
    const unreachable = await failure(createSyncClient({ serverUrl: 'http://127.0.0.1:1', token: 't' }).pull('0', 10));
    expect(unreachable.kind).toBe('network');
    const url = await serve((_req, res) => res.end('{"changes": "not a list"}'));
    expect((await failure(createSyncClient({ serverUrl: url, token: 't' }).pull('0', 10))).kind).toBe('protocol');
  });
});
