import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SyncStatus } from '@nota/protocol';
import { createRegisterCore } from '@nota/register-core';
import { startVirtualPrinter, type VirtualPrinter } from '@nota/register-core/printing';
import { DEMO_USERS, seedDemoData } from '@nota/register-core/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FromCore } from './core-messages';
import { createCoreProxy, type CoreProxy } from './core-proxy';

const CHILD = fileURLToPath(new URL('./core-child.test-support.ts', import.meta.url));
const cashier = DEMO_USERS.find((u) => u.role === 'cashier')!;
const manager = DEMO_USERS.find((u) => u.role === 'manager')!;

let dir: string;
let proxy: CoreProxy;
let printer: VirtualPrinter;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nota-core-proxy-'));
  const dbPath = join(dir, 'register.sqlite');
  const seeding = createRegisterCore({ dbPath });
  seedDemoData(seeding.context.store, { customers: 5 });
  await seeding.close();
  printer = await startVirtualPrinter({ mode: 'silent' });
  // The main process's side as in Electron, with a Node child in place of the utility process.
  proxy = createCoreProxy(
    () => {
      const child = fork(CHILD, [dbPath], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
      children.push(child);
      return {
        postMessage: (message) => child.send(message),
        onMessage: (callback) => child.on('message', (message) => callback(message as FromCore)),
        onExit: (callback) => child.on('exit', (code) => callback(code ?? -1)),
        kill: () => void child.kill(),
      };
    },
    { restartDelayMs: 50 },
  );
});
afterAll(async () => {
  proxy.close();
  await printer.close();
  await new Promise((resolve) => setTimeout(resolve, 200));
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(promise: Promise<{ ok: true; data: T } | { ok: false; error: { code: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(result.error.code);
  return result.data;
}

describe('the core in its own process', () => {
  it('answers calls and forwards the core\'s pushes', async () => {
    const statuses: SyncStatus[] = [];
    proxy.listen('sync/status', (s) => statuses.push(s));
    const before = (await call(proxy.send('outbox/status', {}))).pending;
    await call(proxy.send('session/sign-in', { userId: cashier.id, pin: cashier.pin }));
    const { sale } = await call(
      proxy.send('sales/complete', { id: randomUUID(), lines: [{ productId: 'p-coffee', quantity: 1 }], payments: [{ method: 'card', amountOre: 3500 }] }),
    );
    expect(sale.totalOre).toBe(3500);
    // The sale, and the journal's sign-in line.
    await expect.poll(() => statuses.at(-1)?.pending).toBe(before + 2);
    expect(proxy.lastEvent('sync/status')?.pending).toBe(before + 2);
  });

  it('keeps answering while a print waits for a printer that never answers', async () => {
    await call(proxy.send('session/sign-in', { userId: manager.id, pin: manager.pin }));
    await call(proxy.send('settings/update', { printerUrl: printer.url, printerTimeoutMs: 3000 }));
    const { customers } = await call(proxy.send('customers/search', { query: '' }));
    const customer = customers.find((c) => c.invoiceable)!;
    const { sale } = await call(
      proxy.send('sales/complete', {
        id: randomUUID(),
        lines: [{ productId: 'p-poster', quantity: 1 }],
        payments: [{ method: 'invoice', amountOre: 19900 }],
        invoice: { customerId: customer.id, buyerReference: 'Åsa', comment: '' },
      }),
    );
    const started = Date.now();
    const printing = proxy.send('delivery-notes/print', { saleId: sale.id });
    const found = await call(proxy.send('catalog/search', { query: 'kaffe' }));
    const searchMs = Date.now() - started;
    expect(found.products.length).toBeGreaterThan(0);
    const printed = await printing;
    // The silent printer takes the connection but never answers the status request.
    expect(printed).toMatchObject({ ok: false, error: { code: 'PRINTER_NO_STATUS' } });
    // The search came back long before the printer gave up (3 s).
    expect(searchMs).toBeLessThan(2000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
  });

  it('answers the calls in flight when the core process dies, and starts a new one', async () => {
    const dying = children.at(-1)!;
    const inFlight = proxy.send('catalog/search', { query: 'kaffe' });
    dying.kill('SIGKILL');
    const answer = await inFlight;
    // Either the core answered before it died, or the proxy says it restarted; never a hang.
    if (!answer.ok) expect(answer.error.code).toBe('CORE_RESTARTED');
    await expect.poll(() => children.length, { timeout: 5000 }).toBe(2);
    // The new core opens the same database.
    await expect.poll(async () => (await proxy.send('session/users', {})).ok, { timeout: 10_000 }).toBe(true);
    const users = await call(proxy.send('session/users', {}));
    expect(users.users.length).toBe(DEMO_USERS.length);
  });
});
