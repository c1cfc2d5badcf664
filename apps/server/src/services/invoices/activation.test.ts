import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { isValidOcr, type InvoiceDocument } from '@nota/domain';
import { openDatabase, type Database } from '../../db/database';
import { configureSeller, invoiceSale, listInvoices, pushInvoiceSales } from '../../test-support/invoicing';
import { completed, customer } from '../../test-support/fixtures';
import { createTestApp, enrolRegister, expectJson, push, testDatabases, type TestApp } from '../../test-support/test-app';
import { sales, serverConfig } from '../../db/schema';
import { activateDrafts } from './activation';
import { backfillDrafts } from './backfill';
import { takeInvoiceNumbers } from './invoice-numbers';

const NOW = new Date('2026-11-23T09:00:00.000Z');

describe.each(testDatabases())('invoice documents from register sales (%s)', (kind) => {
  let t: TestApp;
  let token: string;
  let register: string;
  let receipt = 1;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => NOW });
    ({ token, registerId: register } = await enrolRegister(t));
  });
  afterAll(() => t.close());

  const detail = async (id: string) =>
    expectJson<{ invoice: { status: string; number: number | null; content: InvoiceDocument; problems: { code: string }[]; export: { state: string; batchId: string } | null } }>(
      await t.app.inject({ method: 'GET', url: `/api/invoices/${id}`, headers: t.adminHeaders }),
      200,
    ).invoice;

  it('turns every invoice sale into a draft in the push that records the sale, and no other sale', async () => {
    const { sales } = await pushInvoiceSales(t, token, { count: 3, firstReceipt: receipt });
    receipt += 3;
    const card = completed({ ...invoiceSale(receipt++, customer(1)), invoice: null, payments: [{ method: 'card', amountOre: 12_345, tenderedOre: null, changeOre: 0 }] });
    // A card sale is no invoice (its numbers need not even add up for this check to matter).
    await push(t, token, [card]);
    const drafts = await listInvoices(t, '&status=draft');
    expect(drafts.map((d) => d.saleId).sort()).toEqual(sales.map((s) => s.id).sort());
    expect(drafts.every((d) => d.number === null && d.export === null)).toBe(true);
  });

  it('keeps a draft with its reasons while the seller details are missing, then activates it with the next number', async () => {
    const [draft] = await listInvoices(t, '&status=draft');
    const refused = await t.app.inject({ method: 'POST', url: `/api/invoices/${draft!.id}/activate`, headers: t.adminHeaders });
    expect(expectJson<{ code: string; details: { code: string }[] }>(refused, 409)).toMatchObject({
      code: 'INVOICE_INCOMPLETE',
      details: [{ code: 'SELLER_INCOMPLETE' }],
    });
    expect((await detail(draft!.id)).problems.map((p) => p.code)).toEqual(['SELLER_INCOMPLETE']);

    await configureSeller(t);
    const result = await activateDrafts(t.database, NOW, { due: true });
    expect(result.activated.map((a) => a.number)).toEqual([1, 2, 3]);
    const doc = await detail(result.activated[0]!.id);
    expect(doc.status).toBe('active');
    expect(doc.content).toMatchObject({ kind: 'invoice', number: 1, invoiceDate: '2026-11-23', dueDate: '2026-12-23', costCentre: 'CC1', currency: 'SEK' });
    expect(isValidOcr(doc.content.paymentReference, { lengthDigit: true })).toBe(true);
    expect(doc.content.seller.name).toBe('Malmö Museer Butik');
    // Queued for export, not yet gathered into a GL07 batch: no batch id until the exporter takes it.
    expect(doc.export).toMatchObject({ state: 'pending', batch: null, batchId: null, error: null });
  });

  it('uses head office’s payment terms for a customer', async () => {
    const { customers } = await pushInvoiceSales(t, token, { count: 1, firstReceipt: receipt++ });
    await t.app.inject({ method: 'PUT', url: `/api/customers/${customers[0]!.id}/payment-terms`, headers: t.adminHeaders, payload: { paymentTermsDays: 10 } });
    const [activated] = (await activateDrafts(t.database, NOW, { due: true })).activated;
    expect((await detail(activated!.id)).content.dueDate).toBe('2026-12-03');
  });

  it('waits for a person when the customer cannot be invoiced, and goes on when head office fixes the customer', async () => {
    const { customers } = await pushInvoiceSales(t, token, { count: 1, firstReceipt: receipt++ });
    const c = customers[0]!;
    const { id: _i, version, customerNumber: _n, createdAt: _c, updatedAt: _u, ...input } = c;
    const edit = (changes: Partial<typeof input>, base: number) =>
      t.app.inject({ method: 'PUT', url: `/api/customers/${c.id}`, headers: t.adminHeaders, payload: { baseVersion: base, customer: { ...input, ...changes } } });
    // Head office switched invoicing off before the register's sale arrived.
    expectJson(await edit({ invoicingEnabled: false }, version), 200);
    const first = await activateDrafts(t.database, NOW, { due: true });
    expect(first.activated).toEqual([]);
    expect(first.waiting[0]!.problems.map((p) => p.code)).toEqual(['CUSTOMER_NOT_INVOICEABLE']);
    // Nothing is due until something changes.
    expect(await activateDrafts(t.database, NOW, { due: true })).toEqual({ activated: [], waiting: [] });
    expectJson(await edit({ invoicingEnabled: true }, version + 1), 200);
    const second = await activateDrafts(t.database, NOW, { due: true });
    expect(second.activated.map((a) => a.id)).toEqual([first.waiting[0]!.id]);
  });

  it('lets head office assign a draft to an existing customer when the register’s customer never arrived', async () => {
    const ghost = customer(9_999_001);
    const sale = invoiceSale(receipt++, ghost);
    await push(t, token, [completed(sale)]);
    const [draft] = (await listInvoices(t, '&status=draft')).filter((d) => d.saleId === sale.id);
    expect((await activateDrafts(t.database, NOW, { ids: [draft!.id] })).waiting[0]!.problems.map((p) => p.code)).toEqual(['CUSTOMER_UNKNOWN']);
    const { customers } = await pushInvoiceSales(t, token, { count: 0, firstReceipt: receipt });
    const assigned = await t.app.inject({
      method: 'PUT',
      url: `/api/invoices/${draft!.id}/customer`,
      headers: t.adminHeaders,
      payload: { customerId: customers[0]!.id },
    });
    expectJson(assigned, 200);
    const activated = expectJson<{ invoice: { status: string; customerId: string; content: InvoiceDocument } }>(
      await t.app.inject({ method: 'POST', url: `/api/invoices/${draft!.id}/activate`, headers: t.adminHeaders }),
      200,
    ).invoice;
    expect(activated).toMatchObject({ status: 'active', customerId: customers[0]!.id });
    expect(activated.content.customer.name).toBe(customers[0]!.name);
  });

  it('gives invoice sales recorded before invoicing existed their drafts, once', async () => {
    const { customers } = await pushInvoiceSales(t, token, { count: 0, firstReceipt: receipt });
    const old = invoiceSale(receipt++, customers[0]!);
    // As an earlier server version stored it: the sale, and no document.
    await t.database.transaction((tx) =>
      tx.insert(sales).values({ id: old.id, registerId: register, receiptNumber: old.receiptNumber, completedAt: new Date(old.completedAt), totalOre: old.totalOre, customerId: customers[0]!.id, payload: old }),
    );
    // The app's own start has already been through the sales once; an upgraded server starts without that mark.
    await t.database.transaction((tx) => tx.delete(serverConfig).where(eq(serverConfig.key, 'drafts-backfilled')));
    expect(await backfillDrafts(t.database, NOW)).toBe(1);
    expect(await backfillDrafts(t.database, NOW)).toBe(0);
    expect((await listInvoices(t, '&status=draft')).map((d) => d.saleId)).toContain(old.id);
  });

  it('lists by invoice date and refuses a cursor it did not give out', async () => {
    expect((await listInvoices(t, '&from=2026-11-23&to=2026-11-23')).length).toBeGreaterThan(0);
    expect(await listInvoices(t, '&from=2026-11-24')).toEqual([]);
    const bad = await t.app.inject({ method: 'GET', url: '/api/invoices?before=2025-01-01T00:00:00Z|x', headers: t.adminHeaders });
    expect(expectJson<{ field: string }>(bad, 400).field).toBe('querystring.before');
  });

  it('refuses to change an active document, in the database itself', async () => {
    const [active] = await listInvoices(t, '&status=active');
    const attempt = (statement: ReturnType<typeof sql>) => t.database.transaction((tx) => tx.execute(statement));
    await expect(attempt(sql`update invoice_documents set amount_due_ore = 1 where id = ${active!.id}`)).rejects.toThrow();
    await expect(attempt(sql`update invoice_documents set status = 'draft' where id = ${active!.id}`)).rejects.toThrow();
    await expect(attempt(sql`delete from invoice_documents where id = ${active!.id}`)).rejects.toThrow();
    // Being transferred is the one change allowed.
    await attempt(sql`update invoice_documents set status = 'transferred', transferred_at = now() where id = ${active!.id}`);
    expect((await detail(active!.id)).status).toBe('transferred');
  });

  it('credits an invoice once, with the next number and a reference to the original', async () => {
    const [original] = await listInvoices(t, '&status=transferred');
    type Ref = { id: string; number: number | null } | null;
    const credited = expectJson<{ invoice: { id: string; kind: string; number: number; status: string; content: InvoiceDocument; creditOf: Ref; creditedBy: Ref } }>(
      await t.app.inject({ method: 'POST', url: `/api/invoices/${original!.id}/credit`, headers: t.adminHeaders }),
      200,
    ).invoice;
    // Each document points at the other, so a person can go from one to the other.
    expect(credited.creditOf).toEqual({ id: original!.id, number: original!.number });
    expect(credited.creditedBy).toBeNull();
    const originalNow = expectJson<{ invoice: { creditOf: Ref; creditedBy: Ref } }>(await t.app.inject({ method: 'GET', url: `/api/invoices/${original!.id}`, headers: t.adminHeaders }), 200).invoice;
    expect(originalNow).toMatchObject({ creditOf: null, creditedBy: { id: credited.id, number: credited.number } });
    const highest = Math.max(...(await listInvoices(t)).map((i) => i.number ?? 0));
    expect(credited).toMatchObject({ kind: 'credit', status: 'active', number: highest });
    expect(credited.content.creditOf).toMatchObject({ documentId: original!.id, number: original!.number });
    const again = await t.app.inject({ method: 'POST', url: `/api/invoices/${original!.id}/credit`, headers: t.adminHeaders });
    expect(expectJson<{ code: string }>(again, 409).code).toBe('ALREADY_CREDITED');
    await push(t, token, [completed(invoiceSale(receipt++, customer(9_999_002)))]);
    const [draft] = await listInvoices(t, '&status=draft');
    const ofDraft = await t.app.inject({ method: 'POST', url: `/api/invoices/${draft!.id}/credit`, headers: t.adminHeaders });
    expect(expectJson<{ code: string }>(ofDraft, 409).code).toBe('INVOICE_NOT_ACTIVE');
  });
});

