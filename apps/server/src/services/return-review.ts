import type { Sale } from '@nota/protocol';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { sales } from '../db/schema';

/**
 * Head office keeps every return a register pushes: the money has left the drawer, so rejecting one
 * would lose a fact. What it cannot confirm is flagged instead, in `sales.return_problem`: the original
 * not (yet) here, an original from another register or one that cannot be returned, a line not on it,
 * more returned in all than sold. A register's events arrive in order, but a reordered delivery can
 * bring a return before its original; when the original arrives, its returns are reviewed again and
 * the flag goes. Returns of a sale are judged in receipt order, so the one that goes over is flagged.
 */
export async function reviewReturnsOf(tx: Tx, saleIds: readonly string[]): Promise<void> {
  if (saleIds.length === 0) return;
  const returns = await tx
    .select({ id: sales.id, registerId: sales.registerId, payload: sales.payload, returnOfSaleId: sales.returnOfSaleId, problem: sales.returnProblem })
    .from(sales)
    .where(inArray(sales.returnOfSaleId, [...saleIds]))
    .orderBy(asc(sales.receiptNumber));
  const originalIds = [...new Set(returns.map((r) => r.returnOfSaleId!))];
  for (const originalId of originalIds) {
    const [original] = await tx.select({ registerId: sales.registerId, payload: sales.payload }).from(sales).where(eq(sales.id, originalId));
    const ofThis = returns.filter((r) => r.returnOfSaleId === originalId);
    const problems = judge(original ? { registerId: original.registerId, sale: original.payload as Sale } : null, ofThis.map((r) => ({ registerId: r.registerId, sale: r.payload as Sale })));
    for (const [i, r] of ofThis.entries()) {
      if (problems[i] !== r.problem) await tx.update(sales).set({ returnProblem: problems[i] }).where(eq(sales.id, r.id));
    }
  }
}

interface Recorded {
  registerId: string;
  sale: Sale;
}

/** Each return's problem (or null), in the order given. */
function judge(original: Recorded | null, returns: readonly Recorded[]): (string | null)[] {
  const returned = new Map<number, number>();
  return returns.map(({ registerId, sale }) => {
    const of = sale.returnOf!;
    if (!original) return `the original sale ${of.saleId} (receipt ${of.receiptNumber}) has not reached head office`;
    if (original.registerId !== registerId) return `the original sale ${of.saleId} was made at another register`;
    const o = original.sale;
    if (o.returnOf) return `the original sale ${of.saleId} is itself a return`;
    if (o.invoice) return `the original sale ${of.saleId} is an invoice sale, credited in the back office`;
    for (const line of sale.lines) {
      const sold = o.lines.find((l) => l.lineNo === line.lineNo);
      if (!sold) return `line ${line.lineNo} is not on the original sale (receipt ${o.receiptNumber})`;
      if (sold.productId !== line.productId) return `line ${line.lineNo}: product ${line.productId} is not the original's ${sold.productId}`;
      const total = (returned.get(line.lineNo) ?? 0) - line.quantity;
      returned.set(line.lineNo, total);
      if (total > sold.quantity) return `line ${line.lineNo}: ${total} returned in all but ${sold.quantity} sold`;
    }
    return null;
  });
}
