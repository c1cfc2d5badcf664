import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayReportFigures, type DayReportInput, type ReportSale } from './day-report';

const RATES = [2500, 1200, 600, 0];
const GROUPS = [
  { groupId: 'g-food', groupName: 'Mat' },
  { groupId: 'g-books', groupName: 'Böcker' },
  { groupId: null, groupName: null },
];

const line = fc.record({
  quantity: fc.integer({ min: 1, max: 5 }),
  unitOre: fc.integer({ min: 1, max: 100_000 }),
  discountOre: fc.integer({ min: 0, max: 500 }),
  rate: fc.constantFrom(...RATES),
  group: fc.constantFrom(...GROUPS),
});

/** A sale as the register stores it: lines' gross is the total, payments cover total + rounding. */
const sale = fc
  .record({
    lines: fc.array(line, { minLength: 1, maxLength: 4 }),
    method: fc.constantFrom('cash' as const, 'card' as const, 'invoice' as const),
    training: fc.boolean(),
    isReturn: fc.boolean(),
    rounding: fc.integer({ min: -49, max: 50 }),
    overpay: fc.integer({ min: 0, max: 50_000 }),
  })
  .map(({ lines, method, training, isReturn, rounding, overpay }): Omit<ReportSale, 'receiptNumber'> => {
    const sign = isReturn ? -1 : 1;
    const saleLines = lines.map((l) => {
      const grossOre = sign * (l.quantity * l.unitOre - Math.min(l.discountOre, l.quantity * l.unitOre));
      const vatOre = Math.round((grossOre * l.rate) / (10_000 + l.rate));
      return {
        quantity: sign * l.quantity,
        discountOre: sign * Math.min(l.discountOre, l.quantity * l.unitOre),
        grossOre,
        vatRateBp: l.rate,
        vatOre,
        netOre: grossOre - vatOre,
        ...l.group,
      };
    });
    const totalOre = saleLines.reduce((a, l) => a + l.grossOre, 0);
    const roundingOre = method === 'cash' ? rounding : 0;
    const dueOre = totalOre + roundingOre;
    const cashBack = method === 'cash' && !isReturn;
    return {
      totalOre,
      roundingOre,
      training,
      isReturn,
      deliveryNoteNumber: method === 'invoice' ? 1 : null,
      customerName: method === 'invoice' ? 'Kund AB' : null,
      lines: saleLines,
      payments: [
        {
          method,
          amountOre: dueOre,
          tenderedOre: cashBack ? dueOre + overpay : null,
          changeOre: cashBack ? overpay : 0,
        },
      ],
    };
  });

const day = fc.record({
  sales: fc.array(sale, { maxLength: 40 }).map((sales) => sales.map((s, i) => ({ ...s, receiptNumber: 100 + i }))),
  floatOre: fc.integer({ min: 0, max: 500_000 }),
  countedCashOre: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
  copies: fc.nat(10),
  drawerOpeningsWithoutSale: fc.nat(10),
  previousGrandTotalOre: fc.integer({ min: 0, max: 1_000_000_000 }),
  listInvoiceSales: fc.boolean(),
});

