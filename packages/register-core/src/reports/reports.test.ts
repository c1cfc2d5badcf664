import { randomUUID } from 'node:crypto';
import { DayReport, SyncEvent, type RequestOf } from '@nota/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logEvent } from '../journal/journal';
import { decodeEscPos, receiptText, startVirtualPrinter } from '../printing';
import { createTestRegister, type TestRegister } from '../test-support/register';

let reg: TestRegister;
let clock: Date;
beforeEach(() => {
  clock = new Date('2026-11-27T09:00:00.000Z');
  reg = createTestRegister({ customers: 10, now: () => clock });
});
afterEach(() => reg.dispose());

const sqlite = () => reg.core.context.store.sqlite;
const tick = (minutes = 1) => (clock = new Date(clock.getTime() + minutes * 60_000));

async function sell(lines: { productId: string; quantity: number }[], payments: RequestOf<'sales/complete'>['payments']) {
  tick();
  return (await reg.call('sales/complete', { id: randomUUID(), lines, payments })).sale;
}

/**
 * A training sale or a return written straight into the tables, as the receipts and returns
 * branches will write them (their columns exist since the foundation): one line, one payment.
 */
function insertSale(opts: { training?: boolean; returnOf?: { saleId: string; receiptNumber: number }; receiptNumber: number; grossOre: number; method: 'cash' | 'card' }) {
  const id = randomUUID();
  const vatOre = Math.round((opts.grossOre * 2500) / 12500);
  tick();
  sqlite()
    .prepare(
      `INSERT INTO sales (id, receipt_number, register_id, user_id, completed_at, total_ore, rounding_ore, vat_ore, net_ore, change_ore, request_hash, training, return_of_sale_id, return_of_receipt_number)
       VALUES (?, ?, 'r', 'u-anna', ?, ?, 0, ?, ?, 0, 'x', ?, ?, ?)`,
    )
    .run(id, opts.receiptNumber, clock.toISOString(), opts.grossOre, vatOre, opts.grossOre - vatOre, opts.training ? 1 : 0, opts.returnOf?.saleId ?? null, opts.returnOf?.receiptNumber ?? null);
  sqlite()
    .prepare(
      `INSERT INTO sale_lines (sale_id, line_no, product_id, sku, name, quantity, unit_price_ore, discount_ore, gross_ore, vat_rate_bp, vat_ore, net_ore)
       VALUES (?, 1, 'p-mug', '4001', 'Mugg', ?, 14950, 0, ?, 2500, ?, ?)`,
    )
    .run(id, Math.sign(opts.grossOre), opts.grossOre, vatOre, opts.grossOre - vatOre);
  sqlite()
    .prepare(`INSERT INTO sale_payments (sale_id, seq, method, amount_ore, tendered_ore, change_ore) VALUES (?, 0, ?, ?, NULL, 0)`)
    .run(id, opts.method, opts.grossOre);
  if (!opts.training) sqlite().prepare("UPDATE number_series SET next_number = ? WHERE name = 'receipt'").run(opts.receiptNumber + 1);
  return id;
}

/** The sums straight from the tables, the way an auditor would add them up. */
function summedFromTables(afterReceipt = 0) {
  const one = <T>(q: string, ...args: unknown[]) => sqlite().prepare(q).get(...args) as T;
  const real = `training = 0 AND receipt_number > ${afterReceipt}`;
  return {
    net: one<{ v: number }>(`SELECT coalesce(sum(total_ore), 0) AS v FROM sales WHERE ${real}`).v,
    receipts: one<{ v: number }>(`SELECT count(*) AS v FROM sales WHERE ${real}`).v,
    rounding: one<{ v: number }>(`SELECT coalesce(sum(rounding_ore), 0) AS v FROM sales WHERE ${real}`).v,
    discounts: one<{ v: number }>(`SELECT coalesce(sum(l.discount_ore), 0) AS v FROM sale_lines l JOIN sales s ON s.id = l.sale_id WHERE ${real}`).v,
    cash: one<{ v: number }>(`SELECT coalesce(sum(p.amount_ore), 0) AS v FROM sale_payments p JOIN sales s ON s.id = p.sale_id WHERE ${real} AND p.method = 'cash'`).v,
    card: one<{ v: number }>(`SELECT coalesce(sum(p.amount_ore), 0) AS v FROM sale_payments p JOIN sales s ON s.id = p.sale_id WHERE ${real} AND p.method = 'card'`).v,
    vat25: one<{ v: number }>(`SELECT coalesce(sum(l.vat_ore), 0) AS v FROM sale_lines l JOIN sales s ON s.id = l.sale_id WHERE ${real} AND l.vat_rate_bp = 2500`).v,
  };
}

