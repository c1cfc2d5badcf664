import { eq, inArray } from 'drizzle-orm';
import type { InvoiceCustomer } from '@nota/domain';
import type { Queryable } from '../../db/database';
import { customerInvoiceTerms, customers } from '../../db/schema';

/** Customers as an invoice shows them, with head office's payment terms when set. */
export async function loadInvoiceCustomers(db: Queryable, ids: readonly string[]): Promise<Map<string, InvoiceCustomer>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ c: customers, terms: customerInvoiceTerms.paymentTermsDays })
    .from(customers)
    .leftJoin(customerInvoiceTerms, eq(customerInvoiceTerms.customerId, customers.id))
    .where(inArray(customers.id, [...new Set(ids)]));
  return new Map(
    rows.map(({ c, terms }) => [
      c.id,
      {
        id: c.id,
        customerNumber: c.customerNumber,
        name: c.name,
        orgNumber: c.orgNumber,
        internal: c.internal,
        externalId: c.externalId,
        street: c.street,
        postalCode: c.postalCode,
        city: c.city,
        country: c.billingCountry,
        email: c.email,
        phone: c.phone,
        paymentTermsDays: terms,
        active: c.active,
        invoicingEnabled: c.invoicingEnabled,
      },
    ]),
  );
}
