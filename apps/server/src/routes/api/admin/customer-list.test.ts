import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { CUSTOMER_COUNT_CAP, CustomerListResponse, type CustomerInput } from '@nota/protocol';
import { createTestApp, expectJson, testDatabases, type TestApp } from '../../../test-support/test-app';

const input = (name: string, orgNumber: string): CustomerInput => ({
  active: true,
  internal: false,
  externalId: null,
  name,
  orgNumber,
  country: 'SE',
  street: 'Storgatan 1',
  postalCode: '111 22',
  city: 'Stockholm',
  billingCountry: null,
  email: 'ekonomi@kommun.example',
  phone: null,
  invoicingEnabled: true,
  purchaseInstruction: null,
});

describe.each(testDatabases())('GET /api/customers (%s)', (kind) => {
  let t: TestApp;
  const numbers: Record<string, number> = {};
  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const [name, org] of [
      ['Björkskolan', '212000-1355'],
      ['Ekskolan 100%_rent', '802000-0009'],
      ['Kulturhuset', '556036-0793'],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/customers', headers: t.adminHeaders, payload: { customer: input(name, org) } });
      numbers[name] = expectJson<{ customer: { customerNumber: number } }>(res, 200).customer.customerNumber;
    }
  }, 90_000);
  afterAll(() => t.close());

  const list = async (query: string) =>
    CustomerListResponse.parse(expectJson(await t.app.inject({ method: 'GET', url: `/api/customers?${query}`, headers: t.adminHeaders }), 200));
  const names = async (query: string) => (await list(query)).customers.map((c) => c.name);

  it('finds customers by part of the name, the organisation number however punctuated, or the customer number', async () => {
    expect(await names('q=SKOLAN')).toEqual(['Björkskolan', 'Ekskolan 100%_rent']);
    expect(await names('q=5560360793')).toEqual(['Kulturhuset']);
    expect(await names('q=212000-1355')).toEqual(['Björkskolan']);
    expect(await names(`q=${numbers.Kulturhuset}`)).toEqual(['Kulturhuset']);
    // Wildcards typed by a person are searched for as themselves.
    expect(await names('q=%25_')).toEqual(['Ekskolan 100%_rent']);
    expect(await names('q=nobody')).toEqual([]);
  });

  it('finds a name by each of its words, in any order', async () => {
    expect(await names('q=rent ekskolan')).toEqual(['Ekskolan 100%_rent']);
    expect(await names('q=skolan   björk')).toEqual(['Björkskolan']);
    expect(await names('q=skolan huset')).toEqual([]);
  });

  it('pages in customer-number order with the total', async () => {
    const first = await list('limit=2&offset=0');
    expect([first.total, first.totalCapped]).toEqual([3, false]);
    expect(first.customers.map((c) => c.customerNumber)).toEqual([numbers['Björkskolan'], numbers['Ekskolan 100%_rent']]);
    expect((await list('limit=2&offset=2')).customers.map((c) => c.name)).toEqual(['Kulturhuset']);
    // After the last customer number shown: the same next page, without counting past the ones before.
    const next = await list(`limit=2&after=${first.customers.at(-1)!.customerNumber}`);
    expect(next.customers.map((c) => c.name)).toEqual(['Kulturhuset']);
    expect(next.total).toBe(3);
    expect((await list(`q=skolan&limit=1&after=${numbers['Björkskolan']}`)).customers.map((c) => c.name)).toEqual(['Ekskolan 100%_rent']);
  });

  it('refuses a bad page size with the field named, and answers 401 without credentials', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/customers?limit=0', headers: t.adminHeaders });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toMatch(/limit/);
    expect((await t.app.inject({ method: 'GET', url: '/api/customers' })).statusCode).toBe(401);
  });
});

describe.each(testDatabases())('GET /api/customers over more customers than it counts (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.database.statement((db) =>
      db.execute(sql`insert into customers (id, customer_number, active, internal, name, org_number, country, billing_country, invoicing_enabled, version, created_at, updated_at)
        select gen_random_uuid(), 500000 + i, true, false, 'Bulkkund ' || i, '556016-0680', 'SE', 'SE', true, 1, now(), now()
        from generate_series(1, ${CUSTOMER_COUNT_CAP + 5}::int) i`),
    );
  }, 90_000);
  afterAll(() => t.close());

  const list = async (query: string) =>
    CustomerListResponse.parse(expectJson(await t.app.inject({ method: 'GET', url: `/api/customers?${query}`, headers: t.adminHeaders }), 200));

  it('stops counting at the cap and says so, and counts exactly below it', async () => {
    expect(await list('limit=5')).toMatchObject({ total: CUSTOMER_COUNT_CAP, totalCapped: true });
    expect(await list('q=Bulkkund&limit=5')).toMatchObject({ total: CUSTOMER_COUNT_CAP, totalCapped: true });
    // Bulkkund 1000 and 10000 to 10005.
    expect(await list('q=Bulkkund 1000&limit=5')).toMatchObject({ total: 7, totalCapped: false });
    const last = await list(`limit=50&after=${500_000 + CUSTOMER_COUNT_CAP}`);
    expect(last.customers.map((c) => c.customerNumber)).toEqual([1, 2, 3, 4, 5].map((k) => 500_000 + CUSTOMER_COUNT_CAP + k));
  });
});
