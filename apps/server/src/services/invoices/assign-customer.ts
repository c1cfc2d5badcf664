import { eq } from 'drizzle-orm';
import type { InvoiceContent } from '@nota/domain';
import type { Database } from '../../db/database';
import { invoiceDocuments } from '../../db/schema';
import { HttpError } from '../errors';
import { findCustomer } from '../customers';

/**
 * Points a draft at another (existing) customer, e.g. when the customer the register created was
 * rejected. Only drafts change; the draft is then tried for activation again.
 */
export async function assignCustomer(db: Database, documentId: string, customerId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [doc] = await tx.select().from(invoiceDocuments).where(eq(invoiceDocuments.id, documentId)).for('update');
    if (!doc) throw new HttpError(404, 'UNKNOWN_INVOICE', `Invoice document ${documentId} does not exist.`);
    if (doc.status !== 'draft') {
      throw new HttpError(409, 'INVOICE_NOT_DRAFT', `Invoice ${doc.number} is ${doc.status}; an active invoice never changes. Credit it instead.`);
    }
    const customer = await findCustomer(tx, customerId);
    if (!customer) throw new HttpError(404, 'UNKNOWN_CUSTOMER', `Customer ${customerId} does not exist.`, 'customerId');
    const content = doc.content as InvoiceContent;
    const customerRef = { id: customer.id, customerNumber: customer.customerNumber, name: customer.name, orgNumber: customer.orgNumber, externalId: customer.externalId };
    await tx
      .update(invoiceDocuments)
      .set({ customerId, content: { ...content, customerRef }, problems: null, activationDueAt: now })
      .where(eq(invoiceDocuments.id, documentId));
  });
}
