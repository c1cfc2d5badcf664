import { cashRound, settle, vatFromGross } from '@nota/domain';
import type { Sale } from '@nota/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nothingReturned, refundFor, returnLine, type RefundedBefore, type ReturnedOfLine } from './return-amounts';

type SaleLine = Sale['lines'][number];

/** A line as the cart prices it: list price, a discount, VAT from the gross. */
const line = fc
  .record({ quantity: fc.integer({ min: 1, max: 12 }), unitPriceOre: fc.integer({ min: 0, max: 500_000 }), discountBp: fc.integer({ min: 0, max: 10_000 }), vatRateBp: fc.constantFrom(0, 600, 1200, 2500) })
  .map(({ quantity, unitPriceOre, discountBp, vatRateBp }): SaleLine => {
    const listOre = quantity * unitPriceOre;
    const discountOre = Math.round((listOre * discountBp) / 10_000);
    const grossOre = listOre - discountOre;
    const vatOre = vatFromGross(grossOre, vatRateBp);
    return { lineNo: 1, productId: 'p', sku: '1', name: 'P', quantity, unitPriceOre, discountOre, grossOre, vatRateBp, vatOre, netOre: grossOre - vatOre };
  });

/** Splits `total` units into returns of at least one unit each. */
const parts = (total: number) =>
  fc.array(fc.integer({ min: 1, max: total }), { minLength: 1, maxLength: total }).map((sizes) => {
    const out: number[] = [];
    let left = total;
    for (const size of sizes) {
      if (left === 0) break;
      const take = Math.min(size, left);
      out.push(take);
      left -= take;
    }
    if (left > 0) out.push(left);
    return out;
  });

describe('a line returned in parts', () => {
  it('adds up exactly to the original line, and every part is consistent and not positive', () => {
    fc.assert(
      fc.property(line.chain((l) => fc.tuple(fc.constant(l), parts(l.quantity))), ([original, sizes]) => {
        let before: ReturnedOfLine = nothingReturned;
        const made = sizes.map((q) => {
          const r = returnLine(original, before, q);
          before = { quantity: before.quantity + q, discountOre: before.discountOre - r.discountOre, grossOre: before.grossOre - r.grossOre, vatOre: before.vatOre - r.vatOre };
          return r;
        });
        for (const key of ['quantity', 'discountOre', 'grossOre', 'vatOre', 'netOre'] as const) {
          expect(0 - made.reduce((a, r) => a + r[key], 0)).toBe(original[key]);
        }
        for (const r of made) {
          // (+ 0: −1 × 0 is −0 in JavaScript, which toBe tells from 0.)
          expect(r.quantity * r.unitPriceOre - r.discountOre - r.grossOre + 0).toBe(0);
          expect(r.vatOre + r.netOre).toBe(r.grossOre);
          expect(r.grossOre).toBeLessThanOrEqual(0);
          expect(r.vatOre).toBeLessThanOrEqual(0);
        }
      }),
    );
  });
});

describe('the refunds of a sale returned in parts', () => {
  it('go back by the original methods, card first, add up to what was paid, and cash refunds are whole kronor', () => {
    const sale = fc.record({
      totalOre: fc.integer({ min: 1, max: 2_000_000 }),
      cardShares: fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 3 }),
      cardPartBp: fc.integer({ min: 0, max: 10_000 }),
      cash: fc.boolean(),
      cuts: fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(sale, ({ totalOre, cardShares, cardPartBp, cash, cuts }) => {
        // Card payments (a share of the total, split over 0-3 cards); cash settles the rest, rounded.
        const cardTotal = cash ? Math.floor((totalOre * cardPartBp) / 10_000) : totalOre;
        const shares = cardShares.length ? cardShares : cash ? [] : [1];
        const weight = shares.reduce((a, b) => a + b, 0);
        const cards = shares.map((s, i) => (i === shares.length - 1 ? cardTotal - shares.slice(0, -1).reduce((a, x) => a + Math.floor((cardTotal * x) / weight), 0) : Math.floor((cardTotal * s) / weight))).filter((c) => c > 0);
        const paidCard = cards.reduce((a, b) => a + b, 0);
        const hasCash = cash || paidCard < totalOre;
        const payments = settle(totalOre, [...cards.map((amountOre) => ({ method: 'card' as const, amountOre })), ...(hasCash ? [{ method: 'cash' as const, tenderedOre: totalOre + 100 }] : [])]).payments;

        // The goods come back in parts that sum to the total.
        const sizes: number[] = [];
        let left = totalOre;
        for (const cut of cuts) {
          if (left === 0) break;
          const part = Math.min(cut, left);
          sizes.push(part);
          left -= part;
        }
        if (left > 0) sizes.push(left);

        const before: RefundedBefore = { grossOre: 0, cardOre: 0, cashOre: 0 };
        for (const gross of sizes) {
          const { refunds, roundingOre } = refundFor(payments, before, gross);
          for (const p of refunds) {
            expect(p.amountOre).toBeLessThanOrEqual(0);
            expect(payments.some((o) => o.method === p.method)).toBe(true);
            if (p.method === 'cash') expect(Math.abs(p.amountOre % 100)).toBe(0);
          }
          const refunded = -refunds.reduce((a, p) => a + p.amountOre, 0);
          expect(refunded - gross + roundingOre).toBe(0);
          before.grossOre += gross;
          before.cardOre -= refunds.filter((p) => p.method === 'card').reduce((a, p) => a + p.amountOre, 0);
          before.cashOre -= refunds.filter((p) => p.method === 'cash').reduce((a, p) => a + p.amountOre, 0);
          // Card first: no cash goes back while the cards have something left to take.
          if (before.cashOre > 0) expect(before.cardOre).toBe(paidCard);
        }
        expect(before.cardOre).toBe(paidCard);
        expect(before.cashOre).toBe(payments.find((p) => p.method === 'cash')?.amountOre ?? 0);
        if (hasCash) expect(before.cashOre).toBe(cashRound(totalOre - paidCard).roundedOre);
      }),
    );
  });
});
