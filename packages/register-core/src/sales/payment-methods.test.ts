import { randomUUID } from 'node:crypto';
import type { EnabledPaymentMethods } from '@nota/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type AddressInfo } from 'node:net';
import { applyChangePage } from '../sync/apply-page';
import { writeSyncState } from '../sync/sync-state';
import { createTestRegister, type TestRegister } from '../test-support/register';

// The ways to pay follow head office: what a pull brings is what the register offers, what its pay
// buttons hear about, and what a sale may be paid with, on the register's own SQLite file.

let reg: TestRegister;
beforeEach(() => {
  reg = createTestRegister({ customers: 5 });
});
afterEach(() => reg.dispose());

const AT = '2026-11-27T10:00:00.000Z';
const turn = (id: 'cash' | 'card' | 'invoice', enabled: boolean, cursor: string) =>
  applyChangePage(reg.core.context.store.sqlite, reg.core.context.db, [{ entity: 'payment_method', data: { id, name: id, enabled } }], cursor, AT);

/** A sync round that ends at once: the register's server does not answer (a closed loopback port). */
async function roundEnds(): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  writeSyncState(reg.core.context.db, 'serverUrl', `http://127.0.0.1:${port}`);
  writeSyncState(reg.core.context.db, 'token', 'nrt_test');
  await reg.core.sync.syncOnce().catch(() => undefined);
  // The end is reported after the round settles; let that callback run.
  await new Promise((resolve) => setImmediate(resolve));
}

describe('payment methods at the register', () => {
  it('offers all three until a pull turns one off, and tells its listeners after the sync round', async () => {
    expect(await reg.call('payment-methods/enabled', {})).toEqual({ methods: ['cash', 'card', 'invoice'] });
    expect(reg.core.lastEvent('payment-methods')).toEqual({ methods: ['cash', 'card', 'invoice'] });
    const pushed: EnabledPaymentMethods[] = [];
    reg.core.listen('payment-methods', (p) => pushed.push(p));

    turn('card', false, '1');
    // The page applied (as a pull applies it); when the round ends the change is pushed, once.
    await roundEnds();
    expect(pushed).toEqual([{ methods: ['cash', 'invoice'] }]);
    expect(await reg.call('payment-methods/enabled', {})).toEqual({ methods: ['cash', 'invoice'] });

    // Another round that changed nothing pushes nothing again.
    await roundEnds();
    expect(pushed).toHaveLength(1);
    turn('card', true, '2');
    await roundEnds();
    expect(pushed.at(-1)).toEqual({ methods: ['cash', 'card', 'invoice'] });
  });

  it('refuses a sale paid by a method turned off, naming the payment, and keeps nothing of it', async () => {
    await reg.signInAs('cashier');
    turn('card', false, '1');
    const id = randomUUID();
    const refused = await reg.core.send('sales/complete', { id, lines: [{ productId: 'p-coffee', quantity: 1 }], payments: [{ method: 'card', amountOre: 3500 }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PAYMENT_METHOD_DISABLED', field: 'payments[0].method' } });
    expect(reg.core.context.store.sqlite.prepare('SELECT count(*) AS n FROM sales WHERE id = ?').get(id)).toEqual({ n: 0 });
    const cash = await reg.core.send('sales/complete', { id, lines: [{ productId: 'p-coffee', quantity: 1 }], payments: [{ method: 'cash', tenderedOre: 5000 }] });
    expect(cash.ok).toBe(true);
  });

  it('still knows what was turned off after a restart', async () => {
    turn('invoice', false, '1');
    reg = reg.reopen();
    expect(await reg.call('payment-methods/enabled', {})).toEqual({ methods: ['cash', 'card'] });
    expect(reg.core.lastEvent('payment-methods')).toEqual({ methods: ['cash', 'card'] });
  });
});
