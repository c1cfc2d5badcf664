import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { INVOICE_COUNT_CAP, PROTOCOL_HEADER, PROTOCOL_VERSION, SYNC_ROUTES } from '@nota/protocol';
import { configureSeller, pushInvoiceSales, type InvoiceSummaryJson } from '../../test-support/invoicing';
import { customer } from '../../test-support/fixtures';
import { createTestApp, enrolRegister, expectJson, testDatabases, type TestApp } from '../../test-support/test-app';
import { activateDrafts } from './activation';

const NOW = new Date('2026-11-23T09:00:00.000Z');
type Row = InvoiceSummaryJson & { customerName: string; costCentre: string };

/** A register of another cost centre, enrolled as head office would. */
async function enrolIn(t: TestApp, costCentreCode: string): Promise<string> {
  await t.app.inject({ method: 'POST', url: '/api/cost-centres', headers: t.adminHeaders, payload: { code: costCentreCode, name: 'Bibliotek' } });
  const { enrolmentCode } = expectJson<{ enrolmentCode: string }>(
    await t.app.inject({ method: 'POST', url: '/api/registers', headers: t.adminHeaders, payload: { name: 'Kassa B', costCentreCode } }),
    200,
  );
  const res = await t.app.inject({ method: 'POST', url: SYNC_ROUTES.enrol, headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) }, payload: { code: enrolmentCode, clientVersion: 'test' } });
  return expectJson<{ token: string }>(res, 200).token;
}

describe.each(testDatabases())('GET /api/invoices sorted and paged on the server (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    // One clock for everything: every document is made at the same instant, so only the id breaks ties.
    t = await createTestApp(kind, { now: () => NOW });
    const { token } = await enrolRegister(t);
    const other = await enrolIn(t, 'CC2');
    const names = ['Östra skolan', 'alfa förskola', 'Bergets bibliotek'];
    for (const [i, name] of names.entries()) await pushInvoiceSales(t, token, { count: 2, firstReceipt: 1 + i * 2, overrides: { name } });
    await pushInvoiceSales(t, other, { count: 3, firstReceipt: 1, overrides: { name: 'Citybiblioteket' } });
    await configureSeller(t);
    await activateDrafts(t.database, NOW, { due: true });
    // One more sale, left a draft: it has no number or invoice date yet.
    await pushInvoiceSales(t, token, { count: 1, firstReceipt: 50, customers: [customer(990_001, { name: 'Draftens kund' })] });
  }, 120_000);
  afterAll(() => t.close());

  const page = async (query: string) =>
    expectJson<{ invoices: Row[]; next: string | null }>(await t.app.inject({ method: 'GET', url: `/api/invoices?${query}`, headers: t.adminHeaders }), 200);
  /** Every page of a query, following the cursors. */
  const all = async (query: string, limit: number) => {
    const seen: Row[] = [];
    let before: string | null = null;
    do {
      const p = await page(`${query}&limit=${limit}${before ? `&before=${before}` : ''}`);
      seen.push(...p.invoices);
      before = p.next;
    } while (before);
    return seen;
  };

  it('sorts by number either way, with the draft (no number yet) first when ascending', async () => {
    const asc = await all('sort=number&dir=asc', 100);
    expect(asc).toHaveLength(10);
    expect(asc.map((i) => i.number)).toEqual([null, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await all('sort=number&dir=desc', 100)).map((i) => i.number)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, null]);
  });

  it('pages through every sort two at a time without losing or repeating a document, ties broken the same way on each page', async () => {
    for (const sort of ['created', 'number', 'invoiceDate', 'dueDate', 'total', 'customer', 'costCentre', 'status']) {
      for (const dir of ['asc', 'desc']) {
        const whole = await all(`sort=${sort}&dir=${dir}`, 100);
        const paged = await all(`sort=${sort}&dir=${dir}`, 2);
        expect(paged.map((i) => i.id), `${sort} ${dir}`).toEqual(whole.map((i) => i.id));
        expect(new Set(paged.map((i) => i.id)).size).toBe(10);
      }
    }
  });

  it('sorts by the customer name the invoice shows, whatever its case', async () => {
    const names = (await all('sort=customer&dir=asc', 3)).map((i) => i.customerName);
    expect([...new Set(names)]).toEqual(['alfa förskola', 'Bergets bibliotek', 'Citybiblioteket', 'Draftens kund', 'Östra skolan'].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), 'en')));
  });

  it('filters by cost centre, alone and with a sort', async () => {
    const cc2 = await all('costCentre=CC2', 2);
    expect(cc2.map((i) => i.costCentre)).toEqual(['CC2', 'CC2', 'CC2']);
    expect((await all('costCentre=CC1&sort=number&dir=asc', 2)).map((i) => i.costCentre)).toEqual(Array(7).fill('CC1'));
    expect((await page('costCentre=NONE')).invoices).toEqual([]);
  });

  it('dates a draft by the day it was made, and a document by its invoice date', async () => {
    expect(await all('from=2026-11-23&to=2026-11-23', 3)).toHaveLength(10);
    expect(await all('from=2026-11-23&to=2026-11-23&status=draft', 3)).toHaveLength(1);
    expect(await all('to=2026-11-22', 3)).toEqual([]);
    expect(await all('from=2026-11-24', 3)).toEqual([]);
  });

  it('refuses a cursor given out for another sort, naming the field', async () => {
    const { next } = await page('sort=number&dir=asc&limit=2');
    for (const other of ['sort=customer&dir=asc', 'sort=number&dir=desc']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/invoices?${other}&before=${next}`, headers: t.adminHeaders });
      expect(expectJson<{ field: string; code: string }>(res, 400)).toMatchObject({ field: 'querystring.before', code: 'INVALID_CURSOR' });
    }
    const forged = Buffer.from(JSON.stringify(['number', 'asc', '1', 'not a time', 'x'])).toString('base64url');
    expect((await t.app.inject({ method: 'GET', url: `/api/invoices?sort=number&dir=asc&before=${forged}`, headers: t.adminHeaders })).statusCode).toBe(400);
  });

  it('counts documents per status and exports per state exactly below the cap, and names those past it', async () => {
    const count = async () => expectJson<{ documents: Record<string, number>; exports: Record<string, number>; over: string[] }>(
      await t.app.inject({ method: 'GET', url: '/api/invoices/count', headers: t.adminHeaders }),
      200,
    );
    expect(await count()).toEqual({ documents: { draft: 1, active: 9, transferred: 0 }, exports: { pending: 9, batched: 0, sent: 0, confirmed: 0, failed: 0, blocked: 0 }, over: [] });
    // Drafts past the cap, written straight into the table (the count reads nothing else of them; no
    // list could show them, so this comes last).
    await t.database.statement((db) =>
      db.execute(sql`insert into invoice_documents (id, kind, status, customer_id, cost_centre, total_ore, amount_due_ore, content, created_at)
        select gen_random_uuid(), 'invoice', 'draft', gen_random_uuid(), 'CC9', 100, 100, '{}'::jsonb, now() from generate_series(1, ${INVOICE_COUNT_CAP}::int)`),
    );
    const capped = await count();
    expect(capped.documents).toEqual({ draft: INVOICE_COUNT_CAP, active: 9, transferred: 0 });
    expect(capped.over).toEqual(['draft']);
  });
});
