import { formatAmount, parseAmount } from '../amount';
import type { RawGl07Transaction, RawGl07Voucher } from '../gl07/gl07-read';

export interface PostingRules {
  /** The client the import runs in; the only company it may post to. */
  client: string;
  taxCodes: ReadonlySet<string>;
  customerExists(companyCode: string, customerId: string): boolean;
}

/**
 * Why GL07 would leave this voucher in batch input rather than post it; empty when it posts.
 * Judged when the order runs, so a customer created by a CS15 that ran first counts.
 */
export function voucherErrors(voucher: RawGl07Voucher, label: string, rules: PostingRules): string[] {
  const errors: string[] = [];
  const company = voucher.companyCode ?? '';
  if (company !== rules.client) errors.push(`Company ${company} does not exist in client ${rules.client}`);

  let balance = 0;
  let amountsReadable = true;
  for (const [i, t] of voucher.transactions.entries()) {
    const row = `Transaction ${i + 1}`;
    const amount = rowAmount(t);
    if (amount === null) {
      amountsReadable = false;
      errors.push(`${row}: amount "${t.amount ?? t.currAmount}" is not a whole number of öre`);
    } else {
      balance += amount;
    }
    const transType = t.transType ?? 'GL';
    if (!['GL', 'AR', 'AP', 'TX'].includes(transType)) errors.push(`${row}: unknown transaction type "${transType}"`);
    if (!t.account) errors.push(`${row} has no account`);
    if (t.taxCode && !rules.taxCodes.has(t.taxCode)) errors.push(`${row}: tax code ${t.taxCode} does not exist in company ${company}`);
    if (transType === 'TX' && !t.taxTransInfo) errors.push(`${row} (TX) has no TaxTransInfo`);
    if (transType === 'AR' || transType === 'AP') {
      const party = transType === 'AR' ? 'Customer' : 'Supplier';
      const number = t.apArInfo?.apArNo;
      if (!number) errors.push(`${row} (${transType}) has no ${party.toLowerCase()} number (ApArInfo/ApArNo)`);
      // The simulator keeps no supplier register, so every AP row names an unknown supplier.
      else if (transType === 'AP' || !rules.customerExists(company, number)) errors.push(`${party} ${number} does not exist in company ${company}`);
    }
  }
  if (amountsReadable && balance !== 0) errors.push(`Voucher ${label} is not in balance: difference ${formatAmount(balance)}`);
  return errors;
}

/** The facts about a voucher that the accepted list and the confirmation template show. */
export function voucherFacts(voucher: RawGl07Voucher): { invoiceNo: string | null; apArNo: string | null; externalRefs: string[]; amountOre: number } {
  const ar = voucher.transactions.find((t) => t.transType === 'AR');
  return {
    invoiceNo: ar?.apArInfo?.invoiceNo ?? null,
    apArNo: ar?.apArInfo?.apArNo ?? null,
    externalRefs: voucher.transactions.flatMap((t) => (t.externalRef === undefined ? [] : [t.externalRef])),
    amountOre: voucher.transactions.reduce((sum, t) => sum + Math.max(0, rowAmount(t) ?? 0), 0),
  };
}

// GL07 books a row without amounts as zero.
function rowAmount(t: RawGl07Transaction): number | null {
  const text = t.amount ?? t.currAmount;
  if (text === undefined) return 0;
  try {
    return parseAmount(text);
  } catch {
    return null;
  }
}
