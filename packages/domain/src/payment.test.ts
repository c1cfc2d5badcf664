import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cashRound, settle, type PaymentInput } from './payment';

describe('cashRound', () => {
  it('rounds 50 öre away from zero in both directions', () => {
    expect(cashRound(12350)).toEqual({ roundedOre: 12400, roundingOre: 50 });
    expect(cashRound(-12350)).toEqual({ roundedOre: -12400, roundingOre: -50 });
    expect(cashRound(50)).toEqual({ roundedOre: 100, roundingOre: 50 });
  });

  it('rounds everything else to the nearest krona', () => {
    expect(cashRound(12349)).toEqual({ roundedOre: 12300, roundingOre: -49 });
    expect(cashRound(12351)).toEqual({ roundedOre: 12400, roundingOre: 49 });
    expect(cashRound(-12349)).toEqual({ roundedOre: -12300, roundingOre: 49 });
    expect(cashRound(12300)).toEqual({ roundedOre: 12300, roundingOre: 0 });
    expect(cashRound(49)).toEqual({ roundedOre: 0, roundingOre: -49 });
    expect(cashRound(0)).toEqual({ roundedOre: 0, roundingOre: 0 });
  });
});

describe('settle', () => {
  it('rounds a cash-only sale and gives change', () => {
    expect(settle(12345, [{ method: 'cash', tenderedOre: 20000 }])).toEqual({
      payments: [{ method: 'cash', amountOre: 12300, tenderedOre: 20000, changeOre: 7700 }],
      roundingOre: -45,
      totalDueOre: 12300,
      changeOre: 7700,
    });
  });

  it('rounds cash up at 50 öre and accepts the exact rounded amount', () => {
    const s = settle(12350, [{ method: 'cash', tenderedOre: 12400 }]);
    expect(s.roundingOre).toBe(50);
    expect(s.changeOre).toBe(0);
    expect(settle(12349, [{ method: 'cash', tenderedOre: 12300 }]).changeOre).toBe(0);
  });

  it('never rounds card or invoice amounts', () => {
    expect(settle(12345, [{ method: 'card', amountOre: 12345 }])).toEqual({
      payments: [{ method: 'card', amountOre: 12345, tenderedOre: null, changeOre: 0 }],
      roundingOre: 0,
      totalDueOre: 12345,
      changeOre: 0,
    });
    expect(settle(10000, [{ method: 'invoice', amountOre: 6000 }, { method: 'card', amountOre: 4000 }]).totalDueOre).toBe(10000);
  });

  it('lets cash settle the remainder after card, wherever it is listed', () => {
    const s = settle(12345, [{ method: 'cash', tenderedOre: 5000 }, { method: 'card', amountOre: 10000 }]);
    expect(s.payments).toEqual([
      { method: 'cash', amountOre: 2300, tenderedOre: 5000, changeOre: 2700 },
      { method: 'card', amountOre: 10000, tenderedOre: null, changeOre: 0 },
    ]);
    expect(s.roundingOre).toBe(-45);
    expect(s.totalDueOre).toBe(12300);
  });

  it('gives back all tendered cash when card already covers the total', () => {
    const s = settle(10030, [{ method: 'card', amountOre: 10000 }, { method: 'cash', tenderedOre: 0 }]);
    expect(s.payments[1]).toEqual({ method: 'cash', amountOre: 0, tenderedOre: 0, changeOre: 0 });
    expect(s.roundingOre).toBe(-30);
    expect(s.totalDueOre).toBe(10000);
  });

  it('reports missing cash in kronor', () => {
    expect(() => settle(12345, [{ method: 'cash', tenderedOre: 12000 }])).toThrow(
      expect.objectContaining({
        code: 'PAYMENT_SHORT',
        field: 'payments[0].tenderedOre',
        message: expect.stringContaining('3,00 kr missing'),
      }),
    );
  });

  it('requires non-cash payments to cover the total exactly when there is no cash', () => {
    expect(() => settle(12345, [{ method: 'card', amountOre: 12300 }])).toThrow(
      expect.objectContaining({ code: 'PAYMENT_SHORT', field: 'payments', message: expect.stringContaining('0,45 kr') }),
    );
  });

  it('refuses card and invoice amounts above the total', () => {
    expect(() => settle(10000, [{ method: 'card', amountOre: 6000 }, { method: 'invoice', amountOre: 5000 }])).toThrow(
      expect.objectContaining({ code: 'PAYMENT_OVER', field: 'payments[1].amountOre' }),
    );
  });

  it('requires positive whole card and invoice amounts', () => {
    for (const amountOre of [0, -100, 10.5]) {
      expect(() => settle(10000, [{ method: 'card', amountOre }, { method: 'cash', tenderedOre: 10000 }])).toThrow(
        expect.objectContaining({ code: 'INVALID_AMOUNT', field: 'payments[0].amountOre' }),
      );
    }
  });

  it('allows several cards but at most one cash and one invoice payment', () => {
    expect(settle(300, [{ method: 'card', amountOre: 100 }, { method: 'card', amountOre: 200 }]).totalDueOre).toBe(300);
    expect(() => settle(300, [{ method: 'cash', tenderedOre: 100 }, { method: 'cash', tenderedOre: 200 }])).toThrow(
      expect.objectContaining({ code: 'INVALID', field: 'payments[1].method' }),
    );
    expect(() =>
      settle(300, [{ method: 'invoice', amountOre: 100 }, { method: 'card', amountOre: 100 }, { method: 'invoice', amountOre: 100 }]),
    ).toThrow(expect.objectContaining({ code: 'INVALID', field: 'payments[2].method' }));
  });

  it('requires at least one payment', () => {
    expect(() => settle(100, [])).toThrow(expect.objectContaining({ code: 'REQUIRED', field: 'payments' }));
  });

  it('balances for any mix of payments', () => {
    const mix = fc
      .record({
        total: fc.integer({ min: 0, max: 10_000_000 }),
        cardPart: fc.nat(),
        invoicePart: fc.nat(),
        withCash: fc.boolean(),
        extra: fc.integer({ min: 0, max: 100_000 }),
        reversed: fc.boolean(),
      })
      .map(({ total, cardPart, invoicePart, withCash, extra, reversed }) => {
        const card = cardPart % (total + 1);
        const invoice = invoicePart % (total - card + 1);
        const rest = total - card - invoice;
        const payments: PaymentInput[] = [];
        if (card > 0) payments.push({ method: 'card', amountOre: card });
        if (invoice > 0) payments.push({ method: 'invoice', amountOre: invoice });
        if (withCash || rest > 0 || payments.length === 0) {
          payments.push({ method: 'cash', tenderedOre: Math.max(0, cashRound(rest).roundedOre) + extra });
        }
        return { total, payments: reversed ? payments.reverse() : payments };
      });
    fc.assert(
      fc.property(mix, ({ total, payments }) => {
        const s = settle(total, payments);
        const paid = s.payments.reduce((sum, p) => sum + p.amountOre, 0);
        const cash = s.payments.find((p) => p.method === 'cash');
        expect(paid).toBe(s.totalDueOre);
        expect(s.totalDueOre).toBe(total + s.roundingOre);
        expect(Math.abs(s.roundingOre)).toBeLessThanOrEqual(50);
        expect(s.changeOre).toBeGreaterThanOrEqual(0);
        if (cash) {
          expect(cash.amountOre % 100).toBe(0);
          expect((cash.tenderedOre ?? 0) - cash.changeOre).toBe(cash.amountOre);
        } else {
          expect(s.roundingOre).toBe(0);
        }
      }),
    );
  });
});
