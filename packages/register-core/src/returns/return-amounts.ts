import { cashRound, roundHalfAwayFromZero } from '@nota/domain';
import type { Sale } from '@nota/protocol';

type SaleLine = Sale['lines'][number];
type SalePayment = Sale['payments'][number];

/** What earlier returns already gave back of one original line, as positive numbers. */
export interface ReturnedOfLine {
  quantity: number;
  discountOre: number;
  grossOre: number;
  vatOre: number;
}

export const nothingReturned: ReturnedOfLine = { quantity: 0, discountOre: 0, grossOre: 0, vatOre: 0 };

/**
 * The share of `total` that belongs to `units` of `sold`, given what earlier returns took. Each return
 * takes the cumulative share minus what was already taken, so however a line is returned in parts, the
 * parts sum exactly to the original (no öre lost or made) and the last return takes the remainder.
 */
function share(total: number, unitsAfter: number, sold: number, takenBefore: number): number {
  if (unitsAfter === sold) return total - takenBefore;
  return roundHalfAwayFromZero(total * unitsAfter, sold) - takenBefore;
}

/** 0 − n rather than −n: a return of an undiscounted line has discount 0, not −0. */
const negate = (n: number): number => 0 - n;

/** The return line for `quantity` units of `original`: the same product, name and VAT rate, negative amounts. */
export function returnLine(original: SaleLine, before: ReturnedOfLine, quantity: number): SaleLine {
  const after = before.quantity + quantity;
  const discountOre = share(original.discountOre, after, original.quantity, before.discountOre);
  // Gross follows from the list price and the discount share, so quantity × price − discount holds on every return line.
  const grossOre = quantity * original.unitPriceOre - discountOre;
  const vatOre = share(original.vatOre, after, original.quantity, before.vatOre);
  return {
    ...original,
    quantity: negate(quantity),
    discountOre: negate(discountOre),
    grossOre: negate(grossOre),
    vatOre: negate(vatOre),
    netOre: negate(grossOre - vatOre),
  };
}

/** What earlier returns refunded of a sale, as positive numbers. */
export interface RefundedBefore {
  grossOre: number;
  cardOre: number;
  cashOre: number;
}

/**
 * The refund rule. A cash sale refunds cash, a card sale refunds card. A split sale (card and cash)
 * refunds to card first, up to what the cards paid, and the rest in cash; several card payments are
 * refunded in the order they were paid. Cash is cash-rounded on the cumulative amount returned: a
 * return refunds `cashRound(all returned so far, cash part) − cash already refunded`, so the refunds of
 * a sale returned in parts add up to exactly what it was paid, and each cash refund is whole kronor.
 * Returns the refund payments (negative) and the return's rounding (total due − total).
 */
export function refundFor(
  originalPayments: readonly SalePayment[],
  before: RefundedBefore,
  returnGrossOre: number,
): { refunds: SalePayment[]; roundingOre: number } {
  const cards = originalPayments.filter((p) => p.method === 'card').map((p) => p.amountOre);
  const hasCash = originalPayments.some((p) => p.method === 'cash');
  const cardPaid = cards.reduce((a, b) => a + b, 0);
  const grossAfter = before.grossOre + returnGrossOre;

  const cardAfter = hasCash ? Math.min(grossAfter, cardPaid) : grossAfter;
  const cashAfter = hasCash ? cashRound(grossAfter - cardAfter).roundedOre : 0;
  const cashNow = cashAfter - before.cashOre;

  const refunds: SalePayment[] = [];
  // Each card's cumulative share, greedily in the order paid; this return refunds the growth.
  const allocate = (amount: number) => cards.map((paid) => {
    const part = Math.min(paid, amount);
    amount -= part;
    return part;
  });
  const cardsBefore = allocate(before.cardOre);
  allocate(cardAfter).forEach((part, i) => {
    const now = part - cardsBefore[i]!;
    if (now !== 0) refunds.push({ method: 'card', amountOre: negate(now), tenderedOre: null, changeOre: 0 });
  });
  if (cashNow !== 0 || (hasCash && refunds.length === 0)) {
    refunds.push({ method: 'cash', amountOre: negate(cashNow), tenderedOre: null, changeOre: 0 });
  }
  if (refunds.length === 0) refunds.push({ method: 'card', amountOre: 0, tenderedOre: null, changeOre: 0 });
  const refundedNow = refunds.reduce((sum, p) => sum - p.amountOre, 0);
  return { refunds, roundingOre: returnGrossOre - refundedNow };
}
