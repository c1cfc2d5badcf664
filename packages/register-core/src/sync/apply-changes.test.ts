import type { Change } from '@nota/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateCustomers } from '../seed/customer-generator';
import { createTestRegister, type TestRegister } from '../test-support/register';
import { applyChangePage } from './apply-page';
import { readSyncState } from './sync-state';

let reg: TestRegister;
beforeEach(() => {
  reg = createTestRegister({ seed: false });
});
afterEach(() => reg.dispose());

const customers = [...generateCustomers(3, { seed: 7 })];
const AT = '2026-05-04T10:00:00.000Z';
const PIN_HASH = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';
const page: Change[] = [
  { entity: 'product_group', data: { id: 'g1', name: 'Kaffe' } },
  { entity: 'product', data: { id: 'p1', sku: '1', barcode: '111', name: 'Bryggkaffe', groupId: 'g1', priceOre: 3200, vatCode: 'food', active: true } },
  { entity: 'payment_method', data: { id: 'card', name: 'Kort', enabled: false } },
  { entity: 'register_user', data: { id: 'u1', name: 'Åsa', role: 'cashier', pinHash: PIN_HASH, active: true } },
  { entity: 'vat_rate', data: { id: 'v1', code: 'food', rateBp: 700, validFrom: '2030-01-01', validTo: null } },
  { entity: 'setting', data: { key: 'storeName', value: 'Kafé Ödemark' } },
  { entity: 'setting', data: { key: 'registerId', value: 'hijack' } },
  ...customers.map((c) => ({ entity: 'customer' as const, data: c })),
];

describe('applying a page of the change feed', () => {
  it('notes in the journal each price the pull changes, old and new, and nothing when it stays', () => {
    const { sqlite, db } = reg.core.context.store;
    const product = page[1]!.data as Extract<Change, { entity: 'product' }>['data'];
    applyChangePage(sqlite, db, page.slice(0, 2), '1', AT);
    applyChangePage(sqlite, db, [{ entity: 'product', data: { ...product, name: 'Bryggkaffe stor' } }], '2', AT);
    applyChangePage(sqlite, db, [{ entity: 'product', data: { ...product, priceOre: 3500 } }], '3', '2026-05-05T06:00:00.000Z');
    const lines = sqlite.prepare("SELECT occurred_at AS at, amount_ore AS amount, detail FROM journal WHERE code = '13021'").all();
    expect(lines).toEqual([{ at: '2026-05-05T06:00:00.000Z', amount: 3500, detail: '1 Bryggkaffe: 3200 → 3500 öre' }]);
  });

  it('stores every kind of record and the cursor together', async () => {
    const { sqlite } = reg.core.context.store;
    const registerId = (await reg.call('settings/get', {})).registerId;
    applyChangePage(sqlite, reg.core.context.db, page, '42', AT);
    expect(readSyncState(reg.core.context.db, 'cursor')).toBe('42');
    expect((await reg.call('catalog/barcode', { barcode: '111' })).product.name).toBe('Bryggkaffe');
    expect(sqlite.prepare("SELECT enabled FROM payment_methods WHERE id = 'card'").get()).toEqual({ enabled: 0 });
    expect(sqlite.prepare("SELECT pin_hash AS h FROM users WHERE id = 'u1'").get()).toEqual({ h: PIN_HASH });
    expect(sqlite.prepare("SELECT rate_bp AS r FROM vat_rates WHERE code = 'food' AND valid_from = '2030-01-01'").get()).toEqual({ r: 700 });
    const settings = await reg.call('settings/get', {});
    expect(settings.storeName).toBe('Kafé Ödemark');
    expect(settings.registerId).toBe(registerId);
    expect((await reg.call('customers/get', { id: customers[0]!.id })).customer).toEqual(customers[0]);
  });

  it('keeps neither the page nor the cursor when the register itself cannot write (a full disk)', () => {
    const { sqlite, db } = reg.core.context.store;
    applyChangePage(sqlite, db, [], '10', AT);
    const many: Change[] = [...generateCustomers(2_000, { seed: 9 })].map((c) => ({ entity: 'customer', data: c }));
    const pages = (sqlite.pragma('page_count', { simple: true }) as number) + 1;
    sqlite.pragma(`max_page_count = ${pages}`);
    expect(() => applyChangePage(sqlite, db, many, '11', AT)).toThrow(/full/);
    sqlite.pragma('max_page_count = 1073741823');
    expect(readSyncState(db, 'cursor')).toBe('10');
    expect(sqlite.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 });
    expect(sqlite.prepare('SELECT count(*) AS n FROM set_aside_changes').get()).toEqual({ n: 0 });
  });

  it('never rolls a customer back to an older version from a replayed page', async () => {
    const { sqlite, db } = reg.core.context.store;
    const c = customers[1]!;
    applyChangePage(sqlite, db, [{ entity: 'customer', data: { ...c, name: 'Ny Namn AB', version: 3 } }], '5', AT);
    applyChangePage(sqlite, db, [{ entity: 'customer', data: { ...c, version: 2 } }], '6', AT);
    expect((await reg.call('customers/get', { id: c.id })).customer).toMatchObject({ name: 'Ny Namn AB', version: 3 });
  });
});
