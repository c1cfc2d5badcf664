import type { ReturnableSale, ReturnLineInput, ReturnQuote, Sale } from '@nota/protocol';
import { summarizeVat } from '@nota/domain';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { sales } from '../db/schema';
import { CoreError } from '../errors';
import { loadSale } from '../sales/sale-read';
import { nothingReturned, refundFor, returnLine, type RefundedBefore, type ReturnedOfLine } from './return-amounts';

type RefundMethod = ReturnableSale['refundMethods'][number];

/** The sale a cashier means by a receipt number: this register's normal series (training has its own). */
export function saleByReceiptNumber(db: Db, receiptNumber: number): Sale {
  const [row] = db
    .select({ id: sales.id })
    .from(sales)
    .where(eq(sales.receiptNumber, receiptNumber))
    .orderBy(asc(sales.training))
    .limit(1)
    .all();
  if (!row) {
    throw new CoreError('UNKNOWN_RECEIPT', `receiptNumber: there is no receipt number ${receiptNumber} at this register.`, 'receiptNumber');
  }
  return loadSale(db, row.id);
}

/** The sale a return names by id, refused with the field named when this register has no such sale. */
export function originalSale(db: Db, id: string): Sale {
  try {
    return loadSale(db, id);
  } catch (err) {
    if (err instanceof CoreError && err.code === 'UNKNOWN_SALE') {
      throw new CoreError('UNKNOWN_SALE', `originalSaleId: there is no sale ${id} at this register.`, 'originalSaleId');
    }
    throw err;
  }
}

/** Refuses a sale that cannot be returned at the register, naming why. */
export function requireReturnable(sale: Sale, field: string): void {
  if (sale.training) {
    throw new CoreError('TRAINING_SALE', `${field}: receipt ${sale.receiptNumber} is a training receipt; nothing was sold, so nothing can be returned.`, field);
  }
  if (sale.returnOf) {
    throw new CoreError(
      'RETURN_OF_RETURN',
      `${field}: receipt ${sale.receiptNumber} is itself a return (of receipt ${sale.returnOf.receiptNumber}); a return cannot be returned.`,
      field,
    );
  }
  if (sale.invoice || sale.payments.some((p) => p.method === 'invoice')) {
    throw new CoreError(
      'INVOICE_SALE',
      `${field}: receipt ${sale.receiptNumber} is an invoice sale; invoice sales are not refunded at the register: a credit invoice is made in the back office.`,
      field,
    );
  }
}

/** The methods a sale's refund may go back by: the ones it was paid with, card first (the refund rule's order). */
export function refundMethodsOf(sale: Sale): RefundMethod[] {
  const used = new Set(sale.payments.map((p) => p.method));
  return (['card', 'cash', 'invoice'] as const).filter((m) => used.has(m));
}

export interface ReturnedSoFar {
  returns: Sale[];
  byLine: Map<number, ReturnedOfLine>;
  refunded: RefundedBefore;
}

/** Everything earlier returns of a sale gave back, per original line and per refund method. */
export function returnedSoFar(db: Db, saleId: string): ReturnedSoFar {
  const returns = db
    .select({ id: sales.id })
    .from(sales)
    .where(and(eq(sales.returnOfSaleId, saleId), eq(sales.training, false)))
    .orderBy(asc(sales.receiptNumber))
    .all()
    .map((r) => loadSale(db, r.id));
  const byLine = new Map<number, ReturnedOfLine>();
  const refunded: RefundedBefore = { grossOre: 0, cardOre: 0, cashOre: 0 };
  for (const ret of returns) {
    refunded.grossOre -= ret.totalOre;
    for (const p of ret.payments) {
      if (p.method === 'card') refunded.cardOre -= p.amountOre;
      if (p.method === 'cash') refunded.cashOre -= p.amountOre;
    }
    for (const line of ret.lines) {
      const so = byLine.get(line.lineNo) ?? { ...nothingReturned };
      byLine.set(line.lineNo, {
        quantity: so.quantity - line.quantity,
        discountOre: so.discountOre - line.discountOre,
        grossOre: so.grossOre - line.grossOre,
        vatOre: so.vatOre - line.vatOre,
      });
    }
  }
  return { returns, byLine, refunded };
}

