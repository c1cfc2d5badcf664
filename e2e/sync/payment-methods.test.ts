import { randomUUID } from 'node:crypto';
import type { EnabledPaymentMethods } from '@nota/protocol';
import type { RegisterCore } from '@nota/register-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOADGEN_CASHIER } from '../../scripts/loadgen/run-load';
import { e2eDatabases } from '../support/databases';
import { call, startSyncWorld, type SyncWorld } from '../support/sync-world';

// Head office turns card off for one cost centre: that cost centre's register stops offering it at
// its next pull (its pay buttons are told), and a register of another cost centre goes on taking cards.
describe.each(e2eDatabases())('payment methods from head office to the register (%s)', (kind) => {
  let world: SyncWorld;
  let here: RegisterCore;
  let elsewhere: RegisterCore;

  beforeAll(async () => {
    world = await startSyncWorld(kind);
    await world.admin.request('POST', '/api/cost-centres', { code: 'LUND', name: 'Kulturens butik Lund' });
    const { id: _id, ...cashier } = LOADGEN_CASHIER;
    await world.admin.request('PUT', '/api/register-users/cashier-lund', { ...cashier, costCentreCode: 'LUND' });
    here = await world.register({ name: 'Kassa Last', costCentreCode: 'LOAD' });
    elsewhere = await world.register({ name: 'Kassa Lund', costCentreCode: 'LUND', userId: 'cashier-lund' });
  }, 120_000);
  afterAll(() => world?.close());

  const cardSale = (core: RegisterCore) =>
    core.send('sales/complete', { id: randomUUID(), lines: [{ productId: 'p-book', quantity: 1 }], payments: [{ method: 'card', amountOre: 29_900 }] });

  it('reaches the register of that cost centre at its next pull, and no other', async () => {
    expect(await call(here, 'payment-methods/enabled', {})).toEqual({ methods: ['cash', 'card', 'invoice'] });
    const told: EnabledPaymentMethods[] = [];
    here.listen('payment-methods', (p) => told.push(p));
    const toldElsewhere: EnabledPaymentMethods[] = [];
    elsewhere.listen('payment-methods', (p) => toldElsewhere.push(p));

    await world.admin.request('PUT', '/api/payment-methods/card/cost-centres/LOAD', { active: false });
    await here.sync.syncOnce();
    await elsewhere.sync.syncOnce();
    await new Promise((resolve) => setImmediate(resolve));

    expect(told).toEqual([{ methods: ['cash', 'invoice'] }]);
    expect(await call(here, 'payment-methods/enabled', {})).toEqual({ methods: ['cash', 'invoice'] });
    expect(await cardSale(here)).toMatchObject({ ok: false, error: { code: 'PAYMENT_METHOD_DISABLED', field: 'payments[0].method' } });

    expect(toldElsewhere).toEqual([]);
    expect(await call(elsewhere, 'payment-methods/enabled', {})).toEqual({ methods: ['cash', 'card', 'invoice'] });
    expect((await cardSale(elsewhere)).ok).toBe(true);

    await world.admin.request('PUT', '/api/payment-methods/card/cost-centres/LOAD', { active: true });
    await here.sync.syncOnce();
    await new Promise((resolve) => setImmediate(resolve));
    expect(told.at(-1)).toEqual({ methods: ['cash', 'card', 'invoice'] });
    expect((await cardSale(here)).ok).toBe(true);
  });
});
