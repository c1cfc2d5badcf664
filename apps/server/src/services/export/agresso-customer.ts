import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { AgressoClient, Cs15Customer } from '@nota/agresso';
import type { AccountingMapping } from '@nota/domain';
import type { Database } from '../../db/database';
import { agressoCustomers, customers } from '../../db/schema';
import { ExportProblem } from './export-problem';

type CustomerRow = typeof customers.$inferSelect;
type LinkRow = typeof agressoCustomers.$inferSelect;

export interface CustomerStep {
  db: Database;
  client: AgressoClient;
  mapping: AccountingMapping;
  /** The invoices' currency, the customer's in Agresso. */
  currency: string;
  now: Date;
  /** How long an unanswered creation request blocks another one. */
  uncertainMs: number;
  /** While Agresso creates a customer, it is looked up at most this often, however many invoices wait. */
  pollMs: number;
  /** How long to wait for Agresso to create a customer before a person is asked to look. */
  creationTimeoutMs: number;
  /**
   * Customer records Agresso must be sent: the caller sends them all in one CS15 order, then calls
   * creationOrdered for the customers it created.
   */
  cs15: Cs15Customer[];
}

export type CustomerOutcome = { ready: string } | { waiting: string; creating?: boolean };

/**
 * Makes sure the invoice's customer exists in Agresso before its voucher is sent, and answers the
 * customer's id there. An internal customer already exists and is referenced by its external id;
 * anyone else is upserted by external reference (our customer id), never blindly created: looked up
 * first, created with CS15 when missing, updated when head office changed them since.
 */
export async function ensureAgressoCustomer(step: CustomerStep, customerId: string, known?: KnownCustomer): Promise<CustomerOutcome> {
  const company = step.mapping.agresso.companyCode!;
  const { customer, link } = known ?? (await readCustomers(step.db, [customerId])).get(customerId) ?? {};
  if (!customer) throw new ExportProblem('failed', 'CUSTOMER_UNKNOWN', `Customer ${customerId} no longer exists at head office.`);

  if (customer.internal) return internalCustomer(step, customer, link, company);
  if (link?.state === 'ready' && link.version >= customer.version) return { ready: link.apArNo };
  const creating = link?.state === 'creating' && link.version === customer.version && link.orderNumber !== null;
  if (creating && step.now.getTime() - link.updatedAt.getTime() < step.pollMs) {
    return { waiting: `Waiting for Agresso to create customer ${link.apArNo} (${customer.name}), order ${link.orderNumber}.` };
  }

  const found = await step.client.getCustomers({ company, externalReference: customer.id });
  if (found[0]) {
    const apArNo = found[0].customerId;
    if (link?.state === 'ready') {
      // Agresso has them; head office changed them since. The update is for the ledger's master
      // data, not a condition for the voucher, so the invoice goes on with the update in the batch's CS15.
      step.cs15.push(cs15Record(customer, apArNo, true, step));
    }
    await saveLink(step, { customerId, apArNo, state: 'ready', version: customer.version, orderNumber: null, requestedAt: null });
    return { ready: apArNo };
  }

  const apArNo = `${step.mapping.agresso.customerIdPrefix ?? ''}${customer.customerNumber}`;
  const requestedAgo = link?.requestedAt ? step.now.getTime() - link.requestedAt.getTime() : Infinity;
  if (link?.state === 'creating' && link.version === customer.version) {
    if (link.orderNumber !== null && requestedAgo < step.creationTimeoutMs) {
      // Looked at now; the other invoices of this customer need not ask again before pollMs.
      await step.db.transaction((tx) => tx.update(agressoCustomers).set({ updatedAt: step.now }).where(eq(agressoCustomers.customerId, customerId)));
      return { waiting: `Waiting for Agresso to create customer ${apArNo} (${customer.name}), order ${link.orderNumber}.` };
    }
    if (link.orderNumber !== null) {
      await step.db.transaction((tx) => tx.delete(agressoCustomers).where(eq(agressoCustomers.customerId, customerId)));
      throw new ExportProblem(
        'failed',
        'AGRESSO_CUSTOMER_NOT_CREATED',
        `Agresso accepted order ${link.orderNumber} to create customer ${apArNo} (${customer.name}) but the customer has not appeared after ` +
          `${Math.round(requestedAgo / 60_000)} min. Look at the CS15 server process in Agresso, then retry.`,
      );
    }
    // Another export is sending the creation right now; wait for it rather than create twice.
    if (requestedAgo < step.uncertainMs) return { waiting: `Another export is asking Agresso to create customer ${apArNo} (${customer.name}).` };
  }

  const taken = await step.client.getCustomers({ company, customerId: apArNo });
  if (taken[0]?.externalReference === customer.id) {
    // Created a moment ago by another export of the same customer.
    await saveLink(step, { customerId, apArNo, state: 'ready', version: customer.version, orderNumber: null, requestedAt: null });
    return { ready: apArNo };
  }
  if (taken[0]) {
    throw new ExportProblem(
      'failed',
      'AGRESSO_CUSTOMER_NUMBER_TAKEN',
      `Agresso already has a customer ${apArNo} (${taken[0].name}) in company ${company} that is not Nota's customer ${customer.customerNumber} ` +
        `(${customer.name}). Link them by setting the customer's external reference in Agresso to ${customer.id}, make the customer internal with its Agresso id, ` +
        'or set a customer-id prefix in the accounting mapping so the customers Nota creates get ids of their own.',
    );
  }
  if (!(await claimCreation(step, customerId, apArNo, customer.version, link))) {
    return { waiting: `Another export is asking Agresso to create customer ${apArNo} (${customer.name}).` };
  }
  step.cs15.push(cs15Record(customer, apArNo, false, step));
  return { waiting: `Agresso is creating customer ${apArNo} (${customer.name}).`, creating: true };
}