async function aDay() {
  await reg.signInAs('manager');
  await reg.call('day/float', { floatOre: 100_000 });
  const a = await sell([{ productId: 'p-bun', quantity: 3 }, { productId: 'p-mug', quantity: 1 }], [{ method: 'cash', tenderedOre: 30_000 }]);
  await sell([{ productId: 'p-coffee', quantity: 2 }], [{ method: 'card', amountOre: 7000 }]);
  const { customers } = await reg.call('customers/search', { query: '', limit: 10 });
  const customer = customers.find((c) => c.invoiceable)!;
  tick();
  await reg.call('sales/complete', {
    id: randomUUID(),
    lines: [{ productId: 'p-book', quantity: 1, discount: { kind: 'percent', bp: 1000 } }],
    payments: [{ method: 'invoice', amountOre: 26910 }],
    invoice: { customerId: customer.id },
  });
  const lastReceipt = (sqlite().prepare('SELECT max(receipt_number) AS n FROM sales').get() as { n: number }).n;
  insertSale({ returnOf: { saleId: a.id, receiptNumber: a.receiptNumber }, receiptNumber: lastReceipt + 1, grossOre: -14950, method: 'cash' });
  insertSale({ training: true, receiptNumber: 1, grossOre: 14950, method: 'cash' });
  insertSale({ training: true, receiptNumber: 2, grossOre: 29900, method: 'card' });
  const { db } = reg.core.context;
  logEvent(db, { code: 'copyReceipt', at: tick(), userId: 'u-bjorn', saleId: a.id });
  logEvent(db, { code: 'drawerOpened', at: tick(), userId: 'u-bjorn', detail: 'change' });
  logEvent(db, { code: 'drawerOpened', at: tick(), userId: 'u-bjorn', saleId: a.id });
  return { customer };
}