describe.each(testDatabases())('invoice numbering under concurrency (%s)', (kind) => {
  let t: TestApp;
  let second: Database | null = null;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => NOW });
    const { token } = await enrolRegister(t);
    await configureSeller(t);
    for (let i = 0; i < 4; i += 1) await pushInvoiceSales(t, token, { count: 30, firstReceipt: 1 + i * 30 });
    // On PostgreSQL, a second connection pool stands in for a second server instance.
    if (t.url) second = await openDatabase({ kind: 'postgres', url: t.url, poolSize: 4 });
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  it('gives 120 documents activated in parallel the numbers 1..120: no gap, no duplicate', async () => {
    const dbs = second ? [t.database, second] : [t.database];
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => activateDrafts(dbs[i % dbs.length]!, NOW, { due: true })),
    );
    let activated = results.flatMap((r) => r.activated);
    // SKIP LOCKED lets an activator pass drafts another holds; another round picks up any left.
    while (activated.length < 120) {
      const more = await activateDrafts(t.database, NOW, { due: true });
      if (more.activated.length === 0) break;
      activated = activated.concat(more.activated);
    }
    expect(activated.map((a) => a.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(new Set(activated.map((a) => a.id)).size).toBe(120);
  });

  it('gives numbers taken by a rolled-back transaction back to the series', async () => {
    await expect(
      t.database.transaction(async (tx) => {
        expect(await takeInvoiceNumbers(tx, 5)).toEqual([121, 122, 123, 124, 125]);
        throw new Error('activation failed half-way');
      }),
    ).rejects.toThrow('half-way');
    await t.database.transaction(async (tx) => expect(await takeInvoiceNumbers(tx, 1)).toEqual([121]));
  });
});

describe.each(testDatabases())('seller details saved while drafts are being activated (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => NOW });
    const { token } = await enrolRegister(t);
    for (let i = 0; i < 2; i += 1) await pushInvoiceSales(t, token, { count: 100, firstReceipt: 1 + i * 100 });
  });
  afterAll(() => t.close());

  it('leaves no draft behind that an activation round set aside on what it read before the save', async () => {
    // The round reads "no seller" and sets every draft aside; the save's wake-up must reach them anyway.
    const [round] = await Promise.all([activateDrafts(t.database, NOW, { due: true }), configureSeller(t)]);
    let activated = round.activated.length;
    for (;;) {
      const more = await activateDrafts(t.database, NOW, { due: true });
      if (more.activated.length + more.waiting.length === 0) break;
      activated += more.activated.length;
    }
    expect(activated).toBe(200);
    expect(await listInvoices(t, '&status=draft')).toEqual([]);
  });
});
