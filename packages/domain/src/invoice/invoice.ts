import { summarizeVat, type VatSummaryRow } from '../cart';
import { formatKronor, type Ore } from '../money';
import { createKid, createOcr, type KidAlgorithm } from '../references';
import { addDays, localDateIn, TIME_ZONES } from './calendar';

// Invoice documents follow the sales-invoice lifecycle users know: a draft is activated, which checks
// it and gives it the next number of a gapless series and a payment reference; an active document
// never changes; a mistake is corrected with a credit document that references the original.

export type InvoiceKind = 'invoice' | 'credit';
export type InvoiceCurrency = 'SEK' | 'NOK';

/** The seller as a Swedish invoice must show it (mervärdesskattelagen: name, address, VAT number). */
export interface SellerProfile {
  name: string;
  orgNumber: string;
  vatNumber: string;
  /** A Swedish seller approved for F-tax prints "Godkänd för F-skatt". */
  fTaxApproved: boolean;
  street: string;
  postalCode: string;
  city: string;
  country: 'SE' | 'NO';
  email: string | null;
  phone: string | null;
  bankgiro: string | null;
  plusgiro: string | null;
  iban: string | null;
  bic: string | null;
  /** Days from invoice date to due date, unless the customer has its own terms. */
  paymentTermsDays: number;
  /** How the payment reference is derived from the invoice number: OCR in Sweden, KID in Norway. */
  reference: { kind: 'ocr'; lengthDigit: boolean } | { kind: 'kid'; algorithm: KidAlgorithm };
}

/** The buyer as it was when the invoice was activated. */
export interface InvoiceCustomer {
  id: string;
  customerNumber: number;
  name: string;
  orgNumber: string;
  internal: boolean;
  /** The customer's id in Agresso for an internal customer. */
  externalId: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  /** ISO 3166 alpha-2 of the billing address. */
  country: string;
  email: string | null;
  phone: string | null;
  /** Overrides the seller's payment terms for this customer. */
  paymentTermsDays: number | null;
  active: boolean;
  invoicingEnabled: boolean;
}

export interface InvoiceLine {
  lineNo: number;
  productId: string;
  sku: string;
  description: string;
  /** Filled at activation from the catalog; picks a product group's sales account. */
  productGroupId: string | null;
  quantity: number;
  unitPriceOre: Ore;
  discountOre: Ore;
  /** quantity × unit price − discount, VAT included (retail prices include VAT). */
  grossOre: Ore;
  netOre: Ore;
  vatOre: Ore;
  vatRateBp: number;
}

export interface SettledAtRegister {
  method: 'cash' | 'card';
  amountOre: Ore;
}

/** What a draft holds: the sale as the register made it, before the buyer and numbers are fixed. */
export interface InvoiceContent {
  saleId: string;
  receiptNumber: number;
  registerId: string;
  /** The register's name at head office, as the invoice's small print shows it. */
  registerName: string;
  costCentre: string;
  /** The sale's instant (ISO); its local date is the delivery date. */
  soldAt: string;
  deliveryNoteNumber: number;
  /** The customer the register charged, as it saw them. */
  customerRef: { id: string; customerNumber: number; name: string; orgNumber: string; externalId: string | null };
  buyerReference: string | null;
  comment: string | null;
  lines: InvoiceLine[];
  vatSummary: VatSummaryRow[];
  totalOre: Ore;
  netOre: Ore;
  vatOre: Ore;
  discountOre: Ore;
  /** Cash rounding of a split sale; belongs to the sale, not to the invoice amount. */
  roundingOre: Ore;
  /** Parts of a split sale paid at the register by cash or card. */
  paidAtRegister: SettledAtRegister[];
  /** The amount charged by invoice: what the customer is asked to pay. */
  amountDueOre: Ore;
}

export interface InvoiceDocument extends InvoiceContent {
  kind: InvoiceKind;
  number: number;
  invoiceDate: string;
  deliveryDate: string;
  dueDate: string;
  paymentReference: string;
  currency: InvoiceCurrency;
  seller: SellerProfile;
  customer: InvoiceCustomer;
  /** A credit document's original. */
  creditOf: { documentId: string; number: number; invoiceDate: string } | null;
}

