import { describe, expect, it } from 'vitest';
import { isValidOcr } from '../references';
import { activateInvoice, activationProblems, creditInvoice, invoiceContentFromSale, paymentReference } from './invoice';
import { TEST_SELLER, testCustomer, testSale } from './test-fixtures';

const origin = { registerId: 'c0ffee00-0000-4000-8000-000000000001', registerName: 'Kassa 1', costCentre: 'MUSEUM' };
const groups = new Map([['p-book', 'books'], ['p-coffee', 'food'], ['p-mug', 'goods']]);

describe('invoiceContentFromSale', () => {
  it('keeps the lines, VAT per rate and totals the register computed', () => {
    const sale = testSale();
    const content = invoiceContentFromSale(sale, origin)!;
    expect(content.lines.map((l) => [l.description, l.quantity, l.grossOre, l.vatRateBp])).toEqual(
      sale.lines.map((l) => [l.name, l.quantity, l.grossOre, l.vatRateBp]),
    );
    // Three rates, summed from the lines, highest first.
    expect(content.vatSummary.map((r) => r.rateBp)).toEqual([2500, 600]);
    expect(content.vatSummary.reduce((s, r) => s + r.vatOre, 0)).toBe(sale.vatOre);
    expect(content.totalOre).toBe(sale.totalOre);
    expect(content.amountDueOre).toBe(sale.totalOre);
    expect(content.discountOre).toBe(1_495);
    expect(content.paidAtRegister).toEqual([]);
    expect(content).toMatchObject({ buyerReference: 'Åsa Öberg', comment: 'Till biblioteket', deliveryNoteNumber: 77, costCentre: 'MUSEUM' });
  });

  it('charges only the invoiced part of a split sale and keeps what was paid at the register', () => {
    const sale = testSale({ split: true });
    const content = invoiceContentFromSale(sale, origin)!;
    expect(content.paidAtRegister).toEqual([
      { method: 'card', amountOre: 10_000 },
      { method: 'cash', amountOre: 2_300 },
    ]);
    expect(content.roundingOre).toBe(-45);
    expect(content.amountDueOre).toBe(sale.totalOre - 10_000 - 2_345);
  });

  it('gives nothing for a sale without an invoice payment', () => {
    const sale = { ...testSale(), invoice: null, payments: [{ method: 'card' as const, amountOre: testSale().totalOre }] };
    expect(invoiceContentFromSale(sale, origin)).toBeNull();
  });
});

describe('activation', () => {
  const content = invoiceContentFromSale(testSale(), origin)!;

  it('is possible for a complete draft', () => {
    expect(activationProblems(content, testCustomer(), TEST_SELLER)).toEqual([]);
  });

  it('names every missing piece a person must fix', () => {
    const codes = (customer = testCustomer(), seller = TEST_SELLER) => activationProblems(content, customer, seller).map((p) => p.code);
    expect(activationProblems(content, null, TEST_SELLER)).toEqual([
      expect.objectContaining({ code: 'CUSTOMER_UNKNOWN', message: expect.stringContaining('customer 10042 (Kultur- och fritidsförvaltningen Åre)') }),
    ]);
    expect(codes(testCustomer({ invoicingEnabled: false }))).toEqual(['CUSTOMER_NOT_INVOICEABLE']);
    expect(codes(testCustomer({ active: false }))).toEqual(['CUSTOMER_NOT_INVOICEABLE']);
    expect(codes(testCustomer({ internal: true, externalId: null }))).toEqual(['CUSTOMER_EXTERNAL_ID_MISSING']);
    expect(codes(testCustomer({ street: null }))).toEqual(['CUSTOMER_ADDRESS_MISSING']);
    // An internal customer's address lives in Agresso already.
    expect(codes(testCustomer({ internal: true, externalId: '100017', street: null, city: null }))).toEqual([]);
    const seller = activationProblems(content, testCustomer(), { ...TEST_SELLER, vatNumber: ' ', bankgiro: null, iban: null });
    expect(seller).toEqual([expect.objectContaining({ code: 'SELLER_INCOMPLETE', field: 'seller.vatNumber' })]);
    expect(seller[0]!.message).toBe('The seller details lack vatNumber, bankgiro, plusgiro or IBAN; an invoice must show them.');
    expect(activationProblems(content, testCustomer(), null).map((p) => p.code)).toEqual(['SELLER_INCOMPLETE']);
    expect(activationProblems({ ...content, amountDueOre: 0 }, testCustomer(), TEST_SELLER).map((p) => p.code)).toEqual(['AMOUNT_NOT_POSITIVE']);
  });

  it('fixes number, dates, reference, buyer, seller and product groups', () => {
    const doc = activateInvoice(content, { number: 1042, today: '2026-11-23', seller: TEST_SELLER, customer: testCustomer(), productGroups: groups });
    expect(doc).toMatchObject({ kind: 'invoice', number: 1042, invoiceDate: '2026-11-23', deliveryDate: '2026-11-20', dueDate: '2026-12-23', currency: 'SEK', creditOf: null });
    expect(doc.paymentReference).toBe(paymentReference(1042, TEST_SELLER));
    expect(isValidOcr(doc.paymentReference, { lengthDigit: true })).toBe(true);
    expect(doc.lines.map((l) => l.productGroupId)).toEqual(['books', 'food', 'goods']);
    expect(doc.customer.name).toBe('Kultur- och fritidsförvaltningen Åre');
  });

  it('uses the customer’s own payment terms and the seller’s time zone for the delivery date', () => {
    // 23:30 UTC on 30 November is 1 December in Stockholm.
    const late = invoiceContentFromSale(testSale({ completedAt: '2026-11-30T23:30:00.000Z' }), origin)!;
    const doc = activateInvoice(late, { number: 7, today: '2026-12-01', seller: TEST_SELLER, customer: testCustomer({ paymentTermsDays: 10 }), productGroups: groups });
    expect(doc.deliveryDate).toBe('2026-12-01');
    expect(doc.dueDate).toBe('2026-12-11');
  });

  it('derives a Norwegian KID when the seller invoices from Norway', () => {
    const seller = { ...TEST_SELLER, country: 'NO' as const, reference: { kind: 'kid' as const, algorithm: 'MOD10' as const } };
    const doc = activateInvoice(content, { number: 1230, today: '2026-11-23', seller, customer: testCustomer(), productGroups: groups });
    // Luhn over 1230: 0·2 + 3 + 2·2 + 1 = 8, so the check digit is 2.
    expect(doc.paymentReference).toBe('12302');
    expect(doc.currency).toBe('NOK');
  });
});

describe('creditInvoice', () => {
  it('references the original with its own number, reference and date', () => {
    const content = invoiceContentFromSale(testSale(), origin)!;
    const original = activateInvoice(content, { number: 1042, today: '2026-11-23', seller: TEST_SELLER, customer: testCustomer(), productGroups: groups });
    const credit = creditInvoice(original, 'doc-1042', { number: 1050, today: '2026-11-25' });
    expect(credit).toMatchObject({
      kind: 'credit',
      number: 1050,
      invoiceDate: '2026-11-25',
      creditOf: { documentId: 'doc-1042', number: 1042, invoiceDate: '2026-11-23' },
      amountDueOre: original.amountDueOre,
      lines: original.lines,
    });
    expect(credit.paymentReference).toBe(paymentReference(1050, TEST_SELLER));
  });
});