/** `returns/find`: the original sale and, per line, what can still be returned. */
export function findReturnable(db: Db, receiptNumber: number): ReturnableSale {
  const sale = saleByReceiptNumber(db, receiptNumber);
  requireReturnable(sale, 'receiptNumber');
  const { returns, byLine } = returnedSoFar(db, sale.id);
  return {
    sale,
    lines: sale.lines.map((line) => {
      const returned = byLine.get(line.lineNo)?.quantity ?? 0;
      return {
        lineNo: line.lineNo,
        productId: line.productId,
        sku: line.sku,
        name: line.name,
        unitPriceOre: line.unitPriceOre,
        grossOre: line.grossOre,
        vatRateBp: line.vatRateBp,
        soldQuantity: line.quantity,
        returnedQuantity: returned,
        returnableQuantity: line.quantity - returned,
      };
    }),
    refundMethods: refundMethodsOf(sale),
    returns: returns.map((r) => ({ saleId: r.id, receiptNumber: r.receiptNumber, totalDueOre: r.totalDueOre })),
  };
}

/**
 * The return these quantities make of `original`, checked line by line against what is left to
 * return: the negative lines, totals and refunds. Writes nothing; `completeReturn` runs it inside
 * its transaction so two returns of the same sale cannot both take the last unit.
 */
export function quoteReturn(db: Db, original: Sale, lines: readonly ReturnLineInput[]): ReturnQuote {
  const { byLine, refunded } = returnedSoFar(db, original.id);
  const seen = new Set<number>();
  const returnLines = lines.map((input, i) => {
    const field = `lines[${i}]`;
    const line = original.lines.find((l) => l.lineNo === input.lineNo);
    if (!line) {
      throw new CoreError('UNKNOWN_LINE', `${field}.lineNo: receipt ${original.receiptNumber} has no line ${input.lineNo}.`, `${field}.lineNo`);
    }
    if (seen.has(input.lineNo)) {
      throw new CoreError('DUPLICATE_LINE', `${field}.lineNo: line ${input.lineNo} is listed twice; give its quantity once.`, `${field}.lineNo`);
    }
    seen.add(input.lineNo);
    if (!Number.isSafeInteger(input.quantity) || input.quantity <= 0) {
      throw new CoreError('QUANTITY_NOT_POSITIVE', `${field}.quantity: ${input.quantity} is not a positive whole number of units to return.`, `${field}.quantity`);
    }
    const before = byLine.get(line.lineNo) ?? nothingReturned;
    const left = line.quantity - before.quantity;
    if (left <= 0) {
      throw new CoreError(
        'LINE_ALREADY_RETURNED',
        `${field}.quantity: ${line.name} (line ${line.lineNo}) is already returned in full (${line.quantity} sold, ${before.quantity} returned).`,
        `${field}.quantity`,
      );
    }
    if (input.quantity > left) {
      throw new CoreError(
        'RETURN_EXCEEDS_SOLD',
        `${field}.quantity: ${input.quantity} × ${line.name} is more than can be returned: ${line.quantity} sold, ${before.quantity} already returned, ${left} left.`,
        `${field}.quantity`,
      );
    }
    return returnLine(line, before, input.quantity);
  });
  returnLines.sort((a, b) => a.lineNo - b.lineNo);
  const sum = (pick: (l: Sale['lines'][number]) => number) => returnLines.reduce((acc, l) => acc + pick(l), 0);
  const totalOre = sum((l) => l.grossOre);
  const { refunds, roundingOre } = refundFor(original.payments, refunded, -totalOre);
  return {
    lines: returnLines,
    totalOre,
    roundingOre,
    totalDueOre: totalOre + roundingOre,
    vatOre: sum((l) => l.vatOre),
    netOre: sum((l) => l.netOre),
    vatSummary: summarizeVat(returnLines),
    refunds,
  };
}
