import { randomUUID } from 'node:crypto';
import { readJournal } from '../journal/journal';
import { writeSettings } from '../settings/settings';
import { opensslChainFailures, type SignedRow } from '../test-support/receipt-chain-check';
import { SyncEvent, type Sale } from '@nota/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRegister, type TestRegister } from '../test-support/register';

// 2026-11-23 in Stockholm: food VAT is 6 %, goods 25 %.
const NOW = new Date('2026-11-23T10:15:00Z');

let reg: TestRegister;
beforeEach(async () => {
  reg = createTestRegister({ now: () => NOW });
  await reg.signInAs('cashier');
});
afterEach(() => reg.dispose());

type Payment = { method: 'cash'; tenderedOre: number } | { method: 'card'; amountOre: number };

async function sell(lines: { productId: string; quantity: number; bp?: number }[], payments: Payment[]): Promise<Sale> {
  const { sale } = await reg.call('sales/complete', {
    id: randomUUID(),
    lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity, discount: l.bp ? { kind: 'percent' as const, bp: l.bp } : null })),
    payments,
  });
  return sale;
}

async function giveBack(original: Sale, lines: { lineNo: number; quantity: number }[], refundMethods?: ('cash' | 'card')[]) {
  return reg.core.send('returns/complete', {
    id: randomUUID(),
    originalSaleId: original.id,
    lines,
    refundMethods: refundMethods ?? [...new Set(original.payments.map((p) => p.method as 'cash' | 'card'))],
  });
}

async function returned(original: Sale, lines: { lineNo: number; quantity: number }[]): Promise<Sale> {
  const result = await giveBack(original, lines);
  if (!result.ok) throw new Error(`return refused: ${result.error.code} ${result.error.message}`);
  return result.data.sale;
}

function count(sql: string): number {
  return (reg.core.context.store.sqlite.prepare(sql).get() as { n: number }).n;
}

const total = (sales: Sale[], pick: (s: Sale) => number) => sales.reduce((a, s) => a + pick(s), 0);
const refundedBy = (sales: Sale[], method: string) =>
  -total(sales, (s) => s.payments.filter((p) => p.method === method).reduce((a, p) => a + p.amountOre, 0));

describe('finding a sale to return', () => {
  it('gives the sale and, per line, what is still returnable', async () => {
    const sale = await sell([{ productId: 'p-bun', quantity: 3 }, { productId: 'p-mug', quantity: 1 }], [{ method: 'cash', tenderedOre: 30000 }]);
    await returned(sale, [{ lineNo: 1, quantity: 2 }]);
    const found = await reg.call('returns/find', { receiptNumber: sale.receiptNumber });
    expect(found.sale.id).toBe(sale.id);
    expect(found.refundMethods).toEqual(['cash']);
    expect(found.lines.map((l) => [l.lineNo, l.soldQuantity, l.returnedQuantity, l.returnableQuantity])).toEqual([
      [1, 3, 2, 1],
      [2, 1, 0, 1],
    ]);
    expect(found.returns).toHaveLength(1);
  });

  it('refuses an unknown receipt, an invoice sale, a training sale and a return, naming the field', async () => {
    const unknown = await reg.core.send('returns/find', { receiptNumber: 999 });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_RECEIPT', field: 'receiptNumber' } });

    const { customers } = await reg.call('customers/search', { query: '', limit: 50 });
    const { sale: invoiced } = await reg.call('sales/complete', {
      id: randomUUID(),
      lines: [{ productId: 'p-book', quantity: 1 }],
      payments: [{ method: 'invoice', amountOre: 29900 }],
      invoice: { customerId: customers.find((c) => c.invoiceable)!.id },
    });
    const invoice = await reg.core.send('returns/find', { receiptNumber: invoiced.receiptNumber });
    expect(invoice).toMatchObject({ ok: false, error: { code: 'INVOICE_SALE', field: 'receiptNumber' } });
    if (!invoice.ok) expect(invoice.error.message).toContain('a credit invoice is made in the back office');

    const sale = await sell([{ productId: 'p-mug', quantity: 1 }], [{ method: 'card', amountOre: 14950 }]);
    const ret = await returned(sale, [{ lineNo: 1, quantity: 1 }]);
    const ofReturn = await reg.core.send('returns/find', { receiptNumber: ret.receiptNumber });
    expect(ofReturn).toMatchObject({ ok: false, error: { code: 'RETURN_OF_RETURN', field: 'receiptNumber' } });

    // A training sale has its own series; the only sale numbered 50 here is one.
    // Completed sales are immutable, so the training sale is a copy of a real one made training.
    const trainingId = randomUUID();
    reg.core.context.store.sqlite
      .prepare(
        `INSERT INTO sales SELECT ?, 50, register_id, user_id, completed_at, total_ore, rounding_ore, vat_ore, net_ore, change_ore,
           customer_id, customer_snapshot, buyer_reference, comment, delivery_note_number, 'copy', 1, NULL, NULL, NULL, NULL
         FROM sales WHERE id = ?`,
      )
      .run(trainingId, sale.id);
    const training = { ...sale, id: trainingId };
    const trainingFind = await reg.core.send('returns/find', { receiptNumber: 50 });
    expect(trainingFind).toMatchObject({ ok: false, error: { code: 'TRAINING_SALE', field: 'receiptNumber' } });
    const trainingReturn = await giveBack({ ...training, training: true }, [{ lineNo: 1, quantity: 1 }]);
    expect(trainingReturn).toMatchObject({ ok: false, error: { code: 'TRAINING_SALE', field: 'originalSaleId' } });
  });
});