describe('dayReportFigures', () => {
  it('adds up to the sales summed independently, line by line and payment by payment', () => {
    fc.assert(
      fc.property(day, (input: DayReportInput) => {
        const f = dayReportFigures(input);
        const real = input.sales.filter((s) => !s.training);
        const allLines = real.flatMap((s) => s.lines);
        const allPayments = real.flatMap((s) => s.payments);
        const lineGross = allLines.reduce((a, l) => a + l.grossOre, 0);

        expect(f.receiptCount).toBe(real.length);
        expect(f.netSalesOre).toBe(lineGross);
        expect(f.sales.grossOre - f.returns.amountOre).toBe(lineGross);
        expect(f.vatRates.reduce((a, r) => a + r.grossOre, 0)).toBe(lineGross);
        expect(f.vatRates.reduce((a, r) => a + r.vatOre, 0)).toBe(allLines.reduce((a, l) => a + l.vatOre, 0));
        for (const r of f.vatRates) expect(r.netOre + r.vatOre).toBe(r.grossOre);
        expect(f.groups.reduce((a, g) => a + g.grossOre, 0)).toBe(lineGross);
        expect(f.payments.reduce((a, p) => a + p.amountOre, 0)).toBe(real.reduce((a, s) => a + s.totalOre + s.roundingOre, 0));
        expect(f.roundingOre).toBe(real.reduce((a, s) => a + s.roundingOre, 0));
        expect(f.discountOre).toBe(allLines.reduce((a, l) => a + l.discountOre, 0));
        expect(f.returns.count).toBe(real.filter((s) => s.isReturn).length);
        expect(f.returns.amountOre).toBe(-real.filter((s) => s.isReturn).reduce((a, s) => a + s.totalOre, 0));
        const cashMoved = allPayments.filter((p) => p.method === 'cash').reduce((a, p) => a + p.amountOre, 0);
        expect(f.cash.expectedOre).toBe(input.floatOre + cashMoved);
        expect(f.cash.differenceOre).toBe(input.countedCashOre === null ? null : input.countedCashOre - input.floatOre - cashMoved);
        expect(f.grandTotalOre).toBe(input.previousGrandTotalOre + lineGross);
        expect(f.invoices.list.length).toBe(input.listInvoiceSales ? f.invoices.count : 0);
        expect(f.training.count).toBe(input.sales.length - real.length);
      }),
    );
  });

  it('never counts a training sale in the sales figures', () => {
    fc.assert(
      fc.property(day, fc.array(sale, { maxLength: 10 }), (input, extra) => {
        const training = extra.map((s, i) => ({ ...s, training: true, receiptNumber: i + 1 }));
        const without = dayReportFigures(input);
        const withTraining = dayReportFigures({ ...input, sales: [...input.sales, ...training] });
        expect({ ...withTraining, training: null }).toEqual({ ...without, training: null });
        expect(withTraining.training.count).toBe(without.training.count + training.length);
        expect(withTraining.training.amountOre).toBe(without.training.amountOre + training.reduce((a, s) => a + s.totalOre, 0));
      }),
    );
  });

  it('lets a return subtract from the grand total and refund cash out of the drawer', () => {
    const cashLine = { quantity: 1, discountOre: 0, grossOre: 10_000, vatRateBp: 2500, vatOre: 2000, netOre: 8000, groupId: 'g', groupName: 'G' };
    const f = dayReportFigures({
      sales: [
        { receiptNumber: 1, totalOre: 10_000, roundingOre: 0, training: false, isReturn: false, deliveryNoteNumber: null, customerName: null, lines: [cashLine], payments: [{ method: 'cash', amountOre: 10_000, tenderedOre: 20_000, changeOre: 10_000 }] },
        {
          receiptNumber: 2,
          totalOre: -10_000,
          roundingOre: 0,
          training: false,
          isReturn: true,
          deliveryNoteNumber: null,
          customerName: null,
          lines: [{ ...cashLine, quantity: -1, grossOre: -10_000, vatOre: -2000, netOre: -8000 }],
          payments: [{ method: 'cash', amountOre: -10_000, tenderedOre: null, changeOre: 0 }],
        },
      ],
      floatOre: 50_000,
      countedCashOre: 49_000,
      copies: 1,
      drawerOpeningsWithoutSale: 2,
      previousGrandTotalOre: 1_000_000,
      listInvoiceSales: false,
    });
    expect(f.grandTotalOre).toBe(1_000_000);
    expect(f.returns).toEqual({ count: 1, amountOre: 10_000 });
    expect(f.cash).toEqual({ floatOre: 50_000, cashInOre: 20_000, changeOre: 10_000, refundsOre: 10_000, expectedOre: 50_000, countedOre: 49_000, differenceOre: -1000 });
    expect(f.groups).toEqual([{ groupId: 'g', name: 'G', quantity: 0, grossOre: 0 }]);
  });
});
