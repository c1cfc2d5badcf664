import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, AuditPage, ProductGroupList, ProductListResponse, VatRateList, type ProductBody } from '@nota/protocol';
import { createUser, signIn } from '../../../test-support/back-office';
import { createTestApp, expectJson, testDatabases, type TestApp } from '../../../test-support/test-app';

// Head office's catalog: the product list it searches, sorts and pages, the groups and VAT rates the
// product form offers, barcodes no two products share, and every change in the audit log.

const product = (id: string, over: Partial<ProductBody> = {}): ProductBody => ({
  id,
  sku: id.toUpperCase(),
  barcode: null,
  name: id,
  groupId: null,
  priceOre: 1_000,
  vatCode: 'standard',
  active: true,
  ...over,
});

describe.each(testDatabases())('the catalog routes (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const group of [
      { id: 'books', name: 'Böcker' },
      { id: 'food', name: 'Fika' },
    ]) {
      expectJson(await t.app.inject({ method: 'PUT', url: `/api/product-groups/${group.id}`, headers: t.adminHeaders, payload: group }), 200);
    }
    for (const p of [
      product('p-coffee', { sku: '1001', barcode: '7310050001234', name: 'Kaffe bryggt', groupId: 'food', priceOre: 3_500, vatCode: 'food' }),
      product('p-bun', { sku: '1002', barcode: '7310050001241', name: 'Kanelbulle', groupId: 'food', priceOre: 2_900, vatCode: 'food' }),
      product('p-book', { sku: '2001', barcode: '9789100123456', name: 'Skånes historia', groupId: 'books', priceOre: 29_900, vatCode: 'reduced' }),
      product('p-mug', { sku: '4001', name: 'Mugg 100%_ren', priceOre: 14_950 }),
    ]) {
      expectJson(await t.app.inject({ method: 'PUT', url: `/api/products/${p.id}`, headers: t.adminHeaders, payload: p }), 200);
    }
  }, 120_000);
  afterAll(() => t?.close());

  const get = async (url: string) => expectJson(await t.app.inject({ method: 'GET', url, headers: t.adminHeaders }), 200);
  const ids = async (query: string) => ProductListResponse.parse(await get(`/api/products?${query}`)).products.map((p) => p.id);
  const put = (p: ProductBody) => t.app.inject({ method: 'PUT', url: `/api/products/${encodeURIComponent(p.id)}`, headers: t.adminHeaders, payload: p });

  it('finds products by part of the name, the start of a SKU or barcode, and by group', async () => {
    expect(await ids('q=KAFFE')).toEqual(['p-coffee']);
    expect(await ids('q=100')).toEqual(['p-coffee', 'p-bun', 'p-mug']);
    expect(await ids('q=97891')).toEqual(['p-book']);
    // Wildcards typed by a person are searched for as themselves.
    expect(await ids('q=%25_')).toEqual(['p-mug']);
    expect(await ids('groupId=food')).toEqual(['p-coffee', 'p-bun']);
    expect(await ids('groupId=-')).toEqual(['p-mug']);
    expect(await ids('barcode=7310050001241')).toEqual(['p-bun']);
  });

  it('sorts by name, SKU, price or group either way, and pages with the total', async () => {
    expect(await ids('sort=name')).toEqual(['p-coffee', 'p-bun', 'p-mug', 'p-book']);
    expect(await ids('sort=price&direction=desc')).toEqual(['p-book', 'p-mug', 'p-coffee', 'p-bun']);
    expect(await ids('sort=sku&direction=desc')).toEqual(['p-mug', 'p-book', 'p-bun', 'p-coffee']);
    // By the group's name; products in no group last.
    expect(await ids('sort=group')).toEqual(['p-book', 'p-bun', 'p-coffee', 'p-mug']);
    const page = ProductListResponse.parse(await get('/api/products?sort=price&limit=2&offset=2'));
    expect(page.total).toBe(4);
    expect(page.products.map((p) => p.id)).toEqual(['p-mug', 'p-book']);
  });

  it('answers one product by its id, and 404 for one that does not exist', async () => {
    expect(await get('/api/products/p-book')).toMatchObject({ id: 'p-book', name: 'Skånes historia', barcode: '9789100123456', vatCode: 'reduced' });
    expect(expectJson(await t.app.inject({ method: 'GET', url: '/api/products/p-none', headers: t.adminHeaders }), 404)).toMatchObject({ code: 'UNKNOWN_PRODUCT' });
  });

  it('lists the product groups by name and every VAT rate with its dates', async () => {
    expect(ProductGroupList.parse(await get('/api/product-groups')).productGroups).toEqual([
      { id: 'books', name: 'Böcker' },
      { id: 'food', name: 'Fika' },
    ]);
    const rates = VatRateList.parse(await get('/api/vat-rates')).vatRates;
    expect(rates.find((r) => r.code === 'food' && r.validFrom === '2026-04-01')).toMatchObject({ rateBp: 600, validTo: '2027-12-31' });
    expect(rates.filter((r) => r.code === 'standard').map((r) => r.rateBp)).toEqual([2500]);
  });

  it('refuses a barcode another product has, or one with spaces, and a VAT code that does not exist, naming the field', async () => {
    const taken = expectJson<unknown>(await put(product('p-copy', { barcode: '7310050001234' })), 409);
    expect(ApiErrorSchema.parse(taken)).toMatchObject({ code: 'BARCODE_TAKEN', field: 'body.barcode' });
    expect(ApiErrorSchema.parse(taken).message).toContain('Kaffe bryggt');
    expect(expectJson(await put(product('p-copy', { barcode: '7310 0500' })), 400)).toMatchObject({ code: 'BARCODE_CHARACTERS', field: 'body.barcode' });
    expect(expectJson(await put(product('p-copy', { vatCode: 'luxury' })), 400)).toMatchObject({ code: 'UNKNOWN_VAT_CODE', field: 'body.vatCode' });
    expect(await ids('q=p-copy')).toEqual([]);
    // A product keeps its own barcode when saved again.
    expectJson(await put(product('p-coffee', { sku: '1001', barcode: '7310050001234', name: 'Kaffe bryggt', groupId: 'food', priceOre: 3_600, vatCode: 'food' })), 200);
  });

  it('writes who changed a product or a group to the audit log, with the old and new values, and nothing for a save that changes nothing', async () => {
    await createUser(t, { username: 'hugo', role: 'head-office' });
    const hugo = await signIn(t, 'hugo');
    const before = product('p-tea', { sku: '1003', name: 'Te', groupId: 'food', priceOre: 2_500, vatCode: 'food' });
    for (const body of [before, { ...before, priceOre: 2_700 }, { ...before, priceOre: 2_700 }]) {
      expectJson(await t.app.inject({ method: 'PUT', url: '/api/products/p-tea', headers: hugo.headers, payload: body }), 200);
    }
    expectJson(await t.app.inject({ method: 'PUT', url: '/api/product-groups/food', headers: hugo.headers, payload: { id: 'food', name: 'Kafé' } }), 200);

    const audit = async (query: string) => AuditPage.parse(await get(`/api/audit?${query}`)).entries;
    const [update, create, ...more] = await audit('entity=product&entityId=p-tea');
    expect(more).toEqual([]);
    expect(create).toMatchObject({ action: 'create', actor: { kind: 'user', name: 'hugo' }, oldValue: null, newValue: { priceOre: 2_500 } });
    expect(update).toMatchObject({ action: 'update', oldValue: { priceOre: 2_500, name: 'Te' }, newValue: { priceOre: 2_700, name: 'Te' } });
    expect((await audit('entity=product-group&entityId=food'))[0]).toMatchObject({ action: 'update', oldValue: { name: 'Fika' }, newValue: { name: 'Kafé' } });
    // What one person changed, filtered by who.
    expect((await audit(`actorId=${hugo.info.user.id}`)).map((e) => e.entity)).toEqual(['product-group', 'product', 'product']);
  });

  it('answers 401 without credentials (who else may call is the permission matrix\'s test)', async () => {
    for (const url of ['/api/products', '/api/product-groups', '/api/vat-rates']) expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });
});
