import { randomUUID } from 'node:crypto';
import type { RegisterCore } from '@nota/register-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AdminClient } from '../../scripts/loadgen/admin-client';
import { LOADGEN_CASHIER } from '../../scripts/loadgen/run-load';
import { e2eDatabases } from '../support/databases';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { startSyncWorld, type SyncWorld } from '../support/sync-world';

describe.each(e2eDatabases())('register ↔ server under network faults (%s)', (kind) => {
  let world: SyncWorld;
  let admin: AdminClient;
  let proxy: FaultProxy;

  beforeAll(async () => {
    world = await startSyncWorld(kind);
    admin = world.admin;
    const { port } = world.app.server.address() as { port: number };
    proxy = await startFaultProxy({ host: '127.0.0.1', port });
  });

  beforeEach(() => proxy.setMode('pass'));

  afterAll(async () => {
    await proxy?.close();
    await world?.close();
  });

  /** A real register enrolled through the fault proxy, signed in. */
  const enrolledRegister = (name: string, timeoutMs = 1_000): Promise<RegisterCore> =>
    world.register({ name, via: proxy.url, sync: { timeoutMs, batchSize: 3 } });

  async function sell(core: RegisterCore, n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      const result = await core.send('sales/complete', {
        id,
        lines: [{ productId: 'p-coffee', quantity: 1 + i }],
        payments: [{ method: 'card', amountOre: 3500 * (1 + i) }],
      });
      expect(result.ok).toBe(true);
      ids.push(id);
    }
    return ids;
  }

  async function serverSaleIds(registerId: string): Promise<string[]> {
    const { sales } = await admin.request<{ sales: { id: string }[] }>('GET', `/api/sales?registerId=${registerId}&limit=1000`);
    return sales.map((s) => s.id).sort();
  }

  const registerIdOf = async (core: RegisterCore) => {
    const settings = await core.send('settings/get', {});
    if (!settings.ok) throw new Error(settings.error.message);
    return settings.data.registerId;
  };

  it('pushes once when the server committed but its answer was lost, then the register retried', async () => {
    // Time enough for a busy server to answer: the answer must come, to be lost on the way back.
    const core = await enrolledRegister('Kassa tappat svar', 15_000);
    // The journal's lines (sign-in) wait in the outbox beside the sales.
    const before = core.sync.status().pending;
    const ids = await sell(core, 7);
    await proxy.setMode('drop-response');
    await expect(core.sync.syncOnce()).rejects.toThrow();
    expect(proxy.droppedResponses).toBeGreaterThan(0);
    const registerId = await registerIdOf(core);
    // The first batch landed although the register never heard so.
    expect((await serverSaleIds(registerId)).length).toBeGreaterThan(0);
    expect(core.sync.status().pending).toBe(before + 7);

    await proxy.setMode('pass');
    await core.sync.syncOnce();
    expect(core.sync.status()).toMatchObject({ pending: 0, rejected: 0, state: 'idle' });
    expect(await serverSaleIds(registerId)).toEqual([...ids].sort());
  });

  it('keeps selling while the server is down or hung, and drains the outbox afterwards', async () => {
    const core = await enrolledRegister('Kassa avbrott');
    for (const mode of ['refuse', 'stall'] as const) {
      await proxy.setMode(mode);
      const started = Date.now();
      await expect(core.sync.syncOnce()).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(core.sync.status().state).toBe('offline');
    }
    const ids = await sell(core, 5); // the outage never stands in front of a sale
    await proxy.setMode('pass');
    await core.sync.syncOnce();
    expect(core.sync.status().pending).toBe(0);
    expect(await serverSaleIds(await registerIdOf(core))).toEqual([...ids].sort());
  });

  it('stops a revoked register from syncing and keeps its events', async () => {
    const core = await enrolledRegister('Kassa spärrad');
    const before = core.sync.status().pending;
    await sell(core, 2);
    await admin.request('POST', `/api/registers/${await registerIdOf(core)}/revoke`);
    await expect(core.sync.syncOnce()).rejects.toThrow();
    expect(core.sync.status()).toMatchObject({ state: 'refused', pending: before + 2 });
  });

  it('creates a customer offline with a leased number and invoices it; the server gets both once', async () => {
    const core = await enrolledRegister('Kassa kund');
    await proxy.setMode('refuse');
    const created = await core.send('customers/create', {
      customer: { active: true, internal: true, externalId: 'E-1', name: 'Offline Kund AB', orgNumber: '556036-0793', country: 'SE', invoicingEnabled: true },
    });
    if (!created.ok) throw new Error(created.error.message);
    const sale = await core.send('sales/complete', {
      id: randomUUID(),
      lines: [{ productId: 'p-book', quantity: 1 }],
      payments: [{ method: 'invoice', amountOre: 29900 }],
      invoice: { customerId: created.data.customer.id, buyerReference: 'Eva' },
    });
    expect(sale.ok).toBe(true);
    await proxy.setMode('drop-response');
    await expect(core.sync.syncOnce()).rejects.toThrow();
    await proxy.setMode('pass');
    await core.sync.syncOnce();
    expect(core.sync.status()).toMatchObject({ pending: 0, rejected: 0 });
    const { customer } = await admin.request<{ customer: { customerNumber: number; name: string } }>('GET', `/api/customers/${created.data.customer.id}`);
    expect(customer).toMatchObject({ customerNumber: created.data.customer.customerNumber, name: 'Offline Kund AB' });
    expect(await serverSaleIds(await registerIdOf(core))).toHaveLength(1);
  });

  it('merges offline edits with head office field by field, and records a true conflict', async () => {
    const core = await enrolledRegister('Kassa redigering');
    const input = { active: true, internal: true, externalId: 'E-9', name: 'Redigera AB', orgNumber: '556036-0793', country: 'SE' as const, invoicingEnabled: true, email: 'a@redigera.se', phone: '040-11 11 11' };
    await core.send('session/sign-in', { userId: LOADGEN_CASHIER.id, pin: LOADGEN_CASHIER.pin });
    const created = await core.send('customers/create', { customer: input });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.data.customer.id;
    await core.sync.syncOnce();

    // Offline at the register: two edits of the phone, one of the city.
    await proxy.setMode('refuse');
    const edit1 = await core.send('customers/update', { id, baseVersion: 1, customer: { ...input, phone: '040-22 22 22' } });
    const edit2 = await core.send('customers/update', { id, baseVersion: 2, customer: { ...input, phone: '040-33 33 33', purchaseInstruction: 'Ange avdelning' } });
    expect([edit1.ok, edit2.ok]).toEqual([true, true]);
    // Meanwhile head office changes the e-mail (no conflict) and the purchase instruction (conflict).
    await admin.request('PUT', `/api/customers/${id}`, { baseVersion: 1, customer: { ...input, email: 'faktura@redigera.se', purchaseInstruction: 'Ring ekonomi' } });

    await proxy.setMode('pass');
    await core.sync.syncOnce();
    const { customer } = await admin.request<{ customer: Record<string, unknown> }>('GET', `/api/customers/${id}`);
    expect(customer).toMatchObject({ phone: '040-33 33 33', email: 'faktura@redigera.se', purchaseInstruction: 'Ring ekonomi' });
    const { conflicts } = await admin.request<{ conflicts: { customerId: string; field: string }[] }>('GET', '/api/customer-conflicts');
    expect(conflicts.filter((c) => c.customerId === id).map((c) => c.field)).toEqual(['purchaseInstruction']);
    const local = await core.send('customers/get', { id });
    expect(local.ok && local.data.customer).toMatchObject({ phone: '040-33 33 33', email: 'faktura@redigera.se', purchaseInstruction: 'Ring ekonomi' });
  });
});
