import { summarizeVat } from '@nota/domain';
import type { Sale } from '@nota/protocol';
import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { saleLines, salePayments, sales } from '../db/schema';
import { CoreError } from '../errors';

export function loadSale(db: Db, id: string): Sale {
  const row = db.select().from(sales).where(eq(sales.id, id)).get();
  if (!row) throw new CoreError('UNKNOWN_SALE', `No sale with id ${id}.`, 'id');
  const lines = db
    .select()
    .from(saleLines)
    .where(eq(saleLines.saleId, id))
    .orderBy(asc(saleLines.lineNo))
    .all()
    .map(({ saleId: _saleId, ...line }) => line);
  const payments = db
    .select()
    .from(salePayments)
    .where(eq(salePayments.saleId, id))
    .orderBy(asc(salePayments.seq))
    .all()
    .map(({ saleId: _saleId, seq: _seq, ...payment }) => payment);

  return {
    id: row.id,
    receiptNumber: row.receiptNumber,
    registerId: row.registerId,
    userId: row.userId,
    completedAt: row.completedAt,
    totalOre: row.totalOre,
    roundingOre: row.roundingOre,
    totalDueOre: row.totalOre + row.roundingOre,
    vatOre: row.vatOre,
    netOre: row.netOre,
    changeOre: row.changeOre,
    lines,
    payments,
    vatSummary: summarizeVat(lines),
    invoice:
      row.customerSnapshot && row.deliveryNoteNumber !== null
        ? {
            customer: row.customerSnapshot as NonNullable<Sale['invoice']>['customer'],
            buyerReference: row.buyerReference,
            comment: row.comment,
            deliveryNoteNumber: row.deliveryNoteNumber,
          }
        : null,
    training: row.training,
    returnOf:
      row.returnOfSaleId !== null && row.returnOfReceiptNumber !== null
        ? { saleId: row.returnOfSaleId, receiptNumber: row.returnOfReceiptNumber }
        : null,
    signature:
      row.signature !== null && row.signatureKeyVersion !== null
        ? { value: row.signature, keyVersion: row.signatureKeyVersion }
        : null,
  };
}

export function recentSales(db: Db, limit: number): Sale[] {
  return db
    .select({ id: sales.id })
    .from(sales)
    // By time: training sales have their own numbers, so the receipt number alone would interleave them wrongly.
    .orderBy(desc(sales.completedAt), desc(sales.receiptNumber))
    .limit(limit)
    .all()
    .map((row) => loadSale(db, row.id));
}
