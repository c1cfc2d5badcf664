import { randomUUID } from 'node:crypto';
import type { Customer, JournalCode, Sale, SyncEvent } from '@nota/protocol';

const NOW = '2026-05-04T10:00:00.000Z';

export function customer(customerNumber: number, overrides: Partial<Customer> = {}): Customer {
  return {
    id: randomUUID(),
    customerNumber,
    active: true,
    internal: false,
    externalId: null,
    name: `Kund ${customerNumber}`,
    orgNumber: '556016-0680',
    country: 'SE',
    street: 'Storgatan 1',
    postalCode: '111 22',
    city: 'Stockholm',
    billingCountry: 'SE',
    email: 'faktura@example.se',
    phone: null,
    invoicingEnabled: true,
    purchaseInstruction: null,
    version: 1,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

/** A consistent sale of one 125 kr item at 25 % VAT, by card or charged to a customer. */
export function sale(receiptNumber: number, invoiceCustomer?: Customer): Sale {
  const method = invoiceCustomer ? 'invoice' : 'card';
  return {
    id: randomUUID(),
    receiptNumber,
    registerId: 'local-register',
    userId: 'u-anna',
    completedAt: NOW,
    totalOre: 12_500,
    roundingOre: 0,
    totalDueOre: 12_500,
    vatOre: 2_500,
    netOre: 10_000,
    changeOre: 0,
    training: false,
    returnOf: null,
    signature: null,
    lines: [
      {
        lineNo: 1,
        productId: 'p1',
        sku: 'SKU1',
        name: 'Mugg',
        quantity: 1,
        unitPriceOre: 12_500,
        discountOre: 0,
        grossOre: 12_500,
        vatRateBp: 2_500,
        vatOre: 2_500,
        netOre: 10_000,
      },
    ],
    payments: [{ method, amountOre: 12_500, tenderedOre: null, changeOre: 0 }],
    vatSummary: [{ rateBp: 2_500, grossOre: 12_500, netOre: 10_000, vatOre: 2_500 }],
    invoice: invoiceCustomer
      ? {
          customer: {
            id: invoiceCustomer.id,
            customerNumber: invoiceCustomer.customerNumber,
            name: invoiceCustomer.name,
            orgNumber: invoiceCustomer.orgNumber,
            externalId: invoiceCustomer.externalId,
          },
          buyerReference: 'Anna',
          comment: null,
          deliveryNoteNumber: receiptNumber,
        }
      : null,
  };
}

export const created = (c: Customer): SyncEvent => ({ v: 1, id: randomUUID(), type: 'customer.created', occurredAt: NOW, customer: c });
/** A journal line as a register logs it. */
export const journalLine = (seq: number, code: JournalCode = '13003'): SyncEvent => ({
  v: 1,
  id: randomUUID(),
  type: 'journal.logged',
  occurredAt: NOW,
  entry: { id: randomUUID(), seq, code, occurredAt: NOW, userId: 'u-anna', saleId: null, amountOre: null, detail: null },
});

export const completed = (s: Sale): SyncEvent => ({ v: 1, id: randomUUID(), type: 'sale.completed', occurredAt: NOW, sale: s });
export const updated = (c: Customer, baseVersion: number, changedFields: string[]): SyncEvent => ({
  v: 1,
  id: randomUUID(),
  type: 'customer.updated',
  occurredAt: NOW,
  baseVersion,
  customer: c,
  changedFields,
});

/** Norway: a register's public receipt-signing key, as it announces it at enrolment. */
export const registerKey = (publicKeyPem: string, keyVersion = 1): SyncEvent => ({
  v: 1,
  id: randomUUID(),
  type: 'register.key',
  occurredAt: NOW,
  keyVersion,
  algorithm: 'RSA-SHA1',
  publicKeyPem,
});
