import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const costCentres = pgTable('cost_centres', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  /** Printed on the delivery notes of the cost centre's registers; null when head office gave none. */
  address: text('address'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const registers = pgTable(
  'registers',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    costCentre: text('cost_centre')
      .notNull()
      .references(() => costCentres.code),
    /** sha256 of the bearer token; null until the register has enrolled. */
    tokenHash: text('token_hash'),
    createdAt: ts('created_at').notNull().defaultNow(),
    enrolledAt: ts('enrolled_at'),
    revokedAt: ts('revoked_at'),
    lastSeenAt: ts('last_seen_at'),
    reportedBacklog: integer('reported_backlog'),
  },
  (t) => [uniqueIndex('registers_token_hash_idx').on(t.tokenHash)],
);

export const enrolmentCodes = pgTable('enrolment_codes', {
  codeHash: text('code_hash').primaryKey(),
  registerId: uuid('register_id')
    .notNull()
    .references(() => registers.id),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
});

export const apiKeys = pgTable('api_keys', {
  hash: text('hash').primaryKey(),
  /** How the key is named in lists and the audit log; the hash never leaves the server. */
  id: uuid('id').notNull().unique().defaultRandom(),
  name: text('name').notNull(),
  /** Keys made before roles existed act as administrators. */
  role: text('role', { enum: ['administrator', 'head-office', 'store-manager'] }).notNull().default('administrator'),
  costCentres: jsonb('cost_centres').$type<string[]>().notNull().default([]),
  createdAt: ts('created_at').notNull().defaultNow(),
  revokedAt: ts('revoked_at'),
});

export const processedEvents = pgTable(
  'processed_events',
  {
    eventId: uuid('event_id').primaryKey(),
    registerId: uuid('register_id')
      .notNull()
      .references(() => registers.id),
    type: text('type').notNull(),
    status: text('status', { enum: ['applied', 'rejected'] }).notNull(),
    reasonCode: text('reason_code'),
    reasonMessage: text('reason_message'),
    payload: jsonb('payload').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [index('processed_events_rejected_idx').on(t.status, t.receivedAt)],
);

/**
 * Change-feed records a register could not apply and set aside, as it reported them: head office
 * sees them and fixes the record, whose next version then reaches the register.
 */
export const setAsideChanges = pgTable(
  'set_aside_changes',
  {
    /** Made by the register; a report delivered twice is stored once. */
    id: uuid('id').primaryKey(),
    registerId: uuid('register_id')
      .notNull()
      .references(() => registers.id),
    entity: text('entity').notNull(),
    recordId: text('record_id'),
    reason: text('reason').notNull(),
    setAsideAt: ts('set_aside_at').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [index('set_aside_changes_received_idx').on(t.receivedAt)],
);

export const customers = pgTable('customers', {
  id: uuid('id').primaryKey(),
  customerNumber: integer('customer_number').notNull().unique(),
  active: boolean('active').notNull(),
  internal: boolean('internal').notNull(),
  externalId: text('external_id'),
  name: text('name').notNull(),
  orgNumber: text('org_number').notNull(),
  country: text('country', { enum: ['SE', 'NO'] }).notNull(),
  street: text('street'),
  postalCode: text('postal_code'),
  city: text('city'),
  billingCountry: text('billing_country').notNull(),
  email: text('email'),
  phone: text('phone'),
  invoicingEnabled: boolean('invoicing_enabled').notNull(),
  purchaseInstruction: text('purchase_instruction'),
  version: integer('version').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [
  // Head office's search (services/customer-search.ts): words anywhere in the name, org number digits by prefix.
  index('customers_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  index('customers_org_digits_idx').on(sql`regexp_replace(${t.orgNumber}, '[^0-9]', '', 'g') text_pattern_ops`),
]);

/** Every version's editable fields, so a stale edit can be merged against what its author saw. */
export const customerVersions = pgTable(
  'customer_versions',
  {
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    /** The register that wrote this version; null for head office. A merge ignores a register's own edits. */
    authorRegisterId: uuid('author_register_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.version] })],
);

export const customerConflicts = pgTable(
  'customer_conflicts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    field: text('field').notNull(),
    headOfficeValue: jsonb('head_office_value'),
    registerValue: jsonb('register_value'),
    registerId: uuid('register_id').references(() => registers.id),
    eventId: uuid('event_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('customer_conflicts_customer_idx').on(t.customerId)],
);

/** Single-row counters taken under a row lock, so ranges handed out never overlap. */
export const counters = pgTable('counters', {
  name: text('name').primaryKey(),
  next: bigint('next', { mode: 'number' }).notNull(),
});

export const customerNumberBlocks = pgTable(
  'customer_number_blocks',
  {
    id: uuid('id').primaryKey(),
    registerId: uuid('register_id')
      .notNull()
      .references(() => registers.id),
    first: integer('first').notNull(),
    last: integer('last').notNull(),
    leasedAt: ts('leased_at').notNull().defaultNow(),
  },
  (t) => [index('customer_number_blocks_register_idx').on(t.registerId, t.first)],
);

export const productGroups = pgTable('product_groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
});

export const products = pgTable('products', {
  id: text('id').primaryKey(),
  sku: text('sku').notNull(),
  barcode: text('barcode'),
  name: text('name').notNull(),
  groupId: text('group_id'),
  priceOre: bigint('price_ore', { mode: 'number' }).notNull(),
  vatCode: text('vat_code').notNull(),
  active: boolean('active').notNull(),
});

export const vatRates = pgTable('vat_rates', {
  id: text('id').primaryKey(),
  code: text('code').notNull(),
  rateBp: integer('rate_bp').notNull(),
  validFrom: text('valid_from').notNull(),
  validTo: text('valid_to'),
});

export const paymentMethods = pgTable('payment_methods', {
  id: text('id', { enum: ['cash', 'card', 'invoice'] }).primaryKey(),
  name: text('name').notNull(),
  enabled: boolean('enabled').notNull(),
});

/**
 * Where head office turned a payment method on or off. No row: the method is active there (see
 * services/payment-methods.ts for the rule). A row is kept when switched back on, so the last change stays visible.
 */
export const paymentMethodActivations = pgTable(
  'payment_method_activations',
  {
    method: text('method', { enum: ['cash', 'card', 'invoice'] })
      .notNull()
      .references(() => paymentMethods.id),
    costCentre: text('cost_centre')
      .notNull()
      .references(() => costCentres.code),
    active: boolean('active').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.method, t.costCentre] })],
);

export const registerUsers = pgTable('register_users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role', { enum: ['cashier', 'manager'] }).notNull(),
  pinHash: text('pin_hash').notNull(),
  active: boolean('active').notNull(),
  /** The registers that may sign this user in; null for users saved before users had one, who reach no register. */
  costCentre: text('cost_centre').references(() => costCentres.code),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value'),
});

export const sales = pgTable(
  'sales',
  {
    id: uuid('id').primaryKey(),
    registerId: uuid('register_id')
      .notNull()
      .references(() => registers.id),
    receiptNumber: integer('receipt_number').notNull(),
    completedAt: ts('completed_at').notNull(),
    totalOre: bigint('total_ore', { mode: 'number' }).notNull(),
    customerId: uuid('customer_id').references(() => customers.id),
    payload: jsonb('payload').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sales_register_receipt_idx').on(t.registerId, t.receiptNumber)],
);

export const changeFeedSeq = pgSequence('change_feed_seq');

/**
 * One row per record: a change bumps the row's seq, so the feed is compacted by construction and a
 * register that was offline for weeks pulls each record once.
 */
export const changeFeed = pgTable(
  'change_feed',
  {
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    seq: bigint('seq', { mode: 'number' })
      .notNull()
      .default(sql`nextval('change_feed_seq')`),
    data: jsonb('data').notNull(),
    /** Only the registers of this cost centre pull the row; null for every register. */
    costCentre: text('cost_centre'),
  },
  (t) => [primaryKey({ columns: [t.entity, t.entityId] }), uniqueIndex('change_feed_seq_idx').on(t.seq)],
);

/**
 * Invoice documents. A draft holds the sale's content (domain InvoiceContent) and, while it waits
 * for a person, the problems that stop its activation; an active or transferred document holds the
 * immutable InvoiceDocument with its number. One document per sale, one credit per original.
 */
export const invoiceDocuments = pgTable(
  'invoice_documents',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: ['invoice', 'credit'] }).notNull(),
    status: text('status', { enum: ['draft', 'active', 'transferred'] }).notNull(),
    number: integer('number').unique(),
    saleId: uuid('sale_id').unique(),
    creditOfId: uuid('credit_of_id').unique(),
    /** The customer charged; may not exist at head office yet (the draft then says so). */
    customerId: uuid('customer_id').notNull(),
    registerId: uuid('register_id'),
    costCentre: text('cost_centre').notNull(),
    totalOre: bigint('total_ore', { mode: 'number' }).notNull(),
    amountDueOre: bigint('amount_due_ore', { mode: 'number' }).notNull(),
    invoiceDate: text('invoice_date'),
    dueDate: text('due_date'),
    paymentReference: text('payment_reference'),
    content: jsonb('content').notNull(),
    problems: jsonb('problems'),
    /** When the activation worker should try this draft; null while it waits for a person or a change. */
    activationDueAt: ts('activation_due_at'),
    createdAt: ts('created_at').notNull(),
    activatedAt: ts('activated_at'),
    transferredAt: ts('transferred_at'),
  },
  (t) => [
    index('invoice_documents_activation_idx').on(t.status, t.activationDueAt),
    // The head-office list (services/invoices/invoice-views.ts): one index per sort, each ending in
    // (created_at, id) as its keyset does; a filter on the leading column (customer, cost centre,
    // status) reads its newest first from the same index.
    index('invoice_documents_customer_idx').on(t.customerId, t.createdAt, t.id),
    index('invoice_documents_created_idx').on(t.createdAt, t.id),
    index('invoice_documents_number_sort_idx').on(sql`coalesce(${t.number}, 0)`, t.createdAt, t.id),
    index('invoice_documents_invoice_date_sort_idx').on(sql`coalesce(${t.invoiceDate}, '')`, t.createdAt, t.id),
    index('invoice_documents_due_date_sort_idx').on(sql`coalesce(${t.dueDate}, '')`, t.createdAt, t.id),
    index('invoice_documents_total_sort_idx').on(t.totalOre, t.createdAt, t.id),
    index('invoice_documents_customer_name_sort_idx').on(
      sql`lower(coalesce(${t.content} #>> '{customer,name}', ${t.content} #>> '{customerRef,name}'))`,
      t.createdAt,
      t.id,
    ),
    index('invoice_documents_cost_centre_sort_idx').on(t.costCentre, t.createdAt, t.id),
    index('invoice_documents_status_sort_idx').on(t.status, t.createdAt, t.id),
  ],
);

