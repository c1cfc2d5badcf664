import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncStatus } from '@nota/protocol';
import { createRegisterCore, type RegisterCore } from '@nota/register-core';
import { DEMO_USERS, seedDemoData } from '@nota/register-core/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startRegisterHost, type RegisterHost } from './host';

const SECRET = 'test-secret-for-this-launch';
let dir: string;
let core: RegisterCore;
let host: RegisterHost;
let origin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nota-shell-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Nota</title>');
  core = createRegisterCore({ dbPath: join(dir, 'register.sqlite') });
  seedDemoData(core.context.store, { customers: 3 });
  host = await startRegisterHost({ core, rendererDir, secret: SECRET });
  origin = `http://127.0.0.1:${host.port}`;
});
afterAll(async () => {
  await host.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw request, so the test sets Host and Origin as a hostile page or rebinding DNS would. */
function http(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'GET', headers: opts.headers, setHost: !opts.headers?.host }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

function call(name: string, args: unknown, headers: Record<string, string> = {}) {
  return http('/api/send', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, 'x-nota-secret': SECRET, ...headers },
    body: JSON.stringify({ name, args }),
  });
}

describe('the browser shell host', () => {
  it('prints an address with the launch secret in the fragment, on loopback', () => {
    expect(host.address).toBe(`http://127.0.0.1:${host.port}/#secret=${SECRET}`);
  });

  it('serves the renderer with a strict CSP to its own names only', async () => {
    const page = await http('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Nota</title>');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self';.*frame-ancestors 'none'/);
    expect((await http('/', { headers: { host: `localhost:${host.port}` } })).status).toBe(200);
    const rebound = await http('/', { headers: { host: `evil.example:${host.port}` } });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_HOST' } });
  });

  it('answers a call with the core\'s Result', async () => {
    const answer = await call('session/users', {});
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body);
    expect(body.ok).toBe(true);
    expect(body.data.users.map((u: { id: string }) => u.id).sort()).toEqual(DEMO_USERS.map((u) => u.id).sort());
    // Validation happens in the core, and its field errors come through as they are.
    expect(JSON.parse((await call('catalog/barcode', { barcode: 7 })).body)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'barcode' } });
    expect(JSON.parse((await call('sales/delete', {})).body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_HANDLER' } });
  });

  it('refuses calls for another Host, from another Origin or with no Origin', async () => {
    expect((await call('session/users', {}, { host: `attacker.example:${host.port}` })).status).toBe(403);
    const foreign = await call('session/users', {}, { origin: 'https://attacker.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ error: { code: 'FORBIDDEN_ORIGIN' } });
    const { origin: _dropped, ...noOrigin } = { 'content-type': 'application/json', origin, 'x-nota-secret': SECRET };
    const anonymous = await http('/api/send', { method: 'POST', headers: noOrigin, body: JSON.stringify({ name: 'session/users', args: {} }) });
    expect(anonymous.status).toBe(403);
  });

  it('refuses calls with a missing or wrong secret, before the core sees them', async () => {
    const { 'x-nota-secret': _dropped, ...noSecret } = { 'content-type': 'application/json', origin, 'x-nota-secret': SECRET };
    const missing = await http('/api/send', { method: 'POST', headers: noSecret, body: JSON.stringify({ name: 'session/users', args: {} }) });
    expect(missing.status).toBe(403);
    expect(JSON.parse(missing.body)).toMatchObject({ error: { code: 'FORBIDDEN_SECRET' } });
    const wrong = await call('session/sign-in', { userId: DEMO_USERS[0]!.id, pin: DEMO_USERS[0]!.pin }, { 'x-nota-secret': `${SECRET}x` });
    expect(wrong.status).toBe(403);
    expect(JSON.parse((await call('session/current', {})).body)).toMatchObject({ ok: true, data: { user: null } });
  });

  it('refuses a form post (not JSON) and a body over 1 MB', async () => {
    expect((await call('session/users', {}, { 'content-type': 'text/plain' })).status).toBe(415);
    const huge = await http('/api/send', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, 'x-nota-secret': SECRET },
      body: JSON.stringify({ name: 'catalog/search', args: { query: 'x'.repeat(1_100_000) } }),
    });
    expect(huge.status).toBe(413);
  });

  it('will not listen on an address other machines can reach', async () => {
    for (const bind of ['0.0.0.0', '::', '192.168.1.10']) {
      await expect(startRegisterHost({ core, rendererDir: dir, host: bind })).rejects.toThrow(/loopback only/);
    }
  });
});

