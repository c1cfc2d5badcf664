import { DomainError } from './errors';
import { assertOre, formatKronor, roundHalfAwayFromZero, type Ore } from './money';

/** Rounds to whole kronor, 50 öre away from zero; roundingOre is what the sale gains or loses. */
export function cashRound(amountOre: Ore): { roundedOre: Ore; roundingOre: Ore } {
  assertOre(amountOre, 'amountOre');
  const roundedOre = roundHalfAwayFromZero(amountOre, 100) * 100;
  return { roundedOre, roundingOre: roundedOre - amountOre };
}

export type PaymentInput =
  | { method: 'cash'; tenderedOre: Ore }
  | { method: 'card'; amountOre: Ore }
  | { method: 'invoice'; amountOre: Ore };

export interface SettledPayment {
  method: 'cash' | 'card' | 'invoice';
  amountOre: Ore;
  tenderedOre: Ore | null;
  changeOre: Ore;
}

export interface Settlement {
  payments: SettledPayment[];
  roundingOre: Ore;
  /** total + rounding; always equals the sum of the payments' amountOre */
  totalDueOre: Ore;
  changeOre: Ore;
}

const kr = (ore: Ore) => `${formatKronor(ore)} kr`;

export function settle(totalOre: Ore, payments: readonly PaymentInput[]): Settlement {
  assertOre(totalOre, 'totalOre');
  if (payments.length === 0) {
    throw new DomainError('REQUIRED', 'payments: at least one payment is required', 'payments');
  }
  const seen = new Set<string>();
  payments.forEach((p, i) => {
    if (p.method !== 'card' && seen.has(p.method)) {
      const field = `payments[${i}].method`;
      throw new DomainError('INVALID', `${field}: only one ${p.method} payment is allowed per sale`, field);
    }
    seen.add(p.method);
  });

  // Card and invoice are exact amounts and go first; cash settles whatever is left.
  let nonCashOre = 0;
  payments.forEach((p, i) => {
    if (p.method === 'cash') return;
    if (p.method !== 'card' && p.method !== 'invoice') {
      const field = `payments[${i}].method`;
      throw new DomainError('INVALID', `${field}: unknown payment method '${String((p as { method: unknown }).method)}'`, field);
    }
    const field = `payments[${i}].amountOre`;
    if (!Number.isSafeInteger(p.amountOre) || p.amountOre <= 0) {
      throw new DomainError('INVALID_AMOUNT', `${field}: ${p.amountOre} is not a positive whole number of öre`, field);
    }
    nonCashOre += p.amountOre;
    if (nonCashOre > totalOre) {
      throw new DomainError('PAYMENT_OVER', `${field}: card and invoice payments (${kr(nonCashOre)}) exceed the total ${kr(totalOre)}`, field);
    }
  });
  const remainingOre = totalOre - nonCashOre;

  const cashIndex = payments.findIndex((p) => p.method === 'cash');
  const cash = payments[cashIndex];
  let cashAmountOre = 0;
  let roundingOre = 0;
  let changeOre = 0;
  if (cash?.method === 'cash') {
    const field = `payments[${cashIndex}].tenderedOre`;
    if (!Number.isSafeInteger(cash.tenderedOre) || cash.tenderedOre < 0) {
      throw new DomainError('INVALID_AMOUNT', `${field}: ${cash.tenderedOre} is not a non-negative whole number of öre`, field);
    }
    // The rounding belongs to the sale (own account), not to the customer's cash.
    ({ roundedOre: cashAmountOre, roundingOre } = cashRound(remainingOre));
    if (cash.tenderedOre < cashAmountOre) {
      const missing = kr(cashAmountOre - cash.tenderedOre);
      throw new DomainError(
        'PAYMENT_SHORT',
        `${field}: ${kr(cash.tenderedOre)} tendered but ${kr(cashAmountOre)} is due in cash; ${missing} missing`,
        field,
      );
    }
    changeOre = cash.tenderedOre - cashAmountOre;
  } else if (remainingOre !== 0) {
    throw new DomainError('PAYMENT_SHORT', `payments: ${kr(remainingOre)} of ${kr(totalOre)} is not paid`, 'payments');
  }

  return {
    payments: payments.map((p): SettledPayment =>
      p.method === 'cash'
        ? { method: 'cash', amountOre: cashAmountOre, tenderedOre: p.tenderedOre, changeOre }
        : { method: p.method, amountOre: p.amountOre, tenderedOre: null, changeOre: 0 },
    ),
    roundingOre,
    totalDueOre: totalOre + roundingOre,
    changeOre,
  };
}