/** A customer as head office has it, with what Nota knows of them in Agresso. */
export interface KnownCustomer {
  customer?: CustomerRow;
  link?: LinkRow;
}

/**
 * The customers of a batch and their Agresso links in one query, however many: a batch of 500
 * vouchers has hundreds of customers, and most need nothing more than this read.
 */
export async function readCustomers(db: Database, customerIds: readonly string[]): Promise<Map<string, KnownCustomer>> {
  const known = new Map<string, KnownCustomer>();
  if (customerIds.length === 0) return known;
  const rows = await db.read((q) =>
    q
      .select({ customer: customers, link: agressoCustomers })
      .from(customers)
      .leftJoin(agressoCustomers, eq(agressoCustomers.customerId, customers.id))
      .where(inArray(customers.id, [...customerIds])),
  );
  for (const r of rows) known.set(r.customer.id, { customer: r.customer, ...(r.link ? { link: r.link } : {}) });
  return known;
}

/** The CS15 order that creates these customers was accepted: they are waited for under its number. */
export async function creationOrdered(db: Database, customerIds: readonly string[], orderNumber: number, now: Date): Promise<void> {
  if (customerIds.length === 0) return;
  await db.transaction((tx) => tx.update(agressoCustomers).set({ orderNumber, updatedAt: now }).where(inArray(agressoCustomers.customerId, [...customerIds])));
}

/** Agresso certainly did not take the CS15 order: the creations it claimed are free to be asked for again. */
export async function creationNotOrdered(db: Database, customerIds: readonly string[], requestedAt: Date): Promise<void> {
  if (customerIds.length === 0) return;
  await db.transaction((tx) =>
    tx
      .delete(agressoCustomers)
      .where(and(inArray(agressoCustomers.customerId, [...customerIds]), eq(agressoCustomers.state, 'creating'), isNull(agressoCustomers.orderNumber), eq(agressoCustomers.requestedAt, requestedAt))),
  );
}

async function internalCustomer(step: CustomerStep, customer: CustomerRow, link: LinkRow | undefined, company: string): Promise<CustomerOutcome> {
  const apArNo = customer.externalId;
  if (!apArNo) {
    throw new ExportProblem('failed', 'CUSTOMER_EXTERNAL_ID_MISSING', `Customer ${customer.customerNumber} (${customer.name}) is internal but has no external id (its id in Agresso).`);
  }
  if (link?.state === 'ready' && link.apArNo === apArNo) return { ready: apArNo };
  const found = await step.client.getCustomers({ company, customerId: apArNo });
  if (!found[0]) {
    throw new ExportProblem(
      'failed',
      'AGRESSO_CUSTOMER_UNKNOWN',
      `Customer ${customer.customerNumber} (${customer.name}) is internal, so Agresso should already have it as customer ${apArNo} in company ${company}, ` +
        'but it does not. Correct the external id, or create the customer in Agresso, then retry.',
    );
  }
  await saveLink(step, { customerId: customer.id, apArNo, state: 'ready', version: customer.version, orderNumber: null, requestedAt: null });
  return { ready: apArNo };
}

/** Only one export at a time asks Agresso to create a customer: the one whose conditional write wins. */
async function claimCreation(step: CustomerStep, customerId: string, apArNo: string, version: number, link: LinkRow | undefined): Promise<boolean> {
  const values = { customerId, apArNo, state: 'creating' as const, version, orderNumber: null, requestedAt: step.now, updatedAt: step.now };
  return step.db.transaction(async (tx) => {
    if (!link) return (await tx.insert(agressoCustomers).values(values).onConflictDoNothing().returning()).length === 1;
    // Unchanged since we read it: nobody else claimed it in between.
    const unchanged = link.requestedAt ? eq(agressoCustomers.requestedAt, link.requestedAt) : isNull(agressoCustomers.requestedAt);
    const claimed = await tx
      .update(agressoCustomers)
      .set(values)
      .where(and(eq(agressoCustomers.customerId, customerId), unchanged))
      .returning();
    return claimed.length === 1;
  });
}

async function saveLink(step: CustomerStep, link: Omit<LinkRow, 'updatedAt'>): Promise<void> {
  await step.db.transaction((tx) =>
    tx
      .insert(agressoCustomers)
      .values({ ...link, updatedAt: step.now })
      .onConflictDoUpdate({ target: agressoCustomers.customerId, set: { ...link, updatedAt: step.now } }),
  );
}

function cs15Record(customer: CustomerRow, apArNo: string, update: boolean, step: CustomerStep): Cs15Customer {
  return {
    companyCode: step.mapping.agresso.companyCode!,
    apArNo,
    update,
    name: customer.name,
    apArGroup: step.mapping.agresso.customerGroup,
    compRegNo: customer.orgNumber,
    externalRef: customer.id,
    shortName: customer.name.replace(/[^\p{L}\p{N}]/gu, '').slice(0, 10).toUpperCase(),
    countryCode: customer.billingCountry,
    payTerms: null,
    currency: step.currency,
    language: customer.country === 'NO' ? 'NO' : 'SE',
    address: {
      street: customer.street,
      place: customer.city,
      zipCode: customer.postalCode,
      countryCode: customer.billingCountry,
      email: customer.email,
      phone: customer.phone,
    },
  };
}
