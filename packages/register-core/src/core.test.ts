import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRegisterCore } from './core';
import { DEMO_USERS } from './seed/demo-data';
import { createTestRegister, type TestRegister } from './test-support/register';

let reg: TestRegister;
beforeEach(() => {
  reg = createTestRegister({ customers: 5 });
});
afterEach(() => reg.dispose());

describe('the handler map', () => {
  it('answers schema-invalid input with field-level errors instead of running the handler', async () => {
    await reg.signInAs('cashier');
    const result = await reg.core.send('sales/complete', { id: 'not-a-uuid', lines: [], payments: [] } as never);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.details?.map((d) => d.field)).toEqual(['id', 'lines', 'payments']);
  });

  it('refuses a handler name it does not know', async () => {
    const result = await reg.core.send('sales/delete' as never, {} as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_HANDLER' } });
  });

  it('signs in with the right PIN only, without saying which part was wrong', async () => {
    const [cashier] = DEMO_USERS;
    const wrong = await reg.core.send('session/sign-in', { userId: cashier!.id, pin: '0000' });
    const unknown = await reg.core.send('session/sign-in', { userId: 'nobody', pin: cashier!.pin });
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PIN' } });
    expect(await reg.call('session/sign-in', { userId: cashier!.id, pin: cashier!.pin })).toEqual({
      user: { id: cashier!.id, name: cashier!.name, role: 'cashier' },
    });
    expect((await reg.call('session/current', {})).user?.id).toBe(cashier!.id);
  });

  it('stores PINs only as scrypt hashes', () => {
    const rows = reg.core.context.store.sqlite.prepare('SELECT pin_hash AS h FROM users').all() as { h: string }[];
    expect(rows.length).toBe(DEMO_USERS.length);
    for (const { h } of rows) {
      expect(h).toMatch(/^scrypt\$/);
      expect(DEMO_USERS.some((u) => h.includes(u.pin))).toBe(false);
    }
  });

  it('finds products by barcode, SKU and name, and says which barcode is unknown', async () => {
    expect((await reg.call('catalog/barcode', { barcode: '7350000000019' })).product.id).toBe('p-mug');
    expect((await reg.call('catalog/search', { query: '4002' })).products[0]?.id).toBe('p-poster');
    expect((await reg.call('catalog/search', { query: 'kanel' })).products.map((p) => p.id)).toEqual(['p-bun']);
    expect((await reg.call('catalog/search', { query: 'oresund' })).products.map((p) => p.id)).toEqual(['p-mug']);
    expect(await reg.core.send('catalog/barcode', { barcode: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_PRODUCT', field: 'barcode' },
    });
  });

  it('prices a cart without storing anything', async () => {
    const priced = await reg.call('cart/price', { lines: [{ productId: 'p-mug', quantity: 2, discount: { kind: 'amount', ore: 950 } }] });
    expect(priced).toMatchObject({ totalOre: 28950, discountOre: 950 });
    expect((await reg.call('sales/recent', {})).sales).toEqual([]);
  });

  it('scans in one call: the product, added by the till rule, and the cart priced with it', async () => {
    const first = await reg.call('cart/scan', { barcode: '7350000000019', lines: [] });
    expect(first.product.id).toBe('p-mug');
    expect(first.price).toMatchObject({ totalOre: 14950, lines: [{ productId: 'p-mug', quantity: 1 }] });
    // The same item again adds to its line; its answer is what cart/price says of that cart.
    const again = await reg.call('cart/scan', { barcode: '7350000000019', lines: [{ productId: 'p-mug', quantity: 1 }] });
    expect(again.price).toEqual(await reg.call('cart/price', { lines: [{ productId: 'p-mug', quantity: 2 }] }));
    const other = await reg.call('cart/scan', { barcode: '7310050001234', lines: [{ productId: 'p-mug', quantity: 2 }] });
    expect(other.price?.lines.map((l) => [l.productId, l.quantity])).toEqual([
      ['p-mug', 2],
      ['p-coffee', 1],
    ]);
    expect(await reg.core.send('cart/scan', { barcode: '0000', lines: [] })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PRODUCT', field: 'barcode' } });
  });

  it('still finds a scanned product when the cart around it holds a withdrawn one, and leaves the why to cart/price', async () => {
    reg.core.context.store.sqlite.prepare("UPDATE products SET active = 0 WHERE id = 'p-book'").run();
    const scanned = await reg.call('cart/scan', { barcode: '7350000000019', lines: [{ productId: 'p-book', quantity: 1 }] });
    expect(scanned).toMatchObject({ product: { id: 'p-mug' }, price: null });
    expect(await reg.core.send('cart/price', { lines: [{ productId: 'p-book', quantity: 1 }] })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PRODUCT' } });
  });
});

describe('the register database', () => {
  it('keeps its register id across restarts', async () => {
    const before = (await reg.call('settings/get', {})).registerId;
    reg = reg.reopen();
    expect((await reg.call('settings/get', {})).registerId).toBe(before);
  });

  it('refuses to open a database written by a newer version', () => {
    reg.core.close();
    const raw = new Database(reg.dbPath);
    raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', Date.now() + 10 ** 12);
    raw.close();
    expect(() => createRegisterCore({ dbPath: reg.dbPath })).toThrow(/newer version of Nota/);
  });
});
