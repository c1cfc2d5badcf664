import type { CompleteReturnRequest, Sale } from '@nota/protocol';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { CoreContext } from '../context';
import { saleLines, salePayments, sales } from '../db/schema';
import { CoreError } from '../errors';
import { logEvent } from '../journal/journal';
import { appendEvent } from '../outbox/outbox';
import { isTrainingOn } from '../receipts/training-mode';
import { readSettings } from '../settings/settings';
import { signatureColumns } from '../signing/sign-receipt';
import { takeNextNumber } from '../sales/number-series';
import { loadSale } from '../sales/sale-read';
import { originalSale, quoteReturn, refundMethodsOf, requireReturnable } from './returnable';

/**
 * Makes a return: a sale row with `returnOf` naming the original, negative lines and refunds by the
 * original method, the next number of the 'receipt' series, the `sale.completed` event and journal line
 * 13013, all in one IMMEDIATE transaction. What is left to return is read inside it, so two returns
 * racing for the last unit cannot both have it. A retry with the same id returns the return already
 * made; the same id with different content is refused (the rule of sales/complete).
 */
export function completeReturn(ctx: CoreContext, req: CompleteReturnRequest): Sale {
  const user = ctx.session.requireUser();
  const requestHash = createHash('sha256').update(JSON.stringify({ kind: 'return', ...req })).digest('hex');
  const settings = readSettings(ctx.db);
  const completedAt = ctx.now();
  const iso = completedAt.toISOString();

  return ctx.db.transaction(
    (tx) => {
      const previous = tx.select({ requestHash: sales.requestHash }).from(sales).where(eq(sales.id, req.id)).get();
      if (previous) {
        if (previous.requestHash !== requestHash) {
          throw new CoreError('SALE_ID_REUSED', `id: ${req.id} was already used for a different sale or return.`, 'id');
        }
        return loadSale(tx, req.id);
      }
      if (isTrainingOn(tx)) {
        // A training return would give back goods from a real sale without counting: not allowed.
        throw new CoreError('TRAINING_MODE_ON', 'Returns are not made in training mode: switch training mode off first.');
      }
      const original = originalSale(tx, req.originalSaleId);
      requireReturnable(original, 'originalSaleId');
      requireOriginalMethods(original, req.refundMethods);
      const quote = quoteReturn(tx, original, req.lines);

      const receiptNumber = takeNextNumber(tx, 'receipt');
      // Norway: a return is a receipt like any other, signed in its transaction and chained (signing/).
      const signed = signatureColumns(tx, settings.country, false, { receiptNumber, completedAt, totalOre: quote.totalOre, netOre: quote.netOre });
      tx.insert(sales)
        .values({
          id: req.id,
          receiptNumber,
          registerId: settings.registerId,
          userId: user.id,
          completedAt: iso,
          totalOre: quote.totalOre,
          roundingOre: quote.roundingOre,
          vatOre: quote.vatOre,
          netOre: quote.netOre,
          changeOre: 0,
          requestHash,
          returnOfSaleId: original.id,
          returnOfReceiptNumber: original.receiptNumber,
          ...signed,
        })
        .run();
      tx.insert(saleLines)
        .values(quote.lines.map((line) => ({ saleId: req.id, ...line })))
        .run();
      tx.insert(salePayments)
        .values(quote.refunds.map((p, seq) => ({ saleId: req.id, seq, ...p })))
        .run();
      const sale = loadSale(tx, req.id);
      appendEvent(tx, { type: 'sale.completed', sale }, iso);
      logEvent(tx, {
        code: 'returnReceipt',
        at: completedAt,
        userId: user.id,
        saleId: sale.id,
        amountOre: sale.totalDueOre,
        detail: `Return of receipt ${original.receiptNumber}`,
      });
      return sale;
    },
    { behavior: 'immediate' },
  );
}

/** A refund goes back the way the sale was paid: the cashier's methods must be exactly the original's. */
function requireOriginalMethods(original: Sale, asked: readonly string[]): void {
  const allowed = refundMethodsOf(original);
  const askedSet = new Set(asked);
  const same = askedSet.size === asked.length && askedSet.size === allowed.length && allowed.every((m) => askedSet.has(m));
  if (!same) {
    const paid = allowed.join(' and ');
    throw new CoreError(
      'REFUND_METHOD_NOT_ORIGINAL',
      `refundMethods: receipt ${original.receiptNumber} was paid by ${paid}, so it is refunded by ${paid}, not by ${asked.join(' and ')}.`,
      'refundMethods',
    );
  }
}
