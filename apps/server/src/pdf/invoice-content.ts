import { formatKronor, formatVatRate, roundHalfAwayFromZero, type InvoiceDocument, type InvoiceLine, type Ore } from '@nota/domain';
import { INVOICE_LABELS, type InvoiceLabels, type PdfLanguage } from './labels';

// What an invoice PDF says, as text, apart from where it goes on the page. Every amount is formatted
// here, from integer öre, so the layout never touches money.

export type Row = readonly [label: string, value: string];

export interface InvoiceLineText {
  itemNumber: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  vatRate: string;
  amount: string;
}

export interface InvoiceContentText {
  labels: InvoiceLabels;
  sellerName: string;
  title: string;
  /** A credit's reference to the invoice it corrects. */
  subtitle: string | null;
  details: Row[];
  buyer: string[];
  comment: string | null;
  /** Above the line table: which currency, and that lines are without VAT. */
  linesCaption: string;
  lines: InvoiceLineText[];
  vatRows: { rate: string; taxable: string; vat: string }[];
  totals: Row[];
  /** Where and how to pay: the accounts, then what to send there. Null on a credit, which nobody pays. */
  payment: { accounts: Row[]; transfer: Row[] } | null;
  smallPrint: string;
  /** The seller's identity and contact details, repeated at the foot of every page. */
  footer: string[][];
  pdfTitle: string;
  pdfAuthor: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`'${date}' is not a YYYY-MM-DD date`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

/** Whole days from the invoice date to the due date: the terms the customer was given. */
export function paymentTermsDays(invoiceDate: string, dueDate: string): number {
  return dayNumber(dueDate) - dayNumber(invoiceDate);
}

/**
 * Swedish law asks for the unit price excluding VAT, while register prices include it. The line
 * amount is the document's own net, so lines always add up to the VAT breakdown and totals.
 */
export function excludingVat(grossOre: Ore, vatRateBp: number): Ore {
  return roundHalfAwayFromZero(grossOre * 10_000, 10_000 + vatRateBp);
}

/** A price in units of 10^-decimals krona, so more than öre can be written. */
export interface FinePrice {
  units: bigint;
  decimals: number;
}

const halfAwayFromZero = (numerator: bigint, denominator: bigint): bigint => {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
};

/**
 * The unit price without VAT that a bookkeeper can check against the line: quantity × price, rounded
 * to öre, less the discount shown, is the line amount. Taking VAT off the unit price and off the line
 * separately can miss by half an öre a unit (2 × 282,08 ≠ 564,15), so where two decimals cannot agree
 * the price gets as many more as it takes (282,075), as Swedish invoices commonly print it. Only the
 * figure shown changes; the document's amounts and the voucher stay as they are.
 */
export function unitPriceExcludingVat(line: Pick<InvoiceLine, 'quantity' | 'unitPriceOre' | 'netOre' | 'vatRateBp'>, discountShownOre: Ore): FinePrice {
  const target = BigInt(line.netOre + discountShownOre);
  // Quantities are whole in practice; a fractional one is taken to three decimals, as it is printed.
  const quantityScale = Number.isInteger(line.quantity) ? 1n : 1_000n;
  const quantity = BigInt(Math.round(line.quantity * Number(quantityScale)));
  const agrees = ({ units, decimals }: FinePrice) =>
    halfAwayFromZero(quantity * units * 100n, quantityScale * 10n ** BigInt(decimals)) === target;

  const plain: FinePrice = { units: BigInt(excludingVat(line.unitPriceOre, line.vatRateBp)), decimals: 2 };
  if (quantity === 0n || agrees(plain)) return plain;
  // Each further decimal shrinks the error of quantity × price tenfold; past the quantity's own
  // digits it is under half an öre, so the loop always ends.
  for (let decimals = 3; ; decimals++) {
    const price = { units: halfAwayFromZero(target * quantityScale * 10n ** BigInt(decimals - 2), quantity), decimals };
    if (agrees(price)) return price;
  }
}

function formatFinePrice({ units, decimals }: FinePrice, language: PdfLanguage): string {
  const [group, mark] = language === 'sv' ? [' ', ','] : [',', '.'];
  const digits = (units < 0n ? -units : units).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, -decimals).replace(/\B(?=(\d{3})+$)/g, group);
  return `${units < 0n ? '-' : ''}${whole}${mark}${digits.slice(-decimals)}`;
}

function formatQuantity(quantity: number, language: PdfLanguage): string {
  // Three decimals hide representation noise such as 0.30000000000000004 in a fractional quantity.
  const text = String(Math.round(quantity * 1000) / 1000);
  return language === 'sv' ? text.replace('.', ',') : text;
}

function formatRate(rateBp: number, language: PdfLanguage): string {
  const rate = formatVatRate(rateBp);
  return language === 'sv' ? rate.replace('.', ',') : rate;
}

const present = (value: string | null | undefined): value is string => value != null && value.trim() !== '';

