import type { Sale } from '@nota/protocol';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The register computed these totals; money that does not add up must not reach the books. */
export function saleInconsistency(sale: Sale): string | null {
  for (const line of sale.lines) {
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
  return null;
}
