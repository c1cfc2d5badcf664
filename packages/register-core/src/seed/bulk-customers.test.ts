import type { Customer } from '@nota/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestRegister, type TestRegister } from '../test-support/register';
import { insertCustomersInBulk } from './bulk-customers';
import { generateCustomers } from './customer-generator';

let reg: TestRegister | null = null;
afterEach(() => {
  reg?.dispose();
  reg = null;
});

const count = (r: TestRegister) => (r.core.context.store.sqlite.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;

describe('insertCustomersInBulk', () => {
  it('loads more than one page, the last one partial, and every row is searchable', async () => {
    reg = createTestRegister({ seed: false });
    const customers = [...generateCustomers(23_456, { seed: 5, firstNumber: 700_001 })];
    expect(insertCustomersInBulk(reg.core.context.store.sqlite, customers)).toBe(23_456);
    expect(count(reg)).toBe(23_456);
    const last = customers.at(-1)!;
    const found = await reg.call('customers/search', { query: String(last.customerNumber), includeInactive: true });
    expect(found.customers.map((c) => c.id)).toEqual([last.id]);
    const byName = await reg.call('customers/search', { query: last.name, includeInactive: true, limit: 100 });
    expect(byName.customers.map((c) => c.id)).toContain(last.id);
  });

  it('is one transaction: a row SQLite refuses leaves none of the others behind', () => {
    reg = createTestRegister({ seed: false });
    const customers = [...generateCustomers(15_000, { seed: 6, firstNumber: 800_001 })];
    // Two customers with one customer number: the unique index refuses the second, on the second page.
    const clash: Customer = { ...customers[12_000]!, id: '00000000-0000-4000-8000-00000000c1a5', customerNumber: customers[0]!.customerNumber };
    expect(() => insertCustomersInBulk(reg!.core.context.store.sqlite, [...customers, clash])).toThrow(/UNIQUE/);
    expect(count(reg)).toBe(0);
  });
});
