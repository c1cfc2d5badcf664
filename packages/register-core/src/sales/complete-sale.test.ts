import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRegister, type TestRegister } from '../test-support/register';

// 2026-11-23 in Stockholm: food VAT is 6 % (temporary rate 2026-04-01 – 2027-12-31).
const NOW = new Date('2026-11-23T10:15:00Z');

let reg: TestRegister;
beforeEach(async () => {
  reg = createTestRegister({ now: () => NOW });
  await reg.signInAs('cashier');
});
afterEach(() => reg.dispose());

async function invoiceableCustomer() {
  const { customers } = await reg.call('customers/search', { query: '', limit: 50 });
  return customers.find((c) => c.invoiceable)!;
}

function count(table: string): number {
  // The outbox also holds the journal's lines (application start, sign-in); these tests count the sale's.
  const where = table === 'outbox' ? " WHERE type <> 'journal.logged'" : '';
  return (reg.core.context.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}${where}`).get() as { n: number }).n;
}

describe('completing a sale', () => {
  it('takes cash with rounding to whole kronor and gives change', async () => {
    // 3 × 29.00 + 149.50 = 236.50 → cash due 237.00 (50 öre rounds up), rounding +0.50
    const { sale } = await reg.call('sales/complete', {
      id: randomUUID(),
      lines: [
        { productId: 'p-bun', quantity: 3 },
        { productId: 'p-mug', quantity: 1 },
      ],
      payments: [{ method: 'cash', tenderedOre: 30000 }],
    });
    expect(sale.totalOre).toBe(23650);
    expect(sale.roundingOre).toBe(50);
    expect(sale.totalDueOre).toBe(23700);
    expect(sale.changeOre).toBe(6300);
    expect(sale.payments).toEqual([{ method: 'cash', amountOre: 23700, tenderedOre: 30000, changeOre: 6300 }]);
    // VAT per rate from the gross lines: 87.00 at 6 % → 4.92; 149.50 at 25 % → 29.90
    expect(sale.vatSummary).toEqual([
      { rateBp: 2500, grossOre: 14950, netOre: 11960, vatOre: 2990 },
      { rateBp: 600, grossOre: 8700, netOre: 8208, vatOre: 492 },
    ]);
    expect(sale.receiptNumber).toBe(1);
    expect(sale.invoice).toBeNull();
  });

  it('uses the VAT rate valid on the local sale date', async () => {
    const before = createTestRegister({ now: () => new Date('2026-03-31T21:59:00Z') }); // 23:59 local
    const after = createTestRegister({ now: () => new Date('2026-03-31T22:00:00Z') }); // 00:00 local, 1 April
    try {
      for (const r of [before, after]) await r.signInAs('cashier');
      const sell = (r: TestRegister) =>
        r.call('sales/complete', { id: randomUUID(), lines: [{ productId: 'p-coffee', quantity: 1 }], payments: [{ method: 'card', amountOre: 3500 }] });
      expect((await sell(before)).sale.lines[0]!.vatRateBp).toBe(1200);
      expect((await sell(after)).sale.lines[0]!.vatRateBp).toBe(600);
    } finally {
      before.dispose();
      after.dispose();
    }
  });

  it('charges by invoice with the customer, reference, comment and a delivery-note number', async () => {
    const { customer } = await reg.call('customers/get', { id: (await invoiceableCustomer()).id });
    const { sale } = await reg.call('sales/complete', {
      id: randomUUID(),
      lines: [{ productId: 'p-book', quantity: 2, discount: { kind: 'percent', bp: 1000 } }],
      payments: [{ method: 'invoice', amountOre: 53820 }],
      invoice: { customerId: customer.id, buyerReference: 'Eva Ek, Kulturförvaltningen', comment: 'Till läsecirkeln' },
    });
    expect(sale.lines[0]).toMatchObject({ discountOre: 5980, grossOre: 53820 });
    expect(sale.roundingOre).toBe(0);
    expect(sale.invoice).toEqual({
      customer: { id: customer.id, customerNumber: customer.customerNumber, name: customer.name, orgNumber: customer.orgNumber, externalId: customer.externalId },
      buyerReference: 'Eva Ek, Kulturförvaltningen',
      comment: 'Till läsecirkeln',
      deliveryNoteNumber: 1,
    });
  });

  it('splits between card and cash, rounding only the cash part', async () => {
    const { sale } = await reg.call('sales/complete', {
      id: randomUUID(),
      lines: [{ productId: 'p-mug', quantity: 1 }, { productId: 'p-coffee', quantity: 1 }],
      payments: [
        { method: 'card', amountOre: 10000 },
        { method: 'cash', tenderedOre: 10000 },
      ],
    });
    // 184.50 total; card 100.00; cash part 84.50 → 85.00
    expect(sale.payments.map((p) => [p.method, p.amountOre])).toEqual([
      ['card', 10000],
      ['cash', 8500],
    ]);
    expect(sale.roundingOre).toBe(50);
    expect(sale.changeOre).toBe(1500);
  });

  it('writes the sale and its outbox event together', async () => {
    const { sale } = await reg.call('sales/complete', {
      id: randomUUID(),
      lines: [{ productId: 'p-coffee', quantity: 1 }],
      payments: [{ method: 'card', amountOre: 3500 }],
    });
    const events = reg.core.context.store.sqlite.prepare("SELECT payload FROM outbox WHERE type = 'sale.completed'").all() as { payload: string }[];
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.payload).sale).toEqual(sale);
    expect(count('outbox')).toBe(1);
  });

  it('returns the same sale when a completed sale is retried, and refuses a reused id', async () => {
    const request = {
      id: randomUUID(),
      lines: [{ productId: 'p-coffee', quantity: 2 }],
      payments: [{ method: 'card' as const, amountOre: 7000 }],
    };
    const first = await reg.call('sales/complete', request);
    const second = await reg.call('sales/complete', request);
    expect(second.sale).toEqual(first.sale);
    expect(count('sales')).toBe(1);
    expect(count('outbox')).toBe(1);

    const reused = await reg.core.send('sales/complete', { ...request, lines: [{ productId: 'p-coffee', quantity: 3 }], payments: [{ method: 'card', amountOre: 10500 }] });
    expect(reused).toMatchObject({ ok: false, error: { code: 'SALE_ID_REUSED', field: 'id' } });
  });

  it('keeps completed sales immutable in the database itself', async () => {
    const { sale } = await reg.call('sales/complete', {
      id: randomUUID(),
      lines: [{ productId: 'p-coffee', quantity: 1 }],
      payments: [{ method: 'card', amountOre: 3500 }],
    });
    const sqlite = reg.core.context.store.sqlite;
    expect(() => sqlite.prepare('UPDATE sales SET total_ore = 1 WHERE id = ?').run(sale.id)).toThrow(/immutable/);
    expect(() => sqlite.prepare('DELETE FROM sale_lines WHERE sale_id = ?').run(sale.id)).toThrow(/immutable/);
    expect(() => sqlite.prepare('UPDATE sale_payments SET amount_ore = 1 WHERE sale_id = ?').run(sale.id)).toThrow(/immutable/);
  });

  it('commits with full durability settings', () => {
    const sqlite = reg.core.context.store.sqlite;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
  });
});

describe('refusing a bad sale', () => {
  const cases: [string, () => Promise<Record<string, unknown>>, string, string | undefined][] = [
    ['an unknown product', async () => ({ lines: [{ productId: 'nope', quantity: 1 }], payments: [{ method: 'card', amountOre: 100 }] }), 'UNKNOWN_PRODUCT', 'lines[0].productId'],
    ['quantity zero', async () => ({ lines: [{ productId: 'p-coffee', quantity: 0 }], payments: [{ method: 'card', amountOre: 100 }] }), 'QUANTITY_NOT_POSITIVE', 'lines[0].quantity'],
    ['a fractional quantity', async () => ({ lines: [{ productId: 'p-coffee', quantity: 1.5 }], payments: [{ method: 'card', amountOre: 100 }] }), 'VALIDATION', 'lines[0].quantity'],
    ['a short cash payment', async () => ({ lines: [{ productId: 'p-mug', quantity: 1 }], payments: [{ method: 'cash', tenderedOre: 10000 }] }), 'PAYMENT_SHORT', undefined],
    ['a card payment over the total', async () => ({ lines: [{ productId: 'p-coffee', quantity: 1 }], payments: [{ method: 'card', amountOre: 9900 }] }), 'PAYMENT_OVER', 'payments[0].amountOre'],
    ['an invoice payment without a customer', async () => ({ lines: [{ productId: 'p-coffee', quantity: 1 }], payments: [{ method: 'invoice', amountOre: 3500 }] }), 'INVOICE_CUSTOMER_REQUIRED', 'invoice.customerId'],
    ['an unknown customer', async () => ({ lines: [{ productId: 'p-coffee', quantity: 1 }], payments: [{ method: 'invoice', amountOre: 3500 }], invoice: { customerId: randomUUID() } }), 'UNKNOWN_CUSTOMER', 'invoice.customerId'],
    ['a customer that is not invoiceable', async () => {
      const { customers } = await reg.call('customers/search', { query: '', includeInactive: true, limit: 100 });
      const blocked = customers.find((c) => !c.invoiceable)!;
      return { lines: [{ productId: 'p-coffee', quantity: 1 }], payments: [{ method: 'invoice', amountOre: 3500 }], invoice: { customerId: blocked.id } };
    }, 'CUSTOMER_NOT_INVOICEABLE', 'invoice.customerId'],
  ];

  it.each(cases)('refuses %s with a field-level error and leaves nothing behind', async (_name, build, code, field) => {
    const result = await reg.core.send('sales/complete', { id: randomUUID(), ...(await build()) } as never);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    if (field) expect(result.error.field).toBe(field);
    expect(result.error.message.length).toBeGreaterThan(10);
    expect(count('sales')).toBe(0);
    expect(count('outbox')).toBe(0);
  });

  it('leaves no gap in the receipt or delivery-note series after a refused sale', async () => {
    const customer = await invoiceableCustomer();
    const invoiceSale = () =>
      reg.call('sales/complete', {
        id: randomUUID(),
        lines: [{ productId: 'p-coffee', quantity: 1 }],
        payments: [{ method: 'invoice', amountOre: 3500 }],
        invoice: { customerId: customer.id },
      });
    const first = await invoiceSale();
    const refused = await reg.core.send('sales/complete', {
      id: randomUUID(),
      lines: [{ productId: 'p-coffee', quantity: 1 }],
      payments: [{ method: 'invoice', amountOre: 9999 }],
      invoice: { customerId: customer.id },
    });
    expect(refused.ok).toBe(false);
    const second = await invoiceSale();
    expect([first.sale.receiptNumber, second.sale.receiptNumber]).toEqual([1, 2]);
    expect([first.sale.invoice!.deliveryNoteNumber, second.sale.invoice!.deliveryNoteNumber]).toEqual([1, 2]);
  });

  it('requires a signed-in cashier', async () => {
    await reg.call('session/sign-out', {});
    const result = await reg.core.send('sales/complete', { id: randomUUID(), lines: [{ productId: 'p-coffee', quantity: 1 }], payments: [{ method: 'card', amountOre: 3500 }] });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });
});