describe('the event WebSocket', () => {
  function connect(protocols: string[], headers: Record<string, string> = { origin }) {
    return new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, protocols, { headers });
  }
  const refusedWith = (ws: WebSocket) =>
    new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });

  it('refuses a socket without the secret, with a wrong one, or from another origin', async () => {
    expect(await refusedWith(connect(['nota.v1']))).toBe(403);
    expect(await refusedWith(connect(['nota.v1', 'secret.wrong']))).toBe(403);
    expect(await refusedWith(connect(['nota.v1', `secret.${SECRET}`], { origin: 'https://attacker.example' }))).toBe(403);
  });

  it('pushes the current sync status at once, then each change', async () => {
    const ws = connect(['nota.v1', `secret.${SECRET}`]);
    const statuses: SyncStatus[] = [];
    let notify = () => undefined as void;
    ws.on('message', (data) => {
      const { name, payload } = JSON.parse(String(data)) as { name: string; payload: SyncStatus };
      if (name === 'sync/status') statuses.push(payload);
      notify();
    });
    const next = (n: number) =>
      new Promise<void>((resolve) => {
        notify = () => statuses.length >= n && resolve();
        notify();
      });
    await next(1);
    expect(statuses[0]).toMatchObject({ state: 'not-enrolled' });
    const before = statuses[0]!.pending;

    const cashier = DEMO_USERS.find((u) => u.role === 'cashier')!;
    await call('session/sign-in', { userId: cashier.id, pin: cashier.pin });
    const sale = await call('sales/complete', { id: randomUUID(), lines: [{ productId: 'p-coffee', quantity: 1 }], payments: [{ method: 'card', amountOre: 3500 }] });
    expect(JSON.parse(sale.body).ok).toBe(true);
    // The journal's sign-in line, then the sale.
    await next(3);
    expect(statuses.slice(1).map((s) => s.pending)).toEqual([before + 1, before + 2]);
    ws.close();
  });

  it('answers calls over the socket with the core\'s Result, each answer naming its call', async () => {
    const ws = connect(['nota.v1', `secret.${SECRET}`]);
    const answers = new Map<unknown, unknown>();
    let notify = () => undefined as void;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: unknown; result?: unknown };
      if ('id' in message) answers.set(message.id, message.result);
      notify();
    });
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send(JSON.stringify({ id: 1, name: 'catalog/barcode', args: { barcode: '7350000000019' } }));
    ws.send(JSON.stringify({ id: 2, name: 'catalog/barcode', args: { barcode: 7 } }));
    ws.send(JSON.stringify({ id: 3, name: 'sales/delete', args: {} }));
    ws.send('not json');
    ws.send(JSON.stringify({ name: 'session/users', args: {} }));
    await new Promise<void>((resolve) => {
      notify = () => answers.size >= 4 && resolve();
      notify();
    });
    expect(answers.get(1)).toMatchObject({ ok: true, data: { product: { id: 'p-mug' } } });
    expect(answers.get(2)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'barcode' } });
    expect(answers.get(3)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_HANDLER' } });
    // Neither the broken message nor the one without an id ran anything; both were told why.
    expect(answers.get(null)).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^BAD_(JSON|CALL)$/) } });
    ws.close();
  });
});