export function invoiceContentText(doc: InvoiceDocument, language: PdfLanguage): InvoiceContentText {
  const labels = INVOICE_LABELS[language];
  const credit = doc.kind === 'credit';
  // The document keeps credit amounts positive; its reader must see them as credits.
  const sign = credit ? -1 : 1;
  const money = (ore: Ore) => formatKronor(sign * ore, language);
  const { seller, customer } = doc;
  const title = credit ? labels.creditInvoice : labels.invoice;
  const referenceLabel = seller.reference.kind === 'kid' ? labels.kid : labels.ocr;

  const details: Row[] = [
    [labels.invoiceNumber, String(doc.number)],
    [labels.invoiceDate, doc.invoiceDate],
  ];
  if (doc.deliveryDate !== doc.invoiceDate) details.push([labels.deliveryDate, doc.deliveryDate]);
  if (!credit) {
    details.push(
      [labels.dueDate, doc.dueDate],
      [labels.paymentTerms, labels.paymentTermsDays(paymentTermsDays(doc.invoiceDate, doc.dueDate))],
      [referenceLabel, doc.paymentReference],
    );
  }
  details.push([labels.customerNumber, String(customer.customerNumber)]);
  if (present(doc.buyerReference)) details.push([labels.yourReference, doc.buyerReference]);

  const cityLine = (postalCode: string | null, city: string | null) => [postalCode, city].filter(present).join(' ');
  const buyer = [customer.name];
  if (present(customer.street)) buyer.push(customer.street);
  if (present(cityLine(customer.postalCode, customer.city))) buyer.push(cityLine(customer.postalCode, customer.city));
  if (customer.country !== seller.country) buyer.push(labels.countries[customer.country] ?? customer.country);
  buyer.push(`${labels.orgNumberShort} ${customer.orgNumber}`);

  const lines = doc.lines.map((l): InvoiceLineText => {
    const discount = excludingVat(l.discountOre, l.vatRateBp);
    const unitPrice = unitPriceExcludingVat(l, discount);
    return {
      itemNumber: l.sku,
      description: l.description,
      quantity: formatQuantity(l.quantity, language),
      unitPrice: formatFinePrice({ ...unitPrice, units: BigInt(sign) * unitPrice.units }, language),
      discount: l.discountOre === 0 ? '' : money(discount),
      vatRate: formatRate(l.vatRateBp, language),
      amount: money(l.netOre),
    };
  });

  const vatRows = doc.vatSummary.map((r) => ({ rate: formatRate(r.rateBp, language), taxable: money(r.netOre), vat: money(r.vatOre) }));

  const totals: Row[] = [
    [labels.net, money(doc.netOre)],
    [labels.vat, money(doc.vatOre)],
  ];
  // A split sale: the customer pays only what the register did not settle, so show the way there.
  if (doc.paidAtRegister.length > 0 || doc.roundingOre !== 0) {
    totals.push([labels.total, money(doc.totalOre)]);
    if (doc.roundingOre !== 0) totals.push([labels.cashRounding, money(doc.roundingOre)]);
    for (const paid of doc.paidAtRegister) {
      totals.push([paid.method === 'cash' ? labels.paidCash : labels.paidCard, money(-paid.amountOre)]);
    }
  }
  totals.push([`${labels.amountDue} ${doc.currency}`, money(doc.amountDueOre)]);

  const accounts: Row[] = [];
  if (present(seller.bankgiro)) accounts.push([labels.bankgiro, seller.bankgiro]);
  if (present(seller.plusgiro)) accounts.push([labels.plusgiro, seller.plusgiro]);
  if (present(seller.iban)) accounts.push([labels.iban, seller.iban]);
  if (present(seller.bic)) accounts.push([labels.bic, seller.bic]);
  const payment = credit
    ? null
    : {
        accounts,
        transfer: [
          [referenceLabel, doc.paymentReference],
          [labels.amountDue, `${money(doc.amountDueOre)} ${doc.currency}`],
          [labels.dueDate, doc.dueDate],
        ] satisfies Row[],
      };

  const abroad = customer.country !== seller.country;
  const footer = [
    [seller.name, seller.street, cityLine(seller.postalCode, seller.city), ...(abroad ? [labels.countries[seller.country] ?? seller.country] : [])],
    [`${labels.orgNumber} ${seller.orgNumber}`, `${labels.vatNumber} ${seller.vatNumber}`, ...(seller.fTaxApproved ? [labels.fTax] : [])],
    [
      ...(present(seller.phone) ? [`${labels.phone} ${seller.phone}`] : []),
      ...(present(seller.email) ? [`${labels.email} ${seller.email}`] : []),
    ],
    accounts.map(([label, value]) => `${label} ${value}`),
  ].filter((column) => column.length > 0);

  return {
    labels,
    sellerName: seller.name,
    title,
    subtitle: doc.creditOf ? labels.creditOf(doc.creditOf.number, doc.creditOf.invoiceDate) : null,
    details,
    buyer,
    comment: present(doc.comment) ? doc.comment : null,
    linesCaption: labels.amountsExclVat(doc.currency),
    lines,
    vatRows,
    totals,
    payment,
    smallPrint: [
      `${labels.register} ${doc.registerName}`,
      `${labels.receiptNumber} ${doc.receiptNumber}`,
      `${labels.deliveryNoteNumber} ${doc.deliveryNoteNumber}`,
    ].join('  ·  '),
    footer,
    pdfTitle: `${title} ${doc.number}`,
    pdfAuthor: seller.name,
  };
}
