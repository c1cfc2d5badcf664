import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INT32, type PushResponse, type Sale, type SyncEvent } from '@nota/protocol';
import { completed, sale } from '../test-support/fixtures';
import { invoiceDocuments, sales } from '../db/schema';
import { createTestApp, enrolRegister, expectJson, push, testDatabases, type TestApp } from '../test-support/test-app';

/** A return of `quantity` units of the fixture sale's one line (125 kr, 25 % VAT), refunded as the sale was paid. */
function returnOf(original: Sale, receiptNumber: number, quantity = 1): Sale {
  const line = original.lines[0]!;
  const grossOre = -quantity * line.unitPriceOre;
  const vatOre = -quantity * line.vatOre;
  return {
    ...original,
    id: randomUUID(),
    receiptNumber,
    totalOre: grossOre,
    totalDueOre: grossOre,
    vatOre,
    netOre: grossOre - vatOre,
    lines: [{ ...line, quantity: -quantity, grossOre, vatOre, netOre: grossOre - vatOre }],
    payments: [{ method: 'card', amountOre: grossOre, tenderedOre: null, changeOre: 0 }],
    vatSummary: [{ rateBp: line.vatRateBp, grossOre, netOre: grossOre - vatOre, vatOre }],
    invoice: null,
    returnOf: { saleId: original.id, receiptNumber: original.receiptNumber },
  };
}