/**
 * One export job per active document: the durable state of getting it into Agresso exactly once.
 * Workers claim due jobs with FOR UPDATE SKIP LOCKED and hold a lease while they talk to Agresso.
 */
/**
 * One invoice's way to Agresso. Its voucher travels in a GL07 batch (export_batches) with many
 * others, and is confirmed on its own:
 *   pending (waits to be gathered) → batched (in batch N) → sent (GL07 order) → confirmed (voucher)
 *   failed: Agresso or the data said no, a person fixes and retries; blocked: our configuration is missing.
 */
export const exportJobs = pgTable(
  'export_jobs',
  {
    documentId: uuid('document_id')
      .primaryKey()
      .references(() => invoiceDocuments.id),
    state: text('state', { enum: ['pending', 'batched', 'sent', 'confirmed', 'failed', 'blocked'] }).notNull(),
    /** The batch it is in, or was last in (its batch id is how Agresso's batch input is asked about it). */
    batchNo: bigint('batch_no', { mode: 'number' }).references(() => exportBatches.id),
    batchId: text('batch_id'),
    /** Failed attempts in a row of its voucher, for the backoff. */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    /**
     * When the last batch with this voucher began to be sent, kept while that send may have reached
     * Agresso: before the voucher is sent again, Agresso is asked about that batch.
     */
    sendStartedAt: ts('send_started_at'),
    orderNumber: bigint('order_number', { mode: 'number' }),
    apArNo: text('apar_no'),
    voucherNo: text('voucher_no'),
    lastErrorCode: text('last_error_code'),
    lastErrorMessage: text('last_error_message'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    sentAt: ts('sent_at'),
    confirmedAt: ts('confirmed_at'),
  },
  (t) => [
    // Gathering: pending jobs, soonest first.
    index('export_jobs_pending_idx').on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
    index('export_jobs_batch_idx').on(t.batchNo),
    // The invoice list filtered by export state, and the export queue's counts per state.
    index('export_jobs_state_idx').on(t.state),
  ],
);

/**
 * One GL07 server-process order: many vouchers under one deterministic batch id.
 *   preparing (customers made sure of, then sent) → sent (Agresso's order number) → done (every voucher settled)
 * sendStartedAt is committed before the send: a batch found with it set (a timeout, a crash) asks
 * Agresso about its batch id before it is ever sent again.
 */
export const exportBatches = pgTable(
  'export_batches',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    batchId: text('batch_id').notNull().unique(),
    state: text('state', { enum: ['preparing', 'sent', 'done'] }).notNull(),
    vouchers: integer('vouchers').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: ts('lease_expires_at'),
    sendStartedAt: ts('send_started_at'),
    orderNumber: bigint('order_number', { mode: 'number' }),
    /** The GL07 document exactly as sent, so head office can show what Agresso received. */
    xml: text('xml'),
    /** What the batch is doing or waiting for, in words (an answer lost, a customer being created). */
    note: text('note'),
    lastErrorCode: text('last_error_code'),
    lastErrorMessage: text('last_error_message'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    sentAt: ts('sent_at'),
    doneAt: ts('done_at'),
  },
  (t) => [index('export_batches_due_idx').on(t.nextAttemptAt).where(sql`${t.state} in ('preparing', 'sent')`)],
);

/** Every step an export took, with its outcome: the history head office reads to prove an invoice landed once. */
export const exportEvents = pgTable(
  'export_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => invoiceDocuments.id),
    at: ts('at').notNull(),
    step: text('step').notNull(),
    outcome: text('outcome', { enum: ['ok', 'retry', 'failed', 'blocked', 'info'] }).notNull(),
    message: text('message').notNull(),
    orderNumber: bigint('order_number', { mode: 'number' }),
  },
  (t) => [index('export_events_document_idx').on(t.documentId, t.id)],
);

