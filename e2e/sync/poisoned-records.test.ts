import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { buildApp, openDatabase, type Database } from '@nota/server';
import { createRegisterCore, type RegisterCore } from '@nota/register-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminClient, type AdminClient } from '../../scripts/loadgen/admin-client';
import { LOADGEN_CASHIER, prepareServer } from '../../scripts/loadgen/run-load';
import { createPostgresDatabase, e2eDatabases } from '../support/databases';

const API_KEY = `nak_${randomUUID().replaceAll('-', '')}`;

/** One bad record, in either direction, never stops a register's sync. */
describe.each(e2eDatabases())('poisoned records between a register and the server (%s)', (kind) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  /** The server's own database, to write what an older server let in. */
  let database: Database;
  let serverUrl: string;
  let admin: AdminClient;
  let dropDatabase: (() => Promise<void>) | null = null;
  const dirs: string[] = [];
  const cores: RegisterCore[] = [];

  beforeAll(async () => {
    const pgDb = kind === 'postgres' ? await createPostgresDatabase() : null;
    dropDatabase = pgDb?.drop ?? null;
    database = await openDatabase(pgDb ? { kind: 'postgres', url: pgDb.url } : { kind: 'pglite' });
    app = await buildApp({ adminApiKey: API_KEY, logger: false, database });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    serverUrl = `http://127.0.0.1:${port}`;
    admin = createAdminClient(serverUrl, API_KEY);
    await prepareServer(admin);
  });

  afterAll(async () => {
    for (const core of cores) await core.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await app.close();
    await database.close();
    await dropDatabase?.();
  });

  async function enrolledRegister(name: string): Promise<RegisterCore> {
    const dir = mkdtempSync(join(tmpdir(), 'nota-e2e-'));
    dirs.push(dir);
    const core = createRegisterCore({ dbPath: join(dir, 'register.sqlite'), sync: { timeoutMs: 5_000, batchSize: 3 } });
    cores.push(core);
    const { enrolmentCode } = await admin.request<{ enrolmentCode: string }>('POST', '/api/registers', { name, costCentreCode: 'LOAD' });
    await core.sync.enrol(serverUrl, enrolmentCode);
    await core.sync.syncOnce();
    expect((await core.send('session/sign-in', { userId: LOADGEN_CASHIER.id, pin: LOADGEN_CASHIER.pin })).ok).toBe(true);
    return core;
  }

  async function call<T>(core: RegisterCore, name: string, args: unknown): Promise<T> {
    const result = await core.send(name as never, args as never);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.data as T;
  }

  it('rejects a customer event the server cannot store, and the sales behind it reach the server', async () => {
    const core = await enrolledRegister('Kassa förgiftad');
    const { registerId } = await call<{ registerId: string }>(core, 'settings/get', {});
    // Queued as a register from before the protocol refused such names did: the handler now refuses
    // them, so the events are written straight into the outbox.
    const poisoned: string[] = [];
    for (const name of ['Nul\u0000 AB', 'Trasig \ud800 AB']) {
      const { customer } = await call<{ customer: { id: string } }>(core, 'customers/create', {
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
    const { sales: onServer } = await admin.request<{ sales: { id: string }[] }>('GET', `/api/sales?registerId=${registerId}&limit=100`);
    expect(onServer.map((s) => s.id).sort()).toEqual([...sales].sort());

    // Kept and shown on both sides, with the field that was wrong.
    const { events } = await call<{ events: { id: string; reason: string }[] }>(core, 'outbox/rejected', {});
    expect(events.map((e) => e.id).sort()).toEqual([...poisoned].sort());
    for (const e of events) expect(e.reason).toMatch(/^EVENT_INVALID: .*customer\.name/);
    const rejected = await admin.request<{ events: { eventId: string; reason: { code: string } }[] }>('GET', '/api/sync/rejected-events');
    for (const id of poisoned) expect(rejected.events.find((e) => e.eventId === id)?.reason.code).toBe('EVENT_INVALID');

    // And the register goes on: a later sale syncs as usual.
    const later = randomUUID();
    await call(core, 'sales/complete', { id: later, lines: [{ productId: 'p-bun', quantity: 1 }], payments: [{ method: 'card', amountOre: 2900 }] });
    await core.sync.syncOnce();
    expect(core.sync.status()).toMatchObject({ state: 'idle', pending: 0 });
  });

  it('refuses a null setting with a field error', async () => {
    const response = await fetch(`${serverUrl}/api/settings/receipt-footer`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ value: null }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'INVALID_REQUEST', field: 'body.value' });
  });

  it('sets aside a change record the register cannot apply while the rest of the page syncs, and head office sees it', async () => {
    const core = await enrolledRegister('Kassa avsides');
    const { registerId } = await call<{ registerId: string }>(core, 'settings/get', {});
    // What an older server let head office save (the null setting), straight into its tables...
    await database.transaction(async (tx) => {
      await tx.execute(sql`insert into settings (key, value) values ('receipt-footer', 'null'::jsonb)`);
      await tx.execute(sql`insert into change_feed (entity, entity_id, data) values ('setting', 'receipt-footer', '{"key":"receipt-footer","value":null}'::jsonb)`);
    });
    // ...and what the server takes but this register's catalog cannot hold: a second product with one SKU.
    await admin.request('PUT', '/api/products/p-coffee-2', { id: 'p-coffee-2', sku: '1001', barcode: null, name: 'Kaffe igen', groupId: 'food', priceOre: 3600, vatCode: 'food', active: true });
    // Around them, records that must arrive.
    await admin.request('PUT', '/api/products/p-tea', { id: 'p-tea', sku: '1003', barcode: '7310050001258', name: 'Te', groupId: 'food', priceOre: 2500, vatCode: 'food', active: true });
    await admin.request('PUT', '/api/settings/storeName', { value: 'Museibutiken' });

    await core.sync.syncOnce();
    expect(core.sync.status()).toMatchObject({ state: 'idle', setAside: 2, lastError: null });
    expect((await call<{ product: { name: string } }>(core, 'catalog/barcode', { barcode: '7310050001258' })).product.name).toBe('Te');
    expect((await call<{ storeName: string }>(core, 'settings/get', {})).storeName).toBe('Museibutiken');

    const { changes } = await call<{ changes: { entity: string; recordId: string; reason: string; reportedAt: string | null }[] }>(core, 'sync/set-aside', {});
    expect(changes.map((c) => `${c.entity}:${c.recordId}`).sort()).toEqual(['product:p-coffee-2', 'setting:receipt-footer']);
    expect(changes.every((c) => c.reportedAt !== null)).toBe(true);

    const listed = await admin.request<{ changes: { registerId: string; entity: string; recordId: string; reason: string }[] }>('GET', '/api/sync/set-aside-changes');
    const mine = listed.changes.filter((c) => c.registerId === registerId);
    expect(mine.map((c) => `${c.entity}:${c.recordId}`).sort()).toEqual(['product:p-coffee-2', 'setting:receipt-footer']);
    expect(mine.find((c) => c.entity === 'setting')?.reason).toMatch(/value: must not be null/);
    expect(mine.find((c) => c.entity === 'product')?.reason).toMatch(/UNIQUE constraint failed: products\.sku/);

    // Head office fixes the product; its next version applies and the register's list clears it.
    await admin.request('PUT', '/api/products/p-coffee-2', { id: 'p-coffee-2', sku: '1009', barcode: null, name: 'Kaffe igen', groupId: 'food', priceOre: 3600, vatCode: 'food', active: true });
    await core.sync.syncOnce();
    expect(core.sync.status()).toMatchObject({ state: 'idle', setAside: 1 });
  });
});
