import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_MAPPING, TEST_SELLER } from '@nota/domain/test-fixtures';
import { ApiErrorSchema, type ApiError } from '@nota/protocol';
import { createTestApp, expectJson, testDatabases, type TestApp } from '../../test-support/test-app';

// Head office's routes refuse what they cannot store or what is not true, with a 400 naming the field,
// and store nothing. Each case below answered 500, stored U+FFFD, or was silently saved before.

const HOSTILE_TEXT = {
  NUL: 'Kund\u0000AB',
  'unpaired surrogate': 'Kund\ud800AB',
  'bidi override': 'Kund\u202eBA',
  'bell control character': 'Kund\u0007',
};

const validCustomer = {
  active: true,
  internal: false,
  name: 'Kulturförvaltningen',
  orgNumber: '212000-1124',
  country: 'SE',
  street: 'Storgatan 1',
  postalCode: '111 22',
  city: 'Stockholm',
  email: 'faktura@example.se',
  invoicingEnabled: true,
};
const validProduct = (id: string) => ({ id, sku: 'SKU-1', barcode: null, name: 'Mugg', groupId: null, priceOre: 14_950, vatCode: 'standard', active: true });

interface Case {
  method: 'POST' | 'PUT';
  url: (t: Fixture) => string;
  body: (text: string, t: Fixture) => unknown;
  field: string;
}
interface Fixture {
  customerId: string;
}

const STRING_CASES: Record<string, Case> = {
  'PUT /api/accounting/mapping': {
    method: 'PUT',
    url: () => '/api/accounting/mapping',
    body: (s) => ({ ...TEST_MAPPING, agresso: { ...TEST_MAPPING.agresso, voucherType: s } }),
    field: 'body.agresso.voucherType',
  },
  'PUT /api/agresso/connection': {
    method: 'PUT',
    url: () => '/api/agresso/connection',
    body: (s) => ({ baseUrl: 'http://127.0.0.1:1/service.svc', username: s, client: '10', password: 'secret', confirmationTemplateId: 1 }),
    field: 'body.username',
  },
  'POST /api/customers': {
    method: 'POST',
    url: () => '/api/customers',
    body: (s) => ({ customer: { ...validCustomer, name: s } }),
    field: 'body.customer.name',
  },
  'PUT /api/customers/{id}': {
    method: 'PUT',
    url: (f) => `/api/customers/${f.customerId}`,
    body: (s) => ({ baseVersion: 1, customer: { ...validCustomer, city: s } }),
    field: 'body.customer.city',
  },
  'PUT /api/invoicing/seller': {
    method: 'PUT',
    url: () => '/api/invoicing/seller',
    body: (s) => ({ ...TEST_SELLER, name: s }),
    field: 'body.name',
  },
  'POST /api/cost-centres': {
    method: 'POST',
    url: () => '/api/cost-centres',
    body: (s) => ({ code: 'CC9', name: s }),
    field: 'body.name',
  },
  'POST /api/registers': {
    method: 'POST',
    url: () => '/api/registers',
    body: (s) => ({ name: s, costCentreCode: 'CC1' }),
    field: 'body.name',
  },
  'PUT /api/register-users/{id}': {
    method: 'PUT',
    url: () => '/api/register-users/u-fuzz',
    body: (s) => ({ name: s, role: 'cashier', pin: '482913' }),
    field: 'body.name',
  },
  'PUT /api/products/{id}': {
    method: 'PUT',
    url: () => '/api/products/p-fuzz',
    body: (s) => ({ ...validProduct('p-fuzz'), name: s }),
    field: 'body.name',
  },
  'PUT /api/product-groups/{id}': {
    method: 'PUT',
    url: () => '/api/product-groups/g-fuzz',
    body: (s) => ({ id: 'g-fuzz', name: s }),
    field: 'body.name',
  },
};