/** The parts of a register's sale an invoice needs (a structural subset of the wire Sale). */
export interface SaleForInvoice {
  id: string;
  receiptNumber: number;
  completedAt: string;
  totalOre: Ore;
  roundingOre: Ore;
  vatOre: Ore;
  netOre: Ore;
  lines: readonly {
    lineNo: number;
    productId: string;
    sku: string;
    name: string;
    quantity: number;
    unitPriceOre: Ore;
    discountOre: Ore;
    grossOre: Ore;
    vatRateBp: number;
    vatOre: Ore;
    netOre: Ore;
  }[];
  payments: readonly { method: 'cash' | 'card' | 'invoice'; amountOre: Ore }[];
  invoice: {
    customer: { id: string; customerNumber: number; name: string; orgNumber: string; externalId: string | null };
    buyerReference: string | null;
    comment: string | null;
    deliveryNoteNumber: number;
  } | null;
}

/** A draft's content from an invoice sale; null for a sale that charged nothing by invoice. */
export function invoiceContentFromSale(sale: SaleForInvoice, origin: { registerId: string; registerName: string; costCentre: string }): InvoiceContent | null {
  const invoiced = sale.payments.filter((p) => p.method === 'invoice').reduce((sum, p) => sum + p.amountOre, 0);
  if (!sale.invoice || invoiced === 0) return null;
  const lines: InvoiceLine[] = sale.lines.map((l) => ({
    lineNo: l.lineNo,
    productId: l.productId,
    sku: l.sku,
    description: l.name,
    productGroupId: null,
    quantity: l.quantity,
    unitPriceOre: l.unitPriceOre,
    discountOre: l.discountOre,
    grossOre: l.grossOre,
    netOre: l.netOre,
    vatOre: l.vatOre,
    vatRateBp: l.vatRateBp,
  }));
  return {
    saleId: sale.id,
    receiptNumber: sale.receiptNumber,
    registerId: origin.registerId,
    registerName: origin.registerName,
    costCentre: origin.costCentre,
    soldAt: sale.completedAt,
    deliveryNoteNumber: sale.invoice.deliveryNoteNumber,
    customerRef: { ...sale.invoice.customer },
    buyerReference: sale.invoice.buyerReference,
    comment: sale.invoice.comment,
    lines,
    vatSummary: summarizeVat(lines),
    totalOre: sale.totalOre,
    netOre: sale.netOre,
    vatOre: sale.vatOre,
    discountOre: lines.reduce((sum, l) => sum + l.discountOre, 0),
    roundingOre: sale.roundingOre,
    paidAtRegister: sale.payments.flatMap((p) => (p.method === 'invoice' ? [] : [{ method: p.method, amountOre: p.amountOre }])),
    amountDueOre: invoiced,
  };
}

export type ActivationProblemCode =
  | 'SELLER_INCOMPLETE'
  | 'CUSTOMER_UNKNOWN'
  | 'CUSTOMER_NOT_INVOICEABLE'
  | 'CUSTOMER_ADDRESS_MISSING'
  | 'CUSTOMER_EXTERNAL_ID_MISSING'
  | 'AMOUNT_NOT_POSITIVE'
  /** Activation itself failed on the draft's data; the message says how. */
  | 'ACTIVATION_FAILED';

export interface ActivationProblem {
  code: ActivationProblemCode;
  message: string;
  field?: string;
}

const blank = (v: string | null | undefined) => v == null || v.trim() === '';