describe('the X report', () => {
  it('adds up to the sales summed from the tables, with returns, rounding, training and copies, and resets nothing', async () => {
    await aDay();
    const sums = summedFromTables();
    const { report } = await reg.call('reports/x', {});
    const f = report.figures;
    expect(report).toMatchObject({ kind: 'x', number: null, periodStart: null });
    expect(f.netSalesOre).toBe(sums.net);
    expect(f.receiptCount).toBe(sums.receipts);
    expect(f.roundingOre).toBe(sums.rounding);
    expect(f.roundingOre).not.toBe(0);
    expect(f.discountOre).toBe(sums.discounts);
    expect(f.vatRates.find((r) => r.rateBp === 2500)?.vatOre).toBe(sums.vat25);
    expect(f.payments.find((p) => p.method === 'cash')?.amountOre).toBe(sums.cash);
    expect(f.payments.find((p) => p.method === 'card')?.amountOre).toBe(sums.card);
    expect(f.returns).toEqual({ count: 1, amountOre: 14950 });
    expect(f.training).toEqual({ count: 2, amountOre: 14950 + 29900 });
    expect(f.copies).toBe(1);
    expect(f.drawerOpeningsWithoutSale).toBe(1);
    expect(f.invoices).toMatchObject({ count: 1, amountOre: 26910, deliveryNotes: 1, list: [] });
    expect(f.cash.expectedOre).toBe(100_000 + sums.cash);
    expect(f.cash.countedOre).toBeNull();
    expect(f.grandTotalOre).toBe(sums.net);
    expect(f.groups.map((g) => g.name)).toEqual(['books', 'food', 'goods'].map((id) => sqlite().prepare('SELECT name FROM product_groups WHERE id = ?').pluck().get(id)).sort((a, b) => String(a).localeCompare(String(b))));

    const again = await reg.call('reports/x', {});
    expect(again.report.figures).toEqual(f);
    expect(sqlite().prepare("SELECT count(*) FROM journal WHERE code = '13008'").pluck().get()).toBe(2);
  });

  it('lists invoice sales with their delivery notes in Norway', async () => {
    await reg.signInAs('manager');
    await reg.call('settings/update', {});
    sqlite().prepare(`INSERT INTO settings (key, value) VALUES ('country', '"NO"') ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run();
    const { customer } = await aDay();
    const { report } = await reg.call('reports/x', {});
    expect(report.figures.invoices.list).toEqual([
      { receiptNumber: 3, deliveryNoteNumber: 1, customerName: customer.name, amountOre: 26910 },
    ]);
  });
});

describe('the Z report', () => {
  it('closes the period once, numbered without gaps, stored, journaled and queued for head office together', async () => {
    await aDay();
    const sums = summedFromTables();
    const refused = await reg.core.send('reports/z', { countedCashOre: 100_000, openCartLines: 2 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CART_NOT_EMPTY', field: 'openCartLines' } });

    const { report: z1 } = await reg.call('reports/z', { countedCashOre: 100_000 + sums.cash - 300, openCartLines: 0 });
    expect(z1).toMatchObject({ kind: 'z', number: 1 });
    expect(z1.figures.cash.differenceOre).toBe(-300);
    expect(z1.figures.netSalesOre).toBe(sums.net);

    const twice = await reg.core.send('reports/z', { countedCashOre: 0, openCartLines: 0 });
    expect(twice).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_CLOSE' } });

    const events = (sqlite().prepare("SELECT payload FROM outbox WHERE type = 'z-report.closed'").pluck().all() as string[]).map((p) => SyncEvent.parse(JSON.parse(p)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'z-report.closed', report: z1 });
    expect(sqlite().prepare("SELECT detail FROM journal WHERE code = '13009'").pluck().all()).toEqual(['Z 1']);
    expect((await reg.call('reports/z-get', { number: 1 })).report).toEqual(z1);

    // The next period: only the new sale, the float starts again, and the grand total goes on.
    const receiptsBefore = (sqlite().prepare('SELECT max(receipt_number) FROM sales WHERE training = 0').pluck().get() as number);
    await sell([{ productId: 'p-coffee', quantity: 1 }], [{ method: 'card', amountOre: 3500 }]);
    const { report: x } = await reg.call('reports/x', {});
    expect(x.periodStart).toBe(z1.producedAt);
    expect(x.figures).toMatchObject({ receiptCount: 1, netSalesOre: 3500, floatOre: 0, copies: 0, drawerOpeningsWithoutSale: 0, training: { count: 0 } });
    expect(x.figures.firstReceiptNumber).toBe(receiptsBefore + 1);
    const { report: z2 } = await reg.call('reports/z', { countedCashOre: 0, openCartLines: 0 });
    expect(z2.number).toBe(2);
    expect(z2.figures.grandTotalOre).toBe(z1.figures.grandTotalOre + 3500);
    expect((await reg.call('reports/z-list', {})).reports.map((r) => r.number)).toEqual([2, 1]);
  });

  it('is a manager\'s to take, and a stored one can be neither changed nor removed', async () => {
    await aDay();
    await reg.call('session/sign-out', {});
    await reg.signInAs('cashier');
    expect(await reg.core.send('reports/z', { countedCashOre: 0, openCartLines: 0 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await reg.core.send('reports/x', {})).ok).toBe(true);
    await reg.signInAs('manager');
    await reg.call('reports/z', { countedCashOre: 0, openCartLines: 0 });
    expect(() => sqlite().prepare('UPDATE z_reports SET grand_total_ore = 0').run()).toThrow(/cannot be changed/);
    expect(() => sqlite().prepare('DELETE FROM z_reports').run()).toThrow(/cannot be removed/);
  });

  it('takes the period by receipt number, so a sale timed before the last Z (clock set back) is in the next one', async () => {
    await aDay();
    const { report: z1 } = await reg.call('reports/z', { countedCashOre: 0, openCartLines: 0 });
    clock = new Date('2026-11-26T12:00:00.000Z');
    await reg.call('sales/complete', { id: randomUUID(), lines: [{ productId: 'p-coffee', quantity: 1 }], payments: [{ method: 'card', amountOre: 3500 }] });
    const { report: z2 } = await reg.call('reports/z', { countedCashOre: 0, openCartLines: 0 });
    expect(z2.figures.receiptCount).toBe(1);
    expect(z2.figures.grandTotalOre).toBe(z1.figures.grandTotalOre + 3500);
  });

  it('keeps the product group a line was sold under, and falls back to the product\'s group for older lines', async () => {
    await reg.signInAs('manager');
    const sale = await sell([{ productId: 'p-coffee', quantity: 1 }], [{ method: 'card', amountOre: 3500 }]);
    // A line written without the group columns, as lines sold before this migration are (p-mug).
    insertSale({ receiptNumber: sale.receiptNumber + 1, grossOre: 14950, method: 'card' });
    sqlite().prepare("UPDATE products SET group_id = 'goods' WHERE id = 'p-coffee'").run();
    sqlite().prepare("UPDATE products SET group_id = 'books' WHERE id = 'p-mug'").run();
    const name = (id: string) => sqlite().prepare('SELECT name FROM product_groups WHERE id = ?').pluck().get(id) as string;
    const { report } = await reg.call('reports/x', {});
    expect(report.figures.groups).toEqual(
      [
        { groupId: 'food', name: name('food'), quantity: 1, grossOre: 3500 },
        { groupId: 'books', name: name('books'), quantity: 1, grossOre: 14950 },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  it('survives a reopen of the register with its figures intact', async () => {
    await aDay();
    const { report } = await reg.call('reports/z', { countedCashOre: 1234, openCartLines: 0 });
    reg = reg.reopen();
    await reg.signInAs('cashier');
    expect(DayReport.parse((await reg.call('reports/z-get', { number: 1 })).report)).toEqual(report);
  });
});

describe('the journal\'s everyday lines', () => {
  const codes = () => sqlite().prepare('SELECT code FROM journal ORDER BY seq').pluck().all();

  it('logs the application start and stop, and each sign-in and sign-out', async () => {
    await reg.signInAs('cashier');
    await reg.call('session/sign-out', {});
    expect(codes()).toEqual(['13001', '13003', '13004']);
    reg = reg.reopen();
    expect(codes()).toEqual(['13001', '13003', '13004', '13002', '13001']);
  });

  it('notices a clock set back behind the last sale once, and shows it to a manager only', async () => {
    await reg.signInAs('cashier');
    await sell([{ productId: 'p-coffee', quantity: 1 }], [{ method: 'card', amountOre: 3500 }]);
    const last = clock.toISOString();
    clock = new Date(clock.getTime() - 3 * 3600_000);
    await sell([{ productId: 'p-coffee', quantity: 1 }], [{ method: 'card', amountOre: 3500 }]);
    await sell([{ productId: 'p-coffee', quantity: 1 }], [{ method: 'card', amountOre: 3500 }]);
    const lines = sqlite().prepare("SELECT detail FROM journal WHERE code = '13999'").pluck().all() as string[];
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(last);
    expect(await reg.core.send('day/notices', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await reg.signInAs('manager');
    const { notices } = await reg.call('day/notices', {});
    expect(notices).toEqual([expect.objectContaining({ kind: 'clock-set-back', detail: lines[0] })]);
  });
});

describe('reports/print', () => {
  it('prints an X report taken now and the latest or a numbered Z report', async () => {
    const printer = await startVirtualPrinter();
    try {
      await aDay();
      await reg.call('settings/update', { printerUrl: printer.url });
      await reg.call('reports/print', { kind: 'x' });
      await reg.call('reports/z', { countedCashOre: 0, openCartLines: 0 });
      await reg.call('reports/print', { kind: 'z' });
      await reg.call('reports/print', { kind: 'z', number: 1 });
      expect(await reg.core.send('reports/print', { kind: 'z', number: 2 })).toMatchObject({ ok: false, error: { code: 'Z_REPORT_NOT_FOUND', field: 'number' } });
      const jobs = (await printer.waitForJobs(3)).map((j) => receiptText(decodeEscPos(j)));
      expect(jobs[0]).toContain('X-RAPPORT');
      expect(jobs[1]).toContain('Z-RAPPORT 1');
      expect(jobs[2]).toBe(jobs[1]);
    } finally {
      await printer.close();
    }
  });
});
