import type { Sale } from '@nota/protocol';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The register computed these totals; money that does not add up must not reach the books. */
export function saleInconsistency(sale: Sale): string | null {
  for (const line of sale.lines) {
    // Only a return gives goods back; a sale's quantities are what the cart allows: positive.
    if (!sale.returnOf && line.quantity <= 0) return `line ${line.lineNo}: quantity ${line.quantity} is not positive (only a return has negative lines)`;
    if (line.vatOre + line.netOre !== line.grossOre) {
      return `line ${line.lineNo}: VAT ${line.vatOre} + net ${line.netOre} ≠ gross ${line.grossOre}`;
    }
  }
  const linesGross = sum(sale.lines.map((l) => l.grossOre));
  if (linesGross !== sale.totalOre) return `lines sum to ${linesGross} öre but totalOre is ${sale.totalOre}`;
  if (sale.vatOre + sale.netOre !== sale.totalOre) return `vatOre + netOre ≠ totalOre (${sale.totalOre})`;
  if (sale.totalOre + sale.roundingOre !== sale.totalDueOre) {
    return `totalOre ${sale.totalOre} + roundingOre ${sale.roundingOre} ≠ totalDueOre ${sale.totalDueOre}`;
  }
  const paid = sum(sale.payments.map((p) => p.amountOre));
  if (paid !== sale.totalDueOre) return `payments sum to ${paid} öre but totalDueOre is ${sale.totalDueOre}`;
  const invoiced = sale.payments.some((p) => p.method === 'invoice');
  if (invoiced && !sale.invoice) return 'an invoice payment needs invoice details with a customer';
  return sale.returnOf ? returnInconsistency(sale) : null;
}

/**
 * A return (a sale with `returnOf`) gives goods and money back: every line and amount is negative or
 * zero, each line still adds up (quantity × unit price − discount = gross), refunds go back by cash or
 * card, and cash rounding stays within a krona (a return rounds the cumulative refund, so its own
 * rounding can reach ±1.00). Invoice sales are credited in the back office, never returned at a register.
 */
function returnInconsistency(sale: Sale): string | null {
  if (sale.returnOf!.saleId === sale.id) return 'a return cannot be a return of itself';
  if (sale.lines.length === 0) return 'a return has no lines';
  if (sale.invoice || sale.payments.some((p) => p.method === 'invoice')) {
    return 'a return cannot be by invoice: invoice sales are credited in the back office';
  }
  for (const line of sale.lines) {
    if (line.quantity >= 0) return `return line ${line.lineNo}: quantity ${line.quantity} is not negative`;
    for (const key of ['grossOre', 'vatOre', 'netOre', 'discountOre'] as const) {
      if (line[key] > 0) return `return line ${line.lineNo}: ${key} ${line[key]} is positive`;
    }
    if (line.unitPriceOre < 0) return `return line ${line.lineNo}: unitPriceOre ${line.unitPriceOre} is negative`;
    const expected = line.quantity * line.unitPriceOre - line.discountOre;
    if (expected !== line.grossOre) {
      return `return line ${line.lineNo}: quantity × unit price − discount is ${expected} öre but grossOre is ${line.grossOre}`;
    }
  }
  for (const [i, p] of sale.payments.entries()) {
    if (p.amountOre > 0) return `refund ${i + 1} (${p.method}): amountOre ${p.amountOre} is positive`;
    if (p.changeOre !== 0) return `refund ${i + 1} (${p.method}): a refund gives no change`;
  }
  if (sale.changeOre !== 0) return 'a return gives no change';
  if (Math.abs(sale.roundingOre) > 100) return `roundingOre ${sale.roundingOre} is more than a krona`;
  if (sale.roundingOre !== 0 && !sale.payments.some((p) => p.method === 'cash')) return 'only a cash refund is rounded';
  return null;
}
