import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { invoiceContentFromSale, type SaleForInvoice } from '@nota/domain';
import type { Tx } from '../../db/database';
import { invoiceDocuments } from '../../db/schema';

/**
 * Every invoice sale becomes a draft in the transaction that records the sale, so no invoice sale
 * can exist without its document. Activation (numbering) happens after commit, off the push path.
 */
export async function insertDrafts(
  tx: Tx,
  origin: { registerId: string; registerName: string; costCentre: string },
  sales: readonly SaleForInvoice[],
  now: Date,
): Promise<number> {
  const rows = sales.flatMap((sale) => {
    const content = invoiceContentFromSale(sale, origin);
    if (!content) return [];
    return [
      {
        id: randomUUID(),
        kind: 'invoice' as const,
        status: 'draft' as const,
        saleId: sale.id,
        customerId: content.customerRef.id,
        registerId: origin.registerId,
        costCentre: origin.costCentre,
        totalOre: content.totalOre,
        amountDueOre: content.amountDueOre,
        content,
        activationDueAt: now,
        createdAt: now,
      },
    ];
  });
  if (rows.length === 0) return 0;
  // A sale has one document; a sale recorded again (it cannot be, but) keeps the one it has.
  const inserted = await tx.insert(invoiceDocuments).values(rows).onConflictDoNothing({ target: invoiceDocuments.saleId }).returning({ id: invoiceDocuments.id });
  return inserted.length;
}

// The wake-ups below match every draft, not only those already set aside: a draft an activation
// round holds at this moment (and may be about to set aside on what it read before this change) is
// then waited for, and woken after that round commits.

/** A customer appeared or changed: drafts that waited for them get another try. */
export async function wakeDraftsOfCustomer(tx: Tx, customerId: string, now: Date): Promise<void> {
  await tx
    .update(invoiceDocuments)
    .set({ activationDueAt: now })
    .where(and(eq(invoiceDocuments.status, 'draft'), eq(invoiceDocuments.customerId, customerId)));
}

/** The seller details changed: every waiting draft gets another try. */
export async function wakeAllDrafts(tx: Tx, now: Date): Promise<void> {
  await tx.update(invoiceDocuments).set({ activationDueAt: now }).where(eq(invoiceDocuments.status, 'draft'));
}
