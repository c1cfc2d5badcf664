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

const AT = '2026-05-04T10:00:00.000Z';
const customers = [...generateCustomers(3, { seed: 11 })];
const product = (id: string, sku: string, name = 'Te') =>
  ({ entity: 'product', data: { id, sku, barcode: null, name, groupId: null, priceOre: 2500, vatCode: 'food', active: true } }) as const;

describe('a change the register cannot apply', () => {
  it('is set aside with its reason while the rest of the page applies and the cursor moves on', async () => {
    const { sqlite, db } = reg.core.context.store;
    const page: unknown[] = [
      // What an older server let head office save: the register's settings hold no nulls.
      { entity: 'setting', data: { key: 'receipt-footer', value: null } },
      product('p1', '1'),
      // The database refuses it: another product already has this SKU.
      product('p2', '1', 'Samma SKU'),
      product('p3', '3', 'Nul\u0000'),
      { entity: 'gift_card', data: { id: 's1' } },
      ...customers.map((c) => ({ entity: 'customer', data: c })),
      { entity: 'setting', data: { key: 'storeName', value: 'Kafé Ödemark' } },
    ];
    expect(applyChangePage(sqlite, db, page, '42', AT)).toEqual({ applied: 5, setAside: 4 });
    expect(readSyncState(db, 'cursor')).toBe('42');
    expect((await reg.call('settings/get', {})).storeName).toBe('Kafé Ödemark');
    expect((await reg.call('customers/get', { id: customers[2]!.id })).customer).toEqual(customers[2]);
    expect(sqlite.prepare('SELECT id FROM products ORDER BY id').all()).toEqual([{ id: 'p1' }]);

    const { changes } = await reg.call('sync/set-aside', {});
    const byRecord = Object.fromEntries(changes.map((c) => [`${c.entity}:${c.recordId}`, c]));
    expect(Object.keys(byRecord).sort()).toEqual(['gift_card:s1', 'product:p2', 'product:p3', 'setting:receipt-footer']);
    expect(byRecord['setting:receipt-footer']!.reason).toMatch(/data\.value: must not be null/);
    expect(byRecord['product:p2']!.reason).toMatch(/UNIQUE constraint failed: products\.sku/);
    expect(byRecord['product:p3']!.reason).toMatch(/data\.name: must not contain control characters/);
    expect(byRecord['gift_card:s1']!.reason).toMatch(/entity/);
    // A code for the cashier's screen: the contract broken, or this register's database refusing the record.
    expect(Object.fromEntries(Object.entries(byRecord).map(([k, v]) => [k, v.code]))).toMatchObject({
      'setting:receipt-footer': 'RECORD_INVALID',
      'product:p2': 'RECORD_NOT_STORABLE',
      'product:p3': 'RECORD_INVALID',
      'gift_card:s1': 'RECORD_INVALID',
    });
    // Kept exactly as it arrived, and not yet reported to head office.
    expect(byRecord['product:p3']!.data).toEqual(page[3]);
    expect(changes.every((c) => c.reportedAt === null && c.resolvedAt === null)).toBe(true);
    expect((await reg.call('sync/status', {})).setAside).toBe(4);
  });

  it('is resolved when head office sends a version the register can apply', async () => {
    const { sqlite, db } = reg.core.context.store;
    applyChangePage(sqlite, db, [product('p1', '1'), product('p2', '1')], '1', AT);
    expect((await reg.call('sync/status', {})).setAside).toBe(1);
    applyChangePage(sqlite, db, [product('p2', '2')] satisfies Change[], '2', AT);
    const [fixed] = (await reg.call('sync/set-aside', {})).changes;
    expect(fixed).toMatchObject({ entity: 'product', recordId: 'p2', resolvedAt: AT });
    expect((await reg.call('sync/status', {})).setAside).toBe(0);
  });
});