describe.each(testDatabases())('push of returns (%s)', (kind) => {
  let t: TestApp;
  let register: { registerId: string; token: string };
  let receipt = 0;

  beforeAll(async () => {
    t = await createTestApp(kind);
    register = await enrolRegister(t);
  });
  afterAll(() => t.close());

  const statuses = (body: PushResponse) => body.results.map((r) => r.reason?.code ?? r.status);
  const pushed = async (events: SyncEvent[]) => expectJson<PushResponse>(await push(t, register.token, events), 200);
  const problem = async (saleId: string) =>
    (await t.database.read((db) => db.select({ problem: sales.returnProblem, of: sales.returnOfSaleId }).from(sales).where(eq(sales.id, saleId))))[0];

  it('records a return of a recorded sale, unflagged, and makes no invoice draft for it', async () => {
    const original = { ...sale(++receipt), lines: [{ ...sale(0).lines[0]!, quantity: 2, grossOre: 25_000, vatOre: 5_000, netOre: 20_000 }] };
    Object.assign(original, { totalOre: 25_000, totalDueOre: 25_000, vatOre: 5_000, netOre: 20_000, payments: [{ method: 'card', amountOre: 25_000, tenderedOre: null, changeOre: 0 }] });
    const ret = returnOf(original, ++receipt);
    expect(statuses(await pushed([completed(original)]))).toEqual(['applied']);
    expect(statuses(await pushed([completed(ret)]))).toEqual(['applied']);
    expect(await problem(ret.id)).toEqual({ problem: null, of: original.id });
    const drafts = await t.database.read((db) =>
      db.select({ id: invoiceDocuments.id }).from(invoiceDocuments).where(inArray(invoiceDocuments.saleId, [ret.id, original.id])),
    );
    expect(drafts).toEqual([]);
    // The second unit later: still within what was sold.
    const rest = returnOf(original, ++receipt);
    expect(statuses(await pushed([completed(rest)]))).toEqual(['applied']);
    expect((await problem(rest.id))!.problem).toBeNull();
  });

  it('keeps a return that arrives before its original, flagged, and clears the flag when the original arrives', async () => {
    const original = sale(++receipt);
    const ret = returnOf(original, ++receipt);
    expect(statuses(await pushed([completed(ret)]))).toEqual(['applied']);
    expect((await problem(ret.id))!.problem).toMatch(/has not reached head office/);
    expect(statuses(await pushed([completed(original)]))).toEqual(['applied']);
    expect((await problem(ret.id))!.problem).toBeNull();
  });

  it('lists a flagged return with its problem in GET /api/sales', async () => {
    const original = sale(++receipt);
    const ret = returnOf(original, ++receipt);
    expect(statuses(await pushed([completed(ret)]))).toEqual(['applied']);
    const { sales: rows } = expectJson<{ sales: { id: string; returnOfSaleId: string | null; returnProblem: string | null }[] }>(
      await t.app.inject({ method: 'GET', url: `/api/sales?registerId=${register.registerId}&limit=1000`, headers: t.adminHeaders }),
      200,
    );
    expect(rows.find((r) => r.id === ret.id)).toMatchObject({ returnOfSaleId: original.id, returnProblem: expect.stringMatching(/has not reached head office/) });
  });

  it('reviews a return and its original arriving in one bulk run', async () => {
    const original = sale(++receipt);
    const ret = returnOf(original, ++receipt);
    expect(statuses(await pushed([completed(ret), completed(original), completed(sale(++receipt))]))).toEqual(['applied', 'applied', 'applied']);
    expect((await problem(ret.id))!.problem).toBeNull();
  });

  it('keeps a return of more than was sold, flagging the one that goes over', async () => {
    const original = sale(++receipt);
    const first = returnOf(original, ++receipt);
    const again = returnOf(original, ++receipt);
    expect(statuses(await pushed([completed(original), completed(first), completed(again)]))).toEqual(['applied', 'applied', 'applied']);
    expect((await problem(first.id))!.problem).toBeNull();
    expect((await problem(again.id))!.problem).toBe('line 1: 2 returned in all but 1 sold');
  });

  it('rejects an inconsistent return with the reason and goes on with the events behind it', async () => {
    const original = sale(++receipt);
    expect(statuses(await pushed([completed(original)]))).toEqual(['applied']);
    const broken: [string, (r: Sale) => void, RegExp][] = [
      ['positive refund', (r) => { r.payments = [{ method: 'card', amountOre: 12_500, tenderedOre: null, changeOre: 0 }]; r.totalDueOre = 12_500; r.roundingOre = 25_000; }, /refund 1 \(card\): amountOre 12500 is positive/],
      ['positive line', (r) => { r.lines = [{ ...r.lines[0]!, quantity: 1 }]; }, /return line 1: quantity 1 is not negative/],
      ['totals off', (r) => { r.totalOre -= 1; }, /lines sum to -12500 öre but totalOre is -12501/],
      ['gross not quantity × price', (r) => { r.lines = [{ ...r.lines[0]!, unitPriceOre: 10_000 }]; }, /quantity × unit price − discount is -10000 öre but grossOre is -12500/],
      ['refund by invoice', (r) => { r.payments = [{ method: 'invoice', amountOre: -12_500, tenderedOre: null, changeOre: 0 }]; }, /invoice/],
      ['rounding over a krona', (r) => { r.roundingOre = -200; r.totalDueOre = -12_700; r.payments = [{ method: 'cash', amountOre: -12_700, tenderedOre: null, changeOre: 0 }]; }, /roundingOre -200 is more than a krona/],
      ['rounded card refund', (r) => { r.roundingOre = -50; r.totalDueOre = -12_550; r.payments = [{ method: 'card', amountOre: -12_550, tenderedOre: null, changeOre: 0 }]; }, /only a cash refund is rounded/],
      ['change on a refund', (r) => { r.changeOre = 100; }, /a return gives no change/],
      ['a return of itself', (r) => { r.returnOf = { saleId: r.id, receiptNumber: r.receiptNumber }; }, /a return of itself/],
    ];
    const events = broken.map(([, spoil]) => {
      const r = returnOf(original, ++receipt);
      spoil(r);
      return completed(r);
    });
    const fine = returnOf(original, ++receipt);
    const res = await pushed([...events, completed(fine)]);
    expect(statuses(res)).toEqual([...broken.map(() => 'SALE_INCONSISTENT'), 'applied']);
    broken.forEach(([label, , reason], i) => expect(res.results[i]!.reason!.message, label).toMatch(reason));
  });

  it('refuses hostile values without failing the batch: overflowing amounts, a sale with negative lines, a malformed original', async () => {
    const original = sale(++receipt);
    const huge = returnOf(original, ++receipt);
    // −MAX_INT32 units at 1 000 000 000 kr: the product is far beyond what öre can safely hold.
    huge.lines = [{ ...huge.lines[0]!, quantity: -MAX_INT32, unitPriceOre: 100_000_000_000 }];
    const negativeSale = sale(++receipt);
    negativeSale.lines = [{ ...negativeSale.lines[0]!, quantity: -1 }];
    const malformed = returnOf(original, ++receipt) as unknown as { returnOf: unknown };
    malformed.returnOf = { saleId: 'not-a-uuid', receiptNumber: -5 };
    const ok = sale(++receipt);
    const res = await pushed([completed(original), completed(huge), completed(negativeSale), completed(malformed as unknown as Sale), completed(ok)]);
    expect(statuses(res)).toEqual(['applied', 'SALE_INCONSISTENT', 'SALE_INCONSISTENT', 'EVENT_INVALID', 'applied']);
    expect(res.results[2]!.reason!.message).toMatch(/quantity -1 is not positive/);
    expect(res.results[3]!.reason!.message).toMatch(/returnOf/);
  });
});
