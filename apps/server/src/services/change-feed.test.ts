import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Change, SYNC_ROUTES, type Customer, type PullResponse } from '@nota/protocol';
import { customers } from '../db/schema';
import { customer } from '../test-support/fixtures';
import { createTestApp, enrolRegister, expectJson, syncHeaders, testDatabases, type TestApp } from '../test-support/test-app';
import { appendChanges } from './change-feed';
import { toCustomer } from './customers';

const COUNT = 25_000;

describe.each(testDatabases())('pull (%s)', (kind) => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    ({ token } = await enrolRegister(t));
    // Bulk-seeded straight into the tables: 25,000 API calls would test the API's speed, not paging.
    await t.database.transaction(async (tx) => {
      for (let i = 0; i < COUNT; i += 1_000) {
        const rows = Array.from({ length: 1_000 }, (_, j) => {
          const c = customer(900_000 + i + j);
          return { ...c, createdAt: new Date(c.createdAt), updatedAt: new Date(c.updatedAt) };
        });
        const inserted = await tx.insert(customers).values(rows).returning();
        await appendChanges(tx, inserted.map((r) => ({ entity: 'customer' as const, data: toCustomer(r) })));
      }
    });
  }, 120_000);
  afterAll(() => t.close());

  const pull = async (cursor: string, limit: number) => {
    const page = expectJson<PullResponse>(
      await t.app.inject({ method: 'GET', url: `${SYNC_ROUTES.pull}?cursor=${cursor}&limit=${limit}`, headers: syncHeaders(token) }),
      200,
    );
    // Every record the feed sends meets the contract a register checks it against.
    return { ...page, changes: page.changes.map((c) => Change.parse(c)) };
  };

  it('pages through everything with a monotonic cursor and misses nothing written between pages', async () => {
    const seen = new Map<string, Customer>();
    let cursor = '0';
    let pages = 0;
    let edited: Customer | undefined;
    let added: Customer | undefined;
    for (;;) {
      const page = await pull(cursor, 2_000);
      expect(BigInt(page.cursor) >= BigInt(cursor)).toBe(true);
      if (page.changes.length > 0) expect(BigInt(page.cursor) > BigInt(cursor)).toBe(true);
      cursor = page.cursor;
      pages += 1;
      for (const change of page.changes) if (change.entity === 'customer') seen.set(change.data.id, change.data);
      if (pages === 3) {
        // Head office edits a customer the register already has, and adds one, mid-catch-up.
        const first = [...seen.values()][0]!;
        const { id, version, customerNumber: _n, createdAt: _c, updatedAt: _u, ...input } = first;
        edited = expectJson<{ customer: Customer }>(
          await t.app.inject({
            method: 'PUT',
            url: `/api/customers/${id}`,
            headers: t.adminHeaders,
            payload: { baseVersion: version, customer: { ...input, city: 'Malmö' } },
          }),
          200,
        ).customer;
        added = expectJson<{ customer: Customer }>(
          await t.app.inject({ method: 'POST', url: '/api/customers', headers: t.adminHeaders, payload: { customer: { ...input, name: 'Ny kund' } } }),
          200,
        ).customer;
      }
      if (!page.hasMore) break;
    }
    expect(pages).toBeGreaterThanOrEqual(13);
    expect(seen.size).toBe(COUNT + 1);
    expect(seen.get(edited!.id)?.city).toBe('Malmö');
    expect(seen.get(edited!.id)?.version).toBe(2);
    expect(seen.get(added!.id)?.name).toBe('Ny kund');
    // Caught up: the cursor is stable and the page empty.
    const last = await pull(cursor, 2_000);
    expect(last).toEqual({ changes: [], cursor, hasMore: false });
  }, 120_000);

  it('feeds the seeded VAT rates and payment methods, and head-office catalog edits', async () => {
    const put = (url: string, payload: Record<string, unknown>) => t.app.inject({ method: 'PUT', url, headers: t.adminHeaders, payload });
    expectJson(await put('/api/product-groups/g1', { id: 'g1', name: 'Muggar' }), 200);
    expectJson(await put('/api/products/p1', { id: 'p1', sku: 'SKU1', barcode: null, name: 'Mugg', groupId: 'g1', priceOre: 12_500, vatCode: 'standard', active: true }), 200);
    const user = expectJson<Record<string, unknown>>(await put('/api/register-users/u1', { name: 'Anna', role: 'cashier', pin: '1234', costCentreCode: 'CC1' }), 200);
    expect(user).not.toHaveProperty('pinHash');
    expectJson(await put('/api/settings/receiptFooter', { value: 'Tack!' }), 200);
    const all: Change[] = [];
    let cursor = '0';
    for (;;) {
      const page = await pull(cursor, 10_000);
      all.push(...page.changes.filter((c) => c.entity !== 'customer'));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const of = (entity: string) => all.filter((c) => c.entity === entity).map((c) => c.data);
    expect(of('vat_rate')).toHaveLength(6);
    expect(of('payment_method').map((m) => (m as { id: string }).id).sort()).toEqual(['card', 'cash', 'invoice']);
    expect(of('product')).toHaveLength(1);
    expect(of('product_group')).toHaveLength(1);
    expect(of('setting')).toEqual([{ key: 'receiptFooter', value: 'Tack!' }]);
    const [pinUser] = of('register_user') as { pinHash: string }[];
    expect(pinUser?.pinHash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  });

  it('refuses a body whose id differs from the URL', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/product-groups/g2', headers: t.adminHeaders, payload: { id: 'g3', name: 'x' } });
    expect(expectJson(res, 400).code).toBe('ID_MISMATCH');
  });
});
