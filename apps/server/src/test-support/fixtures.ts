import { randomUUID } from 'node:crypto';
import type { Customer, DayReport, JournalCode, Sale, SyncEvent } from '@nota/protocol';

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

/** A Z report as a register closes it: three card sales at 25 %; `netSalesOre` a multiple of 5. */
export function zReport(registerId: string, number: number, netSalesOre: number, grandTotalOre: number): DayReport {
  return {
    kind: 'z',
    number,
    registerId,
    registerName: 'Kassa 1',
    country: 'SE',
    periodStart: null,
    producedAt: new Date(Date.UTC(2026, 10, number, 17)).toISOString(),
    userId: 'u-bjorn',
    figures: {
      floatOre: 100_000,
      receiptCount: 3,
      firstReceiptNumber: 3 * number - 2,
      lastReceiptNumber: 3 * number,
      sales: { count: 3, grossOre: netSalesOre },
      returns: { count: 0, amountOre: 0 },
      netSalesOre,
      vatRates: [{ rateBp: 2500, grossOre: netSalesOre, netOre: netSalesOre * 0.8, vatOre: netSalesOre * 0.2 }],
      payments: [{ method: 'card', count: 3, amountOre: netSalesOre }],
      groups: [{ groupId: 'food', name: 'Mat', quantity: 3, grossOre: netSalesOre }],
      discountOre: 0,
      roundingOre: 0,
      copies: 0,
      training: { count: 0, amountOre: 0 },
      drawerOpeningsWithoutSale: 0,
      invoices: { count: 0, amountOre: 0, deliveryNotes: 0, list: [] },
      cash: { floatOre: 100_000, cashInOre: 0, changeOre: 0, refundsOre: 0, expectedOre: 100_000, countedOre: 99_900, differenceOre: -100 },
      grandTotalOre,
    },
  };
}
export const zClosed = (report: DayReport): SyncEvent =>
  ({ v: 1, id: randomUUID(), type: 'z-report.closed', occurredAt: report.producedAt, report }) as SyncEvent;