describe('returning', () => {
  it('returns part of a sale, then the rest, and the parts add up exactly to the original, line and VAT', async () => {
    // 3 buns at 10 %: list 87.00, discount 8.70, gross 78.30, VAT (6 %) 4.43: thirds that do not divide evenly.
    const sale = await sell(
      [{ productId: 'p-bun', quantity: 3, bp: 1000 }, { productId: 'p-mug', quantity: 2 }],
      [{ method: 'card', amountOre: 7830 + 29900 }],
    );
    const first = await returned(sale, [{ lineNo: 1, quantity: 1 }]);
    expect(first.returnOf).toEqual({ saleId: sale.id, receiptNumber: sale.receiptNumber });
    expect(first.receiptNumber).toBe(sale.receiptNumber + 1);
    expect(first.lines).toEqual([
      { ...sale.lines[0], quantity: -1, discountOre: -290, grossOre: -2610, vatOre: -148, netOre: -2462 },
    ]);
    expect(first.payments).toEqual([{ method: 'card', amountOre: -2610, tenderedOre: null, changeOre: 0 }]);
    expect(first.totalDueOre).toBe(-2610);

    const second = await returned(sale, [{ lineNo: 2, quantity: 1 }, { lineNo: 1, quantity: 1 }]);
    const last = await returned(sale, [{ lineNo: 1, quantity: 1 }, { lineNo: 2, quantity: 1 }]);
    expect(second.lines.map((l) => l.lineNo)).toEqual([1, 2]);
    expect(second.lines[0]).toMatchObject({ quantity: -1, grossOre: -2610, vatOre: -147 });

    const returns = [first, second, last];
    for (const line of sale.lines) {
      const parts = returns.flatMap((r) => r.lines.filter((l) => l.lineNo === line.lineNo));
      for (const key of ['quantity', 'discountOre', 'grossOre', 'vatOre', 'netOre'] as const) {
        expect(0 - parts.reduce((a, l) => a + l[key], 0), `line ${line.lineNo} ${key}`).toBe(line[key]);
      }
    }
    for (const rate of sale.vatSummary) {
      const back = returns.flatMap((r) => r.vatSummary.filter((v) => v.rateBp === rate.rateBp));
      expect(-back.reduce((a, v) => a + v.vatOre, 0)).toBe(rate.vatOre);
      expect(-back.reduce((a, v) => a + v.grossOre, 0)).toBe(rate.grossOre);
    }
    expect(-total(returns, (r) => r.totalOre)).toBe(sale.totalOre);
    expect(refundedBy(returns, 'card')).toBe(sale.totalDueOre);
    for (const r of returns) expect(r.vatOre + r.netOre).toBe(r.totalOre);

    const found = await reg.call('returns/find', { receiptNumber: sale.receiptNumber });
    expect(found.lines.every((l) => l.returnableQuantity === 0)).toBe(true);
  });

  it('refuses a line returned twice beyond its quantity, more than sold, an unknown line and a quantity of 0 or less', async () => {
    const sale = await sell([{ productId: 'p-bun', quantity: 2 }, { productId: 'p-mug', quantity: 1 }], [{ method: 'cash', tenderedOre: 20800 }]);
    await returned(sale, [{ lineNo: 2, quantity: 1 }]);
    const cases: [{ lineNo: number; quantity: number }[], string, string][] = [
      [[{ lineNo: 2, quantity: 1 }], 'LINE_ALREADY_RETURNED', 'lines[0].quantity'],
      [[{ lineNo: 1, quantity: 3 }], 'RETURN_EXCEEDS_SOLD', 'lines[0].quantity'],
      [[{ lineNo: 1, quantity: 1 }, { lineNo: 7, quantity: 1 }], 'UNKNOWN_LINE', 'lines[1].lineNo'],
      [[{ lineNo: 1, quantity: 0 }], 'QUANTITY_NOT_POSITIVE', 'lines[0].quantity'],
      [[{ lineNo: 1, quantity: -1 }], 'QUANTITY_NOT_POSITIVE', 'lines[0].quantity'],
      [[{ lineNo: 1, quantity: 1 }, { lineNo: 1, quantity: 1 }], 'DUPLICATE_LINE', 'lines[1].lineNo'],
    ];
    const salesBefore = count('SELECT count(*) AS n FROM sales');
    for (const [lines, code, field] of cases) {
      const result = await giveBack(sale, lines);
      expect(result, code).toMatchObject({ ok: false, error: { code, field } });
    }
    expect(count('SELECT count(*) AS n FROM sales')).toBe(salesBefore);
    // A refusal takes no number: the next receipt follows the last one made.
    const next = await returned(sale, [{ lineNo: 1, quantity: 2 }]);
    expect(next.receiptNumber).toBe(sale.receiptNumber + 2);
  });

  it('refunds by the original method only', async () => {
    const cash = await sell([{ productId: 'p-mug', quantity: 1 }], [{ method: 'cash', tenderedOre: 20000 }]);
    const card = await sell([{ productId: 'p-mug', quantity: 1 }], [{ method: 'card', amountOre: 14950 }]);
    const split = await sell([{ productId: 'p-mug', quantity: 1 }], [{ method: 'card', amountOre: 10000 }, { method: 'cash', tenderedOre: 5000 }]);
    for (const [sale, methods] of [
      [cash, ['card']],
      [card, ['cash']],
      [split, ['cash']],
      [split, ['card']],
      [cash, ['cash', 'cash']],
    ] as const) {
      const result = await giveBack(sale, [{ lineNo: 1, quantity: 1 }], [...methods]);
      expect(result).toMatchObject({ ok: false, error: { code: 'REFUND_METHOD_NOT_ORIGINAL', field: 'refundMethods' } });
    }
    expect((await returned(cash, [{ lineNo: 1, quantity: 1 }])).payments.map((p) => p.method)).toEqual(['cash']);
    expect((await returned(card, [{ lineNo: 1, quantity: 1 }])).payments.map((p) => p.method)).toEqual(['card']);
  });

  it('refunds a split sale to card first, up to what the card paid, and the rest in cash', async () => {
    // 4 buns (116.00) + mug (149.50) = 265.50: card 200.00, cash 65.50 → 66.00 (rounding +0.50).
    const sale = await sell([{ productId: 'p-bun', quantity: 4 }, { productId: 'p-mug', quantity: 1 }], [{ method: 'card', amountOre: 20000 }, { method: 'cash', tenderedOre: 10000 }]);
    expect(sale.payments.map((p) => [p.method, p.amountOre])).toEqual([['card', 20000], ['cash', 6600]]);
    const mug = await returned(sale, [{ lineNo: 2, quantity: 1 }]);
    expect(mug.payments.map((p) => [p.method, p.amountOre])).toEqual([['card', -14950]]);
    const twoBuns = await returned(sale, [{ lineNo: 1, quantity: 2 }]);
    // 149.50 + 58.00 = 207.50 returned so far: the card takes its last 50.50, cash the 7.50 left, rounded to 8.00.
    expect(twoBuns.payments.map((p) => [p.method, p.amountOre])).toEqual([['card', -5050], ['cash', -800]]);
    const rest = await returned(sale, [{ lineNo: 1, quantity: 2 }]);
    expect(rest.payments.map((p) => [p.method, p.amountOre])).toEqual([['cash', -5800]]);
    const returns = [mug, twoBuns, rest];
    expect(refundedBy(returns, 'card')).toBe(20000);
    expect(refundedBy(returns, 'cash')).toBe(6600);
    for (const r of returns) expect(r.totalOre + r.roundingOre).toBe(r.totalDueOre);
  });

  it('cash-rounds each refund to whole kronor and the refunds of a cash sale add up to what was paid', async () => {
    // 3 buns (87.00) + mug (149.50) = 236.50 → 237.00 paid in cash.
    const sale = await sell([{ productId: 'p-bun', quantity: 3 }, { productId: 'p-mug', quantity: 1 }], [{ method: 'cash', tenderedOre: 30000 }]);
    expect(sale.totalDueOre).toBe(23700);
    const mug = await returned(sale, [{ lineNo: 2, quantity: 1 }]);
    expect(mug).toMatchObject({ totalOre: -14950, roundingOre: -50, totalDueOre: -15000, changeOre: 0 });
    expect(mug.payments).toEqual([{ method: 'cash', amountOre: -15000, tenderedOre: null, changeOre: 0 }]);
    const buns = await returned(sale, [{ lineNo: 1, quantity: 3 }]);
    expect(buns).toMatchObject({ totalOre: -8700, roundingOre: 0, totalDueOre: -8700 });
    expect(refundedBy([mug, buns], 'cash')).toBe(sale.totalDueOre);
  });

  it('a retry with the same id returns once; the same id with other content is refused', async () => {
    const sale = await sell([{ productId: 'p-bun', quantity: 2 }], [{ method: 'card', amountOre: 5800 }]);
    const req = { id: randomUUID(), originalSaleId: sale.id, lines: [{ lineNo: 1, quantity: 1 }], refundMethods: ['card' as const] };
    const first = await reg.call('returns/complete', req);
    const again = await reg.call('returns/complete', req);
    expect(again.sale).toEqual(first.sale);
    expect(count(`SELECT count(*) AS n FROM sales WHERE return_of_sale_id = '${sale.id}'`)).toBe(1);
    const other = await reg.core.send('returns/complete', { ...req, lines: [{ lineNo: 1, quantity: 2 }] });
    expect(other).toMatchObject({ ok: false, error: { code: 'SALE_ID_REUSED', field: 'id' } });
    const reopened = reg.reopen();
    try {
      await reopened.signInAs('cashier');
      expect((await reopened.call('returns/complete', req)).sale).toEqual(first.sale);
      expect((await reopened.call('returns/find', { receiptNumber: sale.receiptNumber })).lines[0]!.returnableQuantity).toBe(1);
    } finally {
      reopened.dispose();
    }
  });

  it('queues a sale.completed event valid against the protocol and logs journal line 13013 with it', async () => {
    const sale = await sell([{ productId: 'p-mug', quantity: 1 }], [{ method: 'cash', tenderedOre: 15000 }]);
    const ret = await returned(sale, [{ lineNo: 1, quantity: 1 }]);
    const rows = reg.core.context.store.sqlite
      .prepare(`SELECT payload FROM outbox WHERE type = 'sale.completed' ORDER BY seq`)
      .all() as { payload: string }[];
    const event = SyncEvent.parse(JSON.parse(rows.at(-1)!.payload));
    expect(event).toMatchObject({ type: 'sale.completed', sale: { id: ret.id, returnOf: { saleId: sale.id, receiptNumber: sale.receiptNumber } } });
    expect(event.type === 'sale.completed' && event.sale.lines[0]!.quantity).toBe(-1);
    const journal = readJournal(reg.core.context.db).filter((j) => j.code === '13013');
    expect(journal).toEqual([expect.objectContaining({ saleId: ret.id, amountOre: ret.totalDueOre, detail: `Return of receipt ${sale.receiptNumber}` })]);
  });

  it('quotes a return without writing it', async () => {
    const sale = await sell([{ productId: 'p-bun', quantity: 3 }, { productId: 'p-mug', quantity: 1 }], [{ method: 'cash', tenderedOre: 30000 }]);
    const quote = await reg.call('returns/quote', { originalSaleId: sale.id, lines: [{ lineNo: 2, quantity: 1 }] });
    expect(quote).toMatchObject({ totalOre: -14950, totalDueOre: -15000, refunds: [{ method: 'cash', amountOre: -15000 }] });
    expect(count('SELECT count(*) AS n FROM sales')).toBe(1);
    const made = await returned(sale, [{ lineNo: 2, quantity: 1 }]);
    expect(made.lines).toEqual(quote.lines);
  });

  it('Norway: signs a return in the receipt chain, verified by openssl over the negative amounts', async () => {
    writeSettings(reg.core.context.db, { country: 'NO' });
    const sale = await sell([{ productId: 'p-bun', quantity: 3 }, { productId: 'p-mug', quantity: 1 }], [{ method: 'cash', tenderedOre: 30000 }]);
    const ret = await returned(sale, [{ lineNo: 2, quantity: 1 }]);
    const after = await sell([{ productId: 'p-mug', quantity: 1 }], [{ method: 'card', amountOre: 14950 }]);
    expect(ret.signature?.keyVersion).toBe(1);
    const sqlite = reg.core.context.store.sqlite;
    const rows = sqlite
      .prepare(`SELECT receipt_number AS receiptNumber, completed_at AS completedAt, total_ore AS totalOre, net_ore AS netOre, signature FROM sales ORDER BY receipt_number`)
      .all() as SignedRow[];
    expect(rows.map((r) => [r.receiptNumber, r.totalOre])).toEqual([[sale.receiptNumber, 23650], [ret.receiptNumber, -14950], [after.receiptNumber, 14950]]);
    const key = (sqlite.prepare('SELECT public_key_pem AS pem FROM signing_keys WHERE version = 1').get() as { pem: string }).pem;
    expect(opensslChainFailures(key, rows)).toEqual([]);
  });

  it('refuses a return in training mode and takes no number', async () => {
    const sale = await sell([{ productId: 'p-mug', quantity: 1 }], [{ method: 'card', amountOre: 14950 }]);
    await reg.signInAs('manager');
    await reg.call('training/set', { on: true });
    const result = await giveBack(sale, [{ lineNo: 1, quantity: 1 }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'TRAINING_MODE_ON' } });
    await reg.call('training/set', { on: false });
    expect((await returned(sale, [{ lineNo: 1, quantity: 1 }])).receiptNumber).toBe(sale.receiptNumber + 1);
  });
});
