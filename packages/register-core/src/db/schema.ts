import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Money columns are integer öre; booleans are 0/1 integers; timestamps are ISO-8601 strings (UTC).

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
});

export const vatRates = sqliteTable(
  'vat_rates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    rateBp: integer('rate_bp').notNull(),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
  },
  (t) => [uniqueIndex('vat_rates_code_from').on(t.code, t.validFrom)],
);

export const productGroups = sqliteTable('product_groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
});

export const products = sqliteTable(
  'products',
  {
    id: text('id').primaryKey(),
    sku: text('sku').notNull(),
    barcode: text('barcode'),
    name: text('name').notNull(),
    nameFolded: text('name_folded').notNull(),
    groupId: text('group_id').references(() => productGroups.id),
    priceOre: integer('price_ore').notNull(),
    vatCode: text('vat_code').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [
    uniqueIndex('products_sku').on(t.sku),
    index('products_barcode').on(t.barcode),
    index('products_name_folded').on(t.nameFolded),
    // The quick-pick grid: each group's first products by name, read straight off this index.
    index('products_group_name').on(t.groupId, t.nameFolded),
  ],
);

export const paymentMethods = sqliteTable('payment_methods', {
  id: text('id', { enum: ['cash', 'card', 'invoice'] }).primaryKey(),
  name: text('name').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
});

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role', { enum: ['cashier', 'manager'] }).notNull(),
  /** scrypt$N$r$p$salt$hash, so the cost can be raised without breaking stored PINs. */
  pinHash: text('pin_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

export const customers = sqliteTable(
  'customers',
  {
    // Implicit rowid is what the FTS5 index points at; the UUID is the identity everywhere else.
    rowid: integer('rowid').primaryKey(),
    id: text('id').notNull(),
    customerNumber: integer('customer_number').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull(),
    internal: integer('internal', { mode: 'boolean' }).notNull(),
    externalId: text('external_id'),
    name: text('name').notNull(),
    nameFolded: text('name_folded').notNull(),
    orgNumber: text('org_number').notNull(),
    orgDigits: text('org_digits').notNull(),
    country: text('country', { enum: ['SE', 'NO'] }).notNull(),
    street: text('street'),
    postalCode: text('postal_code'),
    city: text('city'),
    billingCountry: text('billing_country').notNull(),
    email: text('email'),
    phone: text('phone'),
    invoicingEnabled: integer('invoicing_enabled', { mode: 'boolean' }).notNull(),
    purchaseInstruction: text('purchase_instruction'),
    /** Local version: bumps on every edit here, so a screen editing an older copy is refused. */
    version: integer('version').notNull().default(1),
    /** The server's version this copy is based on: what an edit event names as its base. */
    serverVersion: integer('server_version').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('customers_id').on(t.id),
    uniqueIndex('customers_number').on(t.customerNumber),
    index('customers_org_digits').on(t.orgDigits),
    index('customers_name_folded').on(t.nameFolded),
  ],
);

/** Customer numbers leased from the server; a register offline can still number new customers. */
export const customerNumberBlocks = sqliteTable('customer_number_blocks', {
  id: text('id').primaryKey(),
  firstNumber: integer('first_number').notNull(),
  lastNumber: integer('last_number').notNull(),
  nextNumber: integer('next_number').notNull(),
  leasedAt: text('leased_at').notNull(),
});

/** Gapless per-register series (receipts, delivery notes): taken inside the sale's transaction. */
export const numberSeries = sqliteTable('number_series', {
  name: text('name').primaryKey(),
  nextNumber: integer('next_number').notNull(),
});

export const sales = sqliteTable(
  'sales',
  {
    id: text('id').primaryKey(),
    receiptNumber: integer('receipt_number').notNull(),
    registerId: text('register_id').notNull(),
    userId: text('user_id').notNull(),
    completedAt: text('completed_at').notNull(),
    totalOre: integer('total_ore').notNull(),
    roundingOre: integer('rounding_ore').notNull(),
    vatOre: integer('vat_ore').notNull(),
    netOre: integer('net_ore').notNull(),
    changeOre: integer('change_ore').notNull(),
    customerId: text('customer_id'),
    customerSnapshot: text('customer_snapshot', { mode: 'json' }),
    buyerReference: text('buyer_reference'),
    comment: text('comment'),
    deliveryNoteNumber: integer('delivery_note_number'),
    /** Request fingerprint, so a retried id with different content is refused, not silently merged. */
    requestHash: text('request_hash').notNull(),
  },
  (t) => [
    uniqueIndex('sales_receipt_number').on(t.receiptNumber),
    uniqueIndex('sales_delivery_note_number').on(t.deliveryNoteNumber),
    index('sales_completed_at').on(t.completedAt),
  ],
);

export const saleLines = sqliteTable(
  'sale_lines',
  {
    saleId: text('sale_id')
      .notNull()
      .references(() => sales.id),
    lineNo: integer('line_no').notNull(),
    productId: text('product_id').notNull(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceOre: integer('unit_price_ore').notNull(),
    discountOre: integer('discount_ore').notNull(),
    grossOre: integer('gross_ore').notNull(),
    vatRateBp: integer('vat_rate_bp').notNull(),
    vatOre: integer('vat_ore').notNull(),
    netOre: integer('net_ore').notNull(),
  },
  (t) => [uniqueIndex('sale_lines_pk').on(t.saleId, t.lineNo)],
);

export const salePayments = sqliteTable(
  'sale_payments',
  {
    saleId: text('sale_id')
      .notNull()
      .references(() => sales.id),
    seq: integer('seq').notNull(),
    method: text('method', { enum: ['cash', 'card', 'invoice'] }).notNull(),
    amountOre: integer('amount_ore').notNull(),
    tenderedOre: integer('tendered_ore'),
    changeOre: integer('change_ore').notNull(),
  },
  (t) => [uniqueIndex('sale_payments_pk').on(t.saleId, t.seq)],
);

export const deliveryNotePrints = sqliteTable(
  'delivery_note_prints',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    saleId: text('sale_id')
      .notNull()
      .references(() => sales.id),
    printedAt: text('printed_at').notNull(),
    copy: integer('copy', { mode: 'boolean' }).notNull(),
    userId: text('user_id').notNull(),
  },
  (t) => [index('delivery_note_prints_sale').on(t.saleId)],
);

/** Sync events written in the same transaction as the data they describe. */
export const outbox = sqliteTable(
  'outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    type: text('type').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    createdAt: text('created_at').notNull(),
    status: text('status', { enum: ['pending', 'acknowledged', 'rejected'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    acknowledgedAt: text('acknowledged_at'),
  },
  (t) => [uniqueIndex('outbox_id').on(t.id), index('outbox_status_seq').on(t.status, t.seq)],
);

/** Where this register syncs to and how far it has got: server URL, token, feed cursor. */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Records of the server's change feed this register could not apply: kept with the reason, so the
 * rest of the feed goes on, a person sees them, and head office is told (reported_at).
 */
export const setAsideChanges = sqliteTable(
  'set_aside_changes',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    entity: text('entity').notNull(),
    recordId: text('record_id'),
    /** The record as received, as JSON text. */
    data: text('data').notNull(),
    /** Why, as a code the screen words in the cashier's language; `reason` keeps the details for head office. */
    code: text('code', { enum: ['RECORD_INVALID', 'RECORD_NOT_STORABLE'] }).notNull().default('RECORD_NOT_STORABLE'),
    reason: text('reason').notNull(),
    setAsideAt: text('set_aside_at').notNull(),
    reportedAt: text('reported_at'),
    /** When a later version of the same record was applied. */
    resolvedAt: text('resolved_at'),
  },
  (t) => [uniqueIndex('set_aside_changes_id').on(t.id), index('set_aside_changes_record').on(t.entity, t.recordId)],
);