/** Our customers as Agresso knows them: the customer number there and the version last sent. */
export const agressoCustomers = pgTable('agresso_customers', {
  customerId: uuid('customer_id')
    .primaryKey()
    .references(() => customers.id),
  apArNo: text('apar_no').notNull(),
  state: text('state', { enum: ['creating', 'ready'] }).notNull(),
  /** The customer version Agresso has (ready) or was sent (creating). */
  version: integer('version').notNull(),
  orderNumber: bigint('order_number', { mode: 'number' }),
  requestedAt: ts('requested_at'),
  updatedAt: ts('updated_at').notNull(),
});

/** Head-office payment terms of a customer, when they differ from the company default. */
export const customerInvoiceTerms = pgTable('customer_invoice_terms', {
  customerId: uuid('customer_id')
    .primaryKey()
    .references(() => customers.id),
  paymentTermsDays: integer('payment_terms_days').notNull(),
});

/** Head-office configuration that never goes to registers: seller details, accounts, the Agresso connection. */
export const serverConfig = pgTable('server_config', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** People who sign in to the back office. Passwords are Argon2id hashes (PHC strings). */
export const backofficeUsers = pgTable('backoffice_users', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['administrator', 'head-office', 'store-manager'] }).notNull(),
  /** A store manager's cost centres; empty for the other roles. */
  costCentres: jsonb('cost_centres').$type<string[]>().notNull().default([]),
  passwordHash: text('password_hash').notNull(),
  disabledAt: ts('disabled_at'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/**
 * Server-side sessions: the cookie holds a random id, the table its SHA-256, so a copy of the table
 * signs no one in. A session ends when idle too long, at its absolute expiry, or when revoked.
 */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => backofficeUsers.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: ts('created_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed sign-ins per username and per address, shared by every server instance. */
export const signInThrottle = pgTable('sign_in_throttle', {
  /** `user:<name>` or `ip:<address>`. */
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: ts('last_failure_at').notNull(),
  lockedUntil: ts('locked_until'),
  /** How many times the key was locked: each lock-out lasts twice the one before. */
  lockouts: integer('lockouts').notNull().default(0),
});

/** Who changed what at head office, with the values before and after (secrets masked). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: ts('at').notNull(),
    actorKind: text('actor_kind', { enum: ['user', 'api-key', 'system'] }).notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.id)],
);
