import { foldForSearch, isInvoiceable } from '@nota/domain';
import type { Customer, CustomerSummary } from '@nota/protocol';
import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { customers } from '../db/schema';
import { CoreError } from '../errors';

type CustomerRow = typeof customers.$inferSelect;

export function toCustomer(row: CustomerRow): Customer {
  const { rowid: _rowid, nameFolded: _nf, orgDigits: _od, serverVersion: _sv, ...rest } = row;
  return rest;
}

export function toSummary(c: Customer): CustomerSummary {
  return {
    id: c.id,
    customerNumber: c.customerNumber,
    name: c.name,
    orgNumber: c.orgNumber,
    city: c.city,
    active: c.active,
    invoicingEnabled: c.invoicingEnabled,
    purchaseInstruction: c.purchaseInstruction,
    invoiceable: isInvoiceable(c),
  };
}

export function findCustomer(db: Db, id: string): Customer | null {
  const row = db.select().from(customers).where(eq(customers.id, id)).get();
  return row ? toCustomer(row) : null;
}

export function getCustomer(db: Db, id: string, field = 'id'): Customer {
  const customer = findCustomer(db, id);
  if (!customer) throw new CoreError('UNKNOWN_CUSTOMER', `No customer with id ${id}.`, field);
  return customer;
}

/** Columns derived for search; kept in one place so every write path indexes the same way. */
export function searchColumns(c: Pick<Customer, 'name' | 'orgNumber'>): { nameFolded: string; orgDigits: string } {
  return { nameFolded: foldForSearch(c.name), orgDigits: c.orgNumber.replace(/\D/g, '') };
}

const UPSERT_SQL = `
  INSERT INTO customers (id, customer_number, active, internal, external_id, name, name_folded, org_number,
    org_digits, country, street, postal_code, city, billing_country, email, phone, invoicing_enabled,
    purchase_instruction, version, server_version, created_at, updated_at)
  VALUES (@id, @customerNumber, @active, @internal, @externalId, @name, @nameFolded, @orgNumber,
    @orgDigits, @country, @street, @postalCode, @city, @billingCountry, @email, @phone, @invoicingEnabled,
    @purchaseInstruction, @version, @version, @createdAt, @updatedAt)
  ON CONFLICT (id) DO UPDATE SET
    customer_number = excluded.customer_number, active = excluded.active, internal = excluded.internal,
    external_id = excluded.external_id, name = excluded.name, name_folded = excluded.name_folded,
    org_number = excluded.org_number, org_digits = excluded.org_digits, country = excluded.country,
    street = excluded.street, postal_code = excluded.postal_code, city = excluded.city,
    billing_country = excluded.billing_country, email = excluded.email, phone = excluded.phone,
    invoicing_enabled = excluded.invoicing_enabled, purchase_instruction = excluded.purchase_instruction,
    version = excluded.version, server_version = excluded.server_version,
    created_at = excluded.created_at, updated_at = excluded.updated_at
  WHERE excluded.server_version >= customers.server_version`;

/**
 * Applies a page of customers from the server in one transaction (the sync pull). A row older than
 * the server version the register already has is ignored, so replayed pages cannot roll an edit back.
 * The server's row replaces local edits: they were pushed before this pull and merged there.
 * `afterWrite` runs inside the same transaction, e.g. to store the feed cursor with the page.
 */
export function upsertCustomersPage(
  sqlite: Database.Database,
  page: readonly Customer[],
  afterWrite?: () => void,
): void {
  const statement = sqlite.prepare(UPSERT_SQL);
  sqlite.transaction(() => {
    for (const c of page) {
      statement.run({
        ...c,
        ...searchColumns(c),
        active: c.active ? 1 : 0,
        internal: c.internal ? 1 : 0,
        invoicingEnabled: c.invoicingEnabled ? 1 : 0,
      });
    }
    afterWrite?.();
  })();
}
