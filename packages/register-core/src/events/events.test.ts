import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import type { PrinterStatus, SyncStatus } from '@nota/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startVirtualPrinter, type VirtualPrinter } from '../printing';
import { writeSyncState } from '../sync/sync-state';
import { createTestRegister, type TestRegister } from '../test-support/register';

let reg: TestRegister;
beforeEach(() => {
  reg = createTestRegister({ customers: 5 });
});
afterEach(() => reg.dispose());

/** Everything `name` pushes from now on. */
function record<T>(subscribe: (cb: (p: T) => void) => () => void): T[] {
  const seen: T[] = [];
  subscribe((p) => seen.push(p));
  return seen;
}
const syncPushes = () => record<SyncStatus>((cb) => reg.core.listen('sync/status', cb));
const printerPushes = () => record<PrinterStatus>((cb) => reg.core.listen('printer/status', cb));

const cardSale = () =>
  reg.call('sales/complete', { id: randomUUID(), lines: [{ productId: 'p-coffee', quantity: 1 }], payments: [{ method: 'card', amountOre: 3500 }] });

/** A port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('sync/status pushes', () => {
  it('starts from the current state and follows the outbox as sales are made', async () => {
    // The journal's application start is in the outbox from the start; the sign-in adds its line.
    expect(reg.core.lastEvent('sync/status')).toMatchObject({ state: 'not-enrolled', pending: 1 });
    const pushes = syncPushes();
    await reg.signInAs('cashier');
    await cardSale();
    await cardSale();
    expect(pushes.map((p) => p.pending)).toEqual([2, 3, 4]);
    expect(reg.core.lastEvent('sync/status')?.pending).toBe(4);
  });

  it('says nothing when nothing changed, and nothing after a keystroke search', async () => {
    await reg.signInAs('cashier');
    const pushes = syncPushes();
    await reg.call('catalog/search', { query: 'kaffe' });
    await reg.call('settings/get', {});
    await reg.call('outbox/status', {});
    expect(pushes).toEqual([]);
  });

  it('tells when a sync round starts and how it ended', async () => {
    writeSyncState(reg.core.context.db, 'serverUrl', `http://127.0.0.1:${await closedPort()}`);
    writeSyncState(reg.core.context.db, 'token', 'nrt_test');
    await reg.signInAs('cashier');
    await cardSale();
    const pushes = syncPushes();
    await expect(reg.core.sync.syncOnce()).rejects.toThrow();
    // The end is reported after the round settles; let that callback run.
    await new Promise((resolve) => setImmediate(resolve));
    expect(pushes.map((p) => p.state)).toEqual(['syncing', 'offline']);
    // The sale, and the journal's application start and sign-in.
    expect(pushes[1]).toMatchObject({ pending: 3, lastError: expect.any(String) });
  });

  it('keeps telling the other listeners when one of them throws', async () => {
    reg.core.listen('sync/status', () => {
      throw new Error('a broken window');
    });
    const pushes = syncPushes();
    await reg.signInAs('cashier');
    const result = await reg.core.send('sales/complete', {
      id: randomUUID(),
      lines: [{ productId: 'p-coffee', quantity: 1 }],
      payments: [{ method: 'card', amountOre: 3500 }],
    });
    expect(result.ok).toBe(true);
    // The journal's sign-in line (after its application start), then the sale.
    expect(pushes.map((p) => p.pending)).toEqual([2, 3]);
  });
});

describe('printer/status pushes', () => {
  let printer: VirtualPrinter;
  beforeEach(async () => {
    printer = await startVirtualPrinter();
  });
  afterEach(() => printer.close());

  async function invoiceSale(): Promise<string> {
    const { customers } = await reg.call('customers/search', { query: '' });
    const customer = customers.find((c) => c.invoiceable)!;
    const { sale } = await reg.call('sales/complete', {
      id: randomUUID(),
      lines: [{ productId: 'p-poster', quantity: 1 }],
      payments: [{ method: 'invoice', amountOre: 19900 }],
      invoice: { customerId: customer.id, buyerReference: 'Åsa', comment: '' },
    });
    return sale.id;
  }

  it('goes from not configured, to unknown once an address is set, to printing and ready', async () => {
    expect(reg.core.lastEvent('printer/status')).toEqual({ state: 'not-configured', message: null, checkedAt: null });
    const pushes = printerPushes();
    await reg.signInAs('manager');
    await reg.call('settings/update', { printerUrl: printer.url, printerTimeoutMs: 1000 });
    await reg.signInAs('cashier');
    const saleId = await invoiceSale();
    await reg.call('delivery-notes/print', { saleId });
    expect(pushes.map((p) => p.state)).toEqual(['unknown', 'printing', 'ready']);
    expect(pushes[2]?.checkedAt).not.toBeNull();
  });

  it('reports paper out and an unreachable printer with the message the cashier needs', async () => {
    await reg.signInAs('manager');
    await reg.call('settings/update', { printerUrl: printer.url, printerTimeoutMs: 1000 });
    await reg.signInAs('cashier');
    const saleId = await invoiceSale();
    printer.setMode('paper-out');
    expect((await reg.core.send('delivery-notes/print', { saleId })).ok).toBe(false);
    expect(reg.core.lastEvent('printer/status')).toMatchObject({ state: 'paper-out', message: expect.stringMatching(/paper/i) });

    await reg.signInAs('manager');
    await reg.call('settings/update', { printerUrl: `tcp://127.0.0.1:${await closedPort()}` });
    await reg.signInAs('cashier');
    expect(reg.core.lastEvent('printer/status')?.state).toBe('unknown');
    expect((await reg.core.send('delivery-notes/print', { saleId })).ok).toBe(false);
    expect(reg.core.lastEvent('printer/status')?.state).toBe('offline');
  });

  it('learns nothing about the printer from a request that never reached it', async () => {
    await reg.signInAs('manager');
    await reg.call('settings/update', { printerUrl: printer.url, printerTimeoutMs: 1000 });
    await reg.signInAs('cashier');
    await reg.call('delivery-notes/print', { saleId: await invoiceSale() });
    const { sale } = await cardSale();
    const refused = await reg.core.send('delivery-notes/print', { saleId: sale.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_AN_INVOICE_SALE' } });
    expect(reg.core.lastEvent('printer/status')?.state).toBe('ready');
  });
});