describe.each(testDatabases())('head-office input (%s)', (kind) => {
  let t: TestApp;
  const fixture: Fixture = { customerId: '' };
  beforeAll(async () => {
    t = await createTestApp(kind);
    expectJson(await t.app.inject({ method: 'POST', url: '/api/cost-centres', headers: t.adminHeaders, payload: { code: 'CC1', name: 'Butik' } }), 200);
    const created = expectJson<{ customer: { id: string } }>(
      await t.app.inject({ method: 'POST', url: '/api/customers', headers: t.adminHeaders, payload: { customer: validCustomer } }),
      200,
    );
    fixture.customerId = created.customer.id;
  }, 120_000);
  afterAll(() => t.close());

  const send = (method: 'POST' | 'PUT', url: string, payload: unknown) =>
    t.app.inject({ method, url, headers: { ...t.adminHeaders, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
  const refusal = (res: { statusCode: number; body: string; json: () => unknown }): ApiError => {
    expect(res.statusCode, res.body).toBe(400);
    return ApiErrorSchema.parse(res.json());
  };
  /** Every text column of the tables head office writes, as one string per row. */
  const storedText = async () => {
    const result = await t.database.read((db) =>
      db.execute(
        sql`select concat_ws('|', (select string_agg(name || code, '|') from cost_centres), (select string_agg(name, '|') from registers),
          (select string_agg(name || coalesce(city, ''), '|') from customers), (select string_agg(name, '|') from products),
          (select string_agg(name, '|') from product_groups), (select string_agg(name, '|') from register_users),
          (select string_agg(value::text, '|') from server_config)) as text`,
      ),
    );
    return String((result as unknown as { rows: { text: string }[] }).rows[0]!.text);
  };

  describe.each(Object.entries(STRING_CASES))('%s', (_name, c) => {
    it.each(Object.entries(HOSTILE_TEXT))('refuses %s in a string with a field error and stores nothing', async (_what, hostile) => {
      const before = await storedText();
      const body = refusal(await send(c.method, c.url(fixture), c.body(hostile, fixture)));
      expect(body.field).toBe(c.field);
      expect(await storedText()).toBe(before);
    });
  });

  it('stores a customer name exactly as sent, never a replacement character', async () => {
    const res = await send('POST', '/api/customers', { customer: { ...validCustomer, name: 'Kund \ud83d\ude00 AB' } });
    const stored = expectJson<{ customer: { id: string; name: string } }>(res, 200).customer;
    expect(stored.name).toBe('Kund \ud83d\ude00 AB');
    expect(await storedText()).not.toContain('\ufffd');
  });

  it('names the field when a customer breaks a domain rule', async () => {
    const body = refusal(await send('POST', '/api/customers', { customer: { ...validCustomer, billingCountry: 'XX' } }));
    expect(body.field).toBe('body.customer.billingCountry');
    const edit = refusal(await send('PUT', `/api/customers/${fixture.customerId}`, { baseVersion: 1, customer: { ...validCustomer, orgNumber: '212000-1125' } }));
    expect(edit.field).toBe('body.customer.orgNumber');
  });

  it('bounds numbers: a version past 2^31 and a price past the öre range are refused', async () => {
    const version = refusal(await send('PUT', `/api/customers/${fixture.customerId}`, { baseVersion: 2 ** 31, customer: validCustomer }));
    expect(version.field).toBe('body.baseVersion');
    const price = refusal(await send('PUT', '/api/products/p-big', { ...validProduct('p-big'), priceOre: 2 ** 53 + 2 }));
    expect(price.field).toBe('body.priceOre');
  });

  it('refuses a negative price', async () => {
    const body = refusal(await send('PUT', '/api/products/p-neg', { ...validProduct('p-neg'), priceOre: -100 }));
    expect(body.field).toBe('body.priceOre');
    expect(await storedText()).not.toContain('p-neg');
  });

  describe('the seller', () => {
    const seller = (overrides: Record<string, unknown>) => send('PUT', '/api/invoicing/seller', { ...TEST_SELLER, ...overrides });
    it.each([
      ['orgNumber', { orgNumber: '212000-1125' }],
      ['vatNumber', { vatNumber: 'SE212000112402' }],
      ['vatNumber', { vatNumber: 'SE556036079301' }],
      ['bankgiro', { bankgiro: '5050-1056' }],
      ['bankgiro', { bankgiro: '12-34' }],
      ['plusgiro', { plusgiro: '4 12 34-5' }],
      ['iban', { iban: 'SE4550000000058398257467' }],
      ['iban', { iban: 'XX4550000000058398257466' }],
      ['bic', { bic: 'ESSE' }],
      ['postalCode', { postalCode: '011 18' }],
      ['email', { email: 'butik' }],
    ])('refuses a wrong %s (%j)', async (field, overrides) => {
      const body = refusal(await seller(overrides));
      expect(body.field).toBe(`body.${field}`);
      const stored = expectJson<{ seller: unknown }>(await t.app.inject({ method: 'GET', url: '/api/invoicing/seller', headers: t.adminHeaders }), 200);
      expect(stored.seller).toBeNull();
    });

    it('accepts a valid seller, with a plusgiro written with spaces and an IBAN in groups of four', async () => {
      const saved = expectJson<{ seller: Record<string, unknown> }>(
        await seller({ plusgiro: '4 12 34-6', iban: 'SE45 5000 0000 0583 9825 7466' }),
        200,
      ).seller;
      expect(saved).toMatchObject({ orgNumber: '212000-1124', vatNumber: 'SE212000112401', plusgiro: '4 12 34-6' });
    });

    it('accepts a Norwegian seller whose VAT number is NO + organisation number + MVA', async () => {
      const norwegian = { orgNumber: '923609016', vatNumber: 'NO923609016MVA', country: 'NO', postalCode: '0150', bankgiro: null, iban: 'NO9386011117947', bic: 'DNBANOKK', reference: { kind: 'kid', algorithm: 'MOD10' } };
      expectJson(await seller(norwegian), 200);
      expect(refusal(await seller({ ...norwegian, vatNumber: 'NO923609016' })).field).toBe('body.vatNumber');
    });
  });

  describe('the accounting mapping', () => {
    const mapping = (patch: (m: typeof TEST_MAPPING) => unknown) => send('PUT', '/api/accounting/mapping', patch(structuredClone(TEST_MAPPING)));
    it.each([
      ['paymentMethods.cash', (m: typeof TEST_MAPPING) => ({ ...m, paymentMethods: { ...m.paymentMethods, cash: '191' } })],
      ['rounding', (m: typeof TEST_MAPPING) => ({ ...m, rounding: '37400' })],
      ['vatRates[1].salesAccount', (m: typeof TEST_MAPPING) => ({ ...m, vatRates: m.vatRates.map((r, i) => (i === 1 ? { ...r, salesAccount: '30O2' } : r)) })],
      ['agresso.customerLedgerAccount', (m: typeof TEST_MAPPING) => ({ ...m, agresso: { ...m.agresso, customerLedgerAccount: 'receivables' } })],
      ['productGroups[0].salesAccount', (m: typeof TEST_MAPPING) => ({ ...m, productGroups: [{ groupId: 'books', salesAccount: '30' }] })],
      ['vatRates[4].rateBp', (m: typeof TEST_MAPPING) => ({ ...m, vatRates: [...m.vatRates, { ...m.vatRates[0]! }] })],
      ['productGroups[1].groupId', (m: typeof TEST_MAPPING) => ({ ...m, productGroups: [{ groupId: 'books', salesAccount: '3002' }, { groupId: 'books', salesAccount: '3003' }] })],
      ['costCentres[1].code', (m: typeof TEST_MAPPING) => ({ ...m, costCentres: [{ code: 'CC1', accountingCode: '100' }, { code: 'CC1', accountingCode: '200' }] })],
    ])('refuses %s', async (field, patch) => {
      const before = await storedText();
      const body = refusal(await mapping(patch));
      expect(body.field).toBe(`body.${field}`);
      expect(await storedText()).toBe(before);
    });

    it('still saves an incomplete mapping (empty accounts), reporting what the export lacks', async () => {
      const res = expectJson<{ problems: { field: string }[] }>(await mapping((m) => ({ ...m, rounding: null })), 200);
      expect(res.problems.map((p) => p.field)).toEqual(['rounding']);
    });
  });

  it('refuses a cost-centre code or a register-user id with spaces or controls, naming the field', async () => {
    expect(refusal(await send('POST', '/api/cost-centres', { code: 'C\tC', name: 'Butik' })).field).toBe('body.code');
    expect(refusal(await send('PUT', '/api/register-users/u%00x', { name: 'Anna', role: 'cashier', pin: '482913' })).field).toBe('params.id');
    expect(refusal(await send('PUT', `/api/products/p%E2%80%AEx`, validProduct('p\u202ex'))).field).toBe('params.id');
  });

  it('answers an id that does not match with ID_MISMATCH', async () => {
    const body = refusal(await send('PUT', '/api/products/p-1', validProduct(randomUUID())));
    expect(body.code).toBe('ID_MISMATCH');
  });
});
