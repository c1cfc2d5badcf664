import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { creditInvoice, localDateIn, TIME_ZONES, type InvoiceDocument } from '@nota/domain';
import type { Database } from '../../db/database';
import { invoiceDocuments } from '../../db/schema';
import { HttpError } from '../errors';
import { enqueueExports } from '../export/export-jobs';
import { takeInvoiceNumbers } from './invoice-numbers';

/**
 * Credits an active or transferred invoice in full: a new document with the next number that
 * references the original, activated and queued for export at once. An invoice is credited once.
 */
export async function creditDocument(db: Database, originalId: string, now: Date): Promise<{ id: string; number: number }> {
  return db.transaction(async (tx) => {
    const [original] = await tx.select().from(invoiceDocuments).where(eq(invoiceDocuments.id, originalId)).for('update');
    if (!original) throw new HttpError(404, 'UNKNOWN_INVOICE', `Invoice document ${originalId} does not exist.`);
    if (original.kind !== 'invoice') throw new HttpError(409, 'NOT_AN_INVOICE', `Document ${original.number} is a credit invoice; only invoices can be credited.`);
    if (original.status === 'draft') {
      throw new HttpError(409, 'INVOICE_NOT_ACTIVE', 'A draft has no number and was never sent; correct it instead of crediting it.');
    }
    const [existing] = await tx.select({ number: invoiceDocuments.number }).from(invoiceDocuments).where(eq(invoiceDocuments.creditOfId, originalId));
    if (existing) throw new HttpError(409, 'ALREADY_CREDITED', `Invoice ${original.number} is already credited by credit invoice ${existing.number}.`);

    const doc = original.content as InvoiceDocument;
    const [number] = await takeInvoiceNumbers(tx, 1);
    const credit = creditInvoice(doc, original.id, { number: number!, today: localDateIn(now, TIME_ZONES[doc.seller.country]) });
    const id = randomUUID();
    await tx.insert(invoiceDocuments).values({
      id,
      kind: 'credit',
      status: 'active',
      number: credit.number,
      creditOfId: original.id,
      customerId: original.customerId,
      registerId: original.registerId,
      costCentre: original.costCentre,
      totalOre: original.totalOre,
      amountDueOre: original.amountDueOre,
      invoiceDate: credit.invoiceDate,
      dueDate: credit.dueDate,
      paymentReference: credit.paymentReference,
      content: credit,
      createdAt: now,
      activatedAt: now,
    });
    await enqueueExports(tx, [{ id, number: credit.number }], now);
    return { id, number: credit.number };
  });
}
