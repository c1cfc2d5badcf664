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

  describe('a page at a time', () => {
    /** Every page of a search, following `nextCursor` until it is null. */
    async function allPages(query: string, limit: number, includeInactive = true) {
      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const page: { customers: { id: string }[]; nextCursor: string | null } = await reg.call('customers/search', { query, includeInactive, limit, cursor });
        pages.push(page.customers.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor !== null && pages.length < 1000);
      return pages;
    }
    const countWhere = (where: string, ...params: unknown[]) =>
      (reg.core.context.store.sqlite.prepare(`SELECT count(*) AS n FROM customers WHERE ${where}`).get(...params) as { n: number }).n;

    it('pages through every customer once, alphabetically, when nothing is typed', async () => {
      const pages = await allPages('', 97);
      const ids = pages.flat();
      expect(pages.slice(0, -1).every((p) => p.length === 97)).toBe(true);
      expect(ids).toHaveLength(countWhere('1 = 1'));
      expect(new Set(ids).size).toBe(ids.length);
      const names = reg.core.context.store.sqlite.prepare('SELECT id, name_folded AS n FROM customers').all() as { id: string; n: string }[];
      const folded = new Map(names.map((r) => [r.id, r.n]));
      const order = ids.map((id) => folded.get(id)!);
      expect(order).toEqual([...order].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it('pages through names that start with the query, then names with a word that does, each once', async () => {
      const oneGo = (await reg.call('customers/search', { query: 'ab', includeInactive: true, limit: 100 })).customers.map((c) => c.id);
      const paged = (await allPages('ab', 7)).flat();
      expect(oneGo.length).toBeGreaterThan(7);
      expect(paged.slice(0, oneGo.length)).toEqual(oneGo);
      expect(new Set(paged).size).toBe(paged.length);
    });

    it('pages through organisation numbers after the customer number, without repeating it', async () => {
      const paged = (await allPages('55', 13)).flat();
      expect(paged).toHaveLength(countWhere("org_digits LIKE '55%' OR customer_number = 55"));
      expect(new Set(paged).size).toBe(paged.length);
    });

    it('says there is no next page on the last one, and refuses a cursor it never gave', async () => {
      expect((await reg.call('customers/search', { query: 'OSTERGRENS BYGG', limit: 5 })).nextCursor).toBeNull();
      const result = await reg.core.send('customers/search', { query: '', cursor: 'not-a-cursor' });
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'cursor' } });
    });
  });
});
