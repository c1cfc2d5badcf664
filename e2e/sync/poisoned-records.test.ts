import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { RegisterCore } from '@nota/register-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eDatabases } from '../support/databases';
import { call, startSyncWorld, type SyncWorld } from '../support/sync-world';

/** One bad record, in either direction, never stops a register's sync. */
describe.each(e2eDatabases())('poisoned records between a register and the server (%s)', (kind) => {
  let world: SyncWorld;
  beforeAll(async () => {
    world = await startSyncWorld(kind);
  });
  afterAll(() => world?.close());

  const enrolledRegister = (name: string): Promise<RegisterCore> => world.register({ name, sync: { timeoutMs: 5_000, batchSize: 3 } });

  it('rejects a customer event the server cannot store, and the sales behind it reach the server', async () => {
    const core = await enrolledRegister('Kassa förgiftad');
    const { registerId } = await call(core, 'settings/get', {});
    // Queued as a register from before the protocol refused such names did: the handler now refuses
    // them, so the events are written straight into the outbox.
    const poisoned: string[] = [];
    for (const name of ['Nul\u0000 AB', 'Trasig \ud800 AB']) {
      const { customer } = await call(core, 'customers/create', {
        customer: {
          active: true,
          internal: false,
          name: 'Giltig AB',
          orgNumber: '556036-0793',
          country: 'SE',
          street: 'Storgatan 1',
          postalCode: '211 22',
          city: 'Malmö',
          email: 'faktura@giltig.se',
          invoicingEnabled: true,
        },
      });
      const { sqlite } = core.context.store;
      const row = sqlite.prepare("SELECT id, payload FROM outbox WHERE type = 'customer.created' AND payload LIKE ?").get(`%${customer.id}%`) as { id: string; payload: string };
      const event = JSON.parse(row.payload) as { customer: { name: string } };
      event.customer.name = name;
      sqlite.prepare('UPDATE outbox SET payload = ? WHERE id = ?').run(JSON.stringify(event), row.id);
      poisoned.push(row.id);
    }
    const sales: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = randomUUID();
      await call(core, 'sales/complete', { id, lines: [{ productId: 'p-coffee', quantity: 1 }], payments: [{ method: 'card', amountOre: 3500 }] });
      sales.push(id);
    }

    await core.sync.syncOnce();
    expect(core.sync.status()).toMatchObject({ state: 'idle', pending: 0, rejected: 2, lastError: null });
    const { sales: onServer } = await world.admin.request<{ sales: { id: string }[] }>('GET', `/api/sales?registerId=${registerId}&limit=100`);
    expect(onServer.map((s) => s.id).sort()).toEqual([...sales].sort());

    // Kept and shown on both sides, with the field that was wrong.
    const { events } = await call(core, 'outbox/rejected', {});
    expect(events.map((e) => e.id).sort()).toEqual([...poisoned].sort());
    for (const e of events) expect(e.reason).toMatch(/^EVENT_INVALID: .*customer\.name/);
    const rejected = await world.admin.request<{ events: { eventId: string; reason: { code: string } }[] }>('GET', '/api/sync/rejected-events');
    for (const id of poisoned) expect(rejected.events.find((e) => e.eventId === id)?.reason.code).toBe('EVENT_INVALID');

    // And the register goes on: a later sale syncs as usual.
    const later = randomUUID();
    await call(core, 'sales/complete', { id: later, lines: [{ productId: 'p-bun', quantity: 1 }], payments: [{ method: 'card', amountOre: 2900 }] });
    await core.sync.syncOnce();
    expect(core.sync.status()).toMatchObject({ state: 'idle', pending: 0 });
  });

  it('refuses a null setting with a field error', async () => {
    const response = await fetch(`${world.serverUrl}/api/settings/receipt-footer`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${world.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ value: null }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'INVALID_REQUEST', field: 'body.value' });
  });

  it('sets aside a change record the register cannot apply while the rest of the page syncs, and head office sees it', async () => {
    const core = await enrolledRegister('Kassa avsides');
    const { registerId } = await call(core, 'settings/get', {});
    // What an older server let head office save (the null setting), straight into its tables...
    await world.database.transaction(async (tx) => {
      await tx.execute(sql`insert into settings (key, value) values ('receipt-footer', 'null'::jsonb)`);
      await tx.execute(sql`insert into change_feed (entity, entity_id, data) values ('setting', 'receipt-footer', '{"key":"receipt-footer","value":null}'::jsonb)`);
    });
    // ...and what the server takes but this register's catalog cannot hold: a second product with one SKU.
    await world.admin.request('PUT', '/api/products/p-coffee-2', { id: 'p-coffee-2', sku: '1001', barcode: null, name: 'Kaffe igen', groupId: 'food', priceOre: 3600, vatCode: 'food', active: true });
    // Around them, records that must arrive.
    await world.admin.request('PUT', '/api/products/p-tea', { id: 'p-tea', sku: '1003', barcode: '7310050001258', name: 'Te', groupId: 'food', priceOre: 2500, vatCode: 'food', active: true });
    await world.admin.request('PUT', '/api/settings/storeName', { value: 'Museibutiken' });

    await core.sync.syncOnce();
    expect(core.sync.status()).toMatchObject({ state: 'idle', setAside: 2, lastError: null });
    expect((await call(core, 'catalog/barcode', { barcode: '7310050001258' })).product.name).toBe('Te');
    expect((await call(core, 'settings/get', {})).storeName).toBe('Museibutiken');

    const { changes } = await call(core, 'sync/set-aside', {});
    expect(changes.map((c) => `${c.entity}:${c.recordId}`).sort()).toEqual(['product:p-coffee-2', 'setting:receipt-footer']);
    expect(changes.every((c) => c.reportedAt !== null)).toBe(true);

    const listed = await world.admin.request<{ changes: { registerId: string; entity: string; recordId: string; reason: string }[] }>('GET', '/api/sync/set-aside-changes');
    const mine = listed.changes.filter((c) => c.registerId === registerId);
    expect(mine.map((c) => `${c.entity}:${c.recordId}`).sort()).toEqual(['product:p-coffee-2', 'setting:receipt-footer']);
    expect(mine.find((c) => c.entity === 'setting')?.reason).toMatch(/value: must not be null/);
    expect(mine.find((c) => c.entity === 'product')?.reason).toMatch(/UNIQUE constraint failed: products\.sku/);

    // Head office fixes the product; its next version applies and the register's list clears it.
    await world.admin.request('PUT', '/api/products/p-coffee-2', { id: 'p-coffee-2', sku: '1009', barcode: null, name: 'Kaffe igen', groupId: 'food', priceOre: 3600, vatCode: 'food', active: true });
    await core.sync.syncOnce();
    expect(core.sync.status()).toMatchObject({ state: 'idle', setAside: 1 });
  });
});
