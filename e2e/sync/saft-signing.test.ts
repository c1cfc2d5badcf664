import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { TEST_SELLER } from '@nota/domain/test-fixtures';
import type { RegisterCore } from '@nota/register-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSigningKeys } from '../../apps/server/src/db/schema';
import { opensslFailures, saftSchemaProblems, transactionsIn } from '../../apps/server/src/test-support/saft-file';
import { e2eDatabases } from '../support/databases';
import { call, startSyncWorld, type SyncWorld } from '../support/sync-world';

// Norway end to end: a real register signs its receipts with the key it made at enrolment, syncs them
// and its public key, and head office's SAF-T file carries signatures that the register's own public
// key verifies as one chain, with openssl over the fields exactly as the file writes them.
describe.each(e2eDatabases())("a Norwegian register's signed receipts in head office's SAF-T file (%s)", (kind) => {
  let world: SyncWorld;
  let core: RegisterCore;
  let dbPath: string;

  beforeAll(async () => {
    world = await startSyncWorld(kind);
    await world.admin.request('PUT', '/api/invoicing/seller', TEST_SELLER);
    // Head office makes its registers Norwegian; the register takes it with its first pull.
    await world.admin.request('PUT', '/api/settings/country', { value: 'NO' });
    core = await world.register({ name: 'Kasse Oslo' });
    dbPath = core.context.store.sqlite.name;
  }, 120_000);
  afterAll(() => world?.close());

  it('verifies with the public key the register made, which head office received at enrolment', async () => {
    expect((await call(core, 'settings/get', {})).country).toBe('NO');
    const sold = [];
    for (const [i, lines] of [[{ productId: 'p-coffee', quantity: 2 }], [{ productId: 'p-book', quantity: 1 }], [{ productId: 'p-mug', quantity: 3 }]].entries()) {
      const { totalOre } = await call(core, 'cart/price', { lines });
      const payments = i === 1 ? [{ method: 'card' as const, amountOre: totalOre }] : [{ method: 'cash' as const, tenderedOre: 100_000 }];
      sold.push((await call(core, 'sales/complete', { id: randomUUID(), lines, payments })).sale);
    }
    await core.sync.syncOnce();
    expect((await call(core, 'outbox/status', {})).rejected).toBe(0);

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
    const res = await fetch(`${world.serverUrl}/api/saft/cash-register?from=${today}&to=${today}`, { headers: { authorization: `Bearer ${world.apiKey}` } });
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(saftSchemaProblems(xml)).toEqual([]);

    const register = new Database(dbPath, { readonly: true });
    const { pem } = register.prepare('SELECT public_key_pem AS pem FROM signing_keys WHERE version = 1').get() as { pem: string };
    register.close();
    const stored = await world.database.read((db) => db.select({ pem: registerSigningKeys.publicKeyPem, version: registerSigningKeys.keyVersion }).from(registerSigningKeys));
    expect(stored).toEqual([{ pem, version: 1 }]);
    const txs = transactionsIn(xml);
    expect(txs.map((t) => t.signature)).toEqual(sold.map((s) => s.signature!.value));
    expect(txs.every((t) => t.keyVersion === '1')).toBe(true);
    expect(opensslFailures(pem, txs)).toEqual([]);
  });
});
