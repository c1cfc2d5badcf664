import type { Customer } from '@nota/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCustomers } from '../seed/customer-generator';
import { createTestRegister, type TestRegister } from '../test-support/register';
import { upsertCustomersPage } from './customer-repo';

const NOW = '2026-01-01T00:00:00.000Z';
function customer(overrides: Partial<Customer>): Customer {
  const [base] = [...generateCustomers(1, { seed: 99, now: NOW })];
  return { ...base!, active: true, invoicingEnabled: true, ...overrides };
}

const ostergren = customer({ id: '00000000-0000-4000-8000-000000000001', customerNumber: 90001, name: 'Östergrens Bygg AB', orgNumber: '556036-0793' });
const malmo = customer({ id: '00000000-0000-4000-8000-000000000002', customerNumber: 90002, name: 'Kultur- och fritidsförvaltningen Malmö', orgNumber: '212000-1124' });
const inactive = customer({ id: '00000000-0000-4000-8000-000000000003', customerNumber: 90003, name: 'Östergrens Gamla Firma AB', orgNumber: '556677-8899', active: false });
const noInvoice = customer({ id: '00000000-0000-4000-8000-000000000004', customerNumber: 90004, name: 'Ågrens Kaffestuga Zeta HB', orgNumber: '969676-5523', invoicingEnabled: false });
const soleTrader = customer({ id: '00000000-0000-4000-8000-000000000005', customerNumber: 90005, name: 'Eva Ek Design', orgNumber: '19811218-9876' });

let reg: TestRegister;
beforeAll(() => {
  reg = createTestRegister({ customers: 2000 });
  upsertCustomersPage(reg.core.context.store.sqlite, [ostergren, malmo, inactive, noInvoice, soleTrader]);
});
afterAll(() => reg.dispose());

const ids = async (query: string, includeInactive = false) =>
  (await reg.call('customers/search', { query, includeInactive })).customers.map((c) => c.id);

describe('customer search', () => {
  it('finds names accent-insensitively from the first letters', async () => {
    expect(await ids('ostergren')).toContain(ostergren.id);
    expect(await ids('Östergr')).toContain(ostergren.id);
    expect(await ids('OSTERGRENS BYGG')).toEqual([ostergren.id]);
  });

  it('finds any word of the name, and every word must match', async () => {
    expect(await ids('malmo')).toContain(malmo.id);
    expect(await ids('fritid malm')).toEqual([malmo.id]);
    expect(await ids('bygg ostergren')).toEqual([ostergren.id]);
    expect(await ids('ostergren malmo')).toEqual([]);
  });

  it('finds organisation and personal numbers with or without dash, in part', async () => {
    expect(await ids('556036-0793')).toEqual([ostergren.id]);
    expect(await ids('5560360793')).toEqual([ostergren.id]);
    expect(await ids('212000')).toContain(malmo.id);
    expect(await ids('811218-9876')).toEqual([soleTrader.id]);
  });

  it('finds the customer number', async () => {
    expect((await ids('90002'))[0]).toBe(malmo.id);
  });

  it('shows inactive customers only when asked, and flags who cannot be invoiced', async () => {
    expect(await ids('ostergrens gamla')).toEqual([]);
    expect(await ids('ostergrens gamla', true)).toEqual([inactive.id]);
    const [cafe] = (await reg.call('customers/search', { query: 'agrens kaffestuga zeta' })).customers;
    expect(cafe).toMatchObject({ id: noInvoice.id, invoiceable: false, invoicingEnabled: false });
  });

  it('lists names that start with the query first, alphabetically, and respects the limit', async () => {
    const { customers } = await reg.call('customers/search', { query: 'an', limit: 7 });
    expect(customers).toHaveLength(7);
    const folded = customers.map((c) => c.name.toLowerCase());
    expect(folded.every((n) => n.startsWith('an'))).toBe(true);
    expect([...folded].sort()).toEqual(folded);
  });

  it('treats search syntax as plain text', async () => {
    for (const q of ['"', 'AND', 'a OR b', '*', 'NEAR(', '-', "o'hara", '%_']) {
      const result = await reg.core.send('customers/search', { query: q });
      expect(result.ok, q).toBe(true);
    }
  });
});