/** Why a draft cannot be activated yet, in words a person at head office can act on. Empty when it can. */
export function activationProblems(
  content: InvoiceContent,
  customer: InvoiceCustomer | null,
  seller: SellerProfile | null,
): ActivationProblem[] {
  const problems: ActivationProblem[] = [];
  if (!seller) {
    problems.push({ code: 'SELLER_INCOMPLETE', message: 'The seller details (company name, address, VAT number, payment details) are not set up.', field: 'seller' });
  } else {
    const missing: string[] = (['name', 'orgNumber', 'vatNumber', 'street', 'postalCode', 'city'] as const).filter((f) => blank(seller[f]));
    if (blank(seller.bankgiro) && blank(seller.plusgiro) && blank(seller.iban)) missing.push('bankgiro, plusgiro or IBAN');
    if (missing.length > 0) {
      problems.push({
        code: 'SELLER_INCOMPLETE',
        message: `The seller details lack ${missing.join(', ')}; an invoice must show them.`,
        field: `seller.${missing[0]!.split(',')[0]}`,
      });
    }
  }
  const who = `customer ${content.customerRef.customerNumber} (${content.customerRef.name})`;
  if (!customer) {
    problems.push({
      code: 'CUSTOMER_UNKNOWN',
      message: `The register charged ${who}, who does not exist at head office: their registration was rejected or has not arrived. Assign the invoice to an existing customer.`,
      field: 'customerId',
    });
  } else {
    if (!customer.active || !customer.invoicingEnabled) {
      problems.push({
        code: 'CUSTOMER_NOT_INVOICEABLE',
        message: `Customer ${customer.customerNumber} (${customer.name}) is ${customer.active ? 'not enabled for invoicing' : 'inactive'}. Enable invoicing or assign the invoice to another customer.`,
        field: 'customerId',
      });
    }
    if (customer.internal && blank(customer.externalId)) {
      problems.push({
        code: 'CUSTOMER_EXTERNAL_ID_MISSING',
        message: `Customer ${customer.customerNumber} (${customer.name}) is internal but has no external id: the id of the customer in Agresso is needed.`,
        field: 'customer.externalId',
      });
    }
    if (!customer.internal && (blank(customer.street) || blank(customer.postalCode) || blank(customer.city))) {
      problems.push({
        code: 'CUSTOMER_ADDRESS_MISSING',
        message: `Customer ${customer.customerNumber} (${customer.name}) has no complete billing address; an invoice must show the buyer's address.`,
        field: 'customer.street',
      });
    }
  }
  if (content.amountDueOre <= 0) {
    problems.push({
      code: 'AMOUNT_NOT_POSITIVE',
      message: `The invoice amount is ${formatKronor(content.amountDueOre)} kr; it must be greater than zero.`,
      field: 'amountDueOre',
    });
  }
  return problems;
}

export function paymentReference(number: number, seller: Pick<SellerProfile, 'reference'>): string {
  const base = String(number);
  return seller.reference.kind === 'ocr'
    ? createOcr(base, { lengthDigit: seller.reference.lengthDigit })
    : createKid(base, seller.reference.algorithm);
}

export interface Activation {
  number: number;
  /** The day of activation in the seller's time zone: the invoice date. */
  today: string;
  seller: SellerProfile;
  customer: InvoiceCustomer;
  productGroups: ReadonlyMap<string, string | null>;
}

/** The active document. Call only when activationProblems is empty; it is immutable from here on. */
export function activateInvoice(content: InvoiceContent, a: Activation): InvoiceDocument {
  const terms = a.customer.paymentTermsDays ?? a.seller.paymentTermsDays;
  return {
    ...content,
    lines: content.lines.map((l) => ({ ...l, productGroupId: a.productGroups.get(l.productId) ?? null })),
    kind: 'invoice',
    number: a.number,
    invoiceDate: a.today,
    deliveryDate: localDateIn(new Date(content.soldAt), TIME_ZONES[a.seller.country]),
    dueDate: addDays(a.today, terms),
    paymentReference: paymentReference(a.number, a.seller),
    currency: a.seller.country === 'NO' ? 'NOK' : 'SEK',
    seller: a.seller,
    customer: a.customer,
    creditOf: null,
  };
}

/**
 * A credit document for the whole of an original invoice: the same parties and lines, its own number
 * and reference, and a voucher that reverses the original's. Amounts stay positive on the document
 * itself, as credit invoices are written; the kind says they are credited.
 */
export function creditInvoice(original: InvoiceDocument, originalId: string, a: { number: number; today: string }): InvoiceDocument {
  return {
    ...original,
    kind: 'credit',
    number: a.number,
    invoiceDate: a.today,
    dueDate: a.today,
    paymentReference: paymentReference(a.number, original.seller),
    creditOf: { documentId: originalId, number: original.number, invoiceDate: original.invoiceDate },
  };
}
