export type PdfLanguage = 'sv' | 'en';

export interface InvoiceLabels {
  invoice: string;
  creditInvoice: string;
  /** "Avser faktura 1041 (2026-11-02)": a credit names the invoice it corrects. */
  creditOf(number: number, date: string): string;
  page(page: number, of: number): string;
  invoiceNumber: string;
  invoiceDate: string;
  deliveryDate: string;
  dueDate: string;
  paymentTerms: string;
  paymentTermsDays(days: number): string;
  ocr: string;
  kid: string;
  customerNumber: string;
  yourReference: string;
  comment: string;
  orgNumberShort: string;
  orgNumber: string;
  vatNumber: string;
  fTax: string;
  phone: string;
  email: string;
  itemNumber: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  vat: string;
  amount: string;
  amountsExclVat(currency: string): string;
  vatBreakdown: string;
  vatRate: string;
  taxableAmount: string;
  net: string;
  total: string;
  cashRounding: string;
  paidCash: string;
  paidCard: string;
  amountDue: string;
  paymentDetails: string;
  bankgiro: string;
  plusgiro: string;
  iban: string;
  bic: string;
  creditedNote: string;
  register: string;
  receiptNumber: string;
  deliveryNoteNumber: string;
  countries: Readonly<Record<string, string>>;
}

export const INVOICE_LABELS: Readonly<Record<PdfLanguage, InvoiceLabels>> = {
  sv: {
    invoice: 'Faktura',
    creditInvoice: 'Kreditfaktura',
    creditOf: (number, date) => `Avser faktura ${number} (${date})`,
    page: (page, of) => `Sida ${page} av ${of}`,
    invoiceNumber: 'Fakturanummer',
    invoiceDate: 'Fakturadatum',
    deliveryDate: 'Leveransdatum',
    dueDate: 'Förfallodatum',
    paymentTerms: 'Betalningsvillkor',
    paymentTermsDays: (days) => `${days} dagar netto`,
    ocr: 'OCR-nummer',
    kid: 'KID-nummer',
    customerNumber: 'Kundnummer',
    yourReference: 'Er referens',
    comment: 'Meddelande',
    orgNumberShort: 'Org.nr',
    orgNumber: 'Organisationsnummer',
    vatNumber: 'Momsreg.nr',
    fTax: 'Godkänd för F-skatt',
    phone: 'Telefon',
    email: 'E-post',
    itemNumber: 'Art.nr',
    description: 'Beskrivning',
    quantity: 'Antal',
    unitPrice: 'À-pris',
    discount: 'Rabatt',
    vat: 'Moms',
    amount: 'Belopp',
    amountsExclVat: (currency) => `Belopp i ${currency} exkl. moms`,
    vatBreakdown: 'Momsspecifikation',
    vatRate: 'Momssats',
    taxableAmount: 'Underlag',
    net: 'Netto',
    total: 'Totalt inkl. moms',
    cashRounding: 'Öresavrundning',
    paidCash: 'Betalt kontant i kassan',
    paidCard: 'Betalt med kort i kassan',
    amountDue: 'Att betala',
    paymentDetails: 'Betalningsinformation',
    bankgiro: 'Bankgiro',
    plusgiro: 'Plusgiro',
    iban: 'IBAN',
    bic: 'BIC',
    creditedNote: 'Beloppet tillgodoräknas er. Ingen betalning ska göras.',
    register: 'Såld i kassan',
    receiptNumber: 'Kvitto nr',
    deliveryNoteNumber: 'Följesedel nr',
    countries: { SE: 'Sverige', NO: 'Norge', DK: 'Danmark', FI: 'Finland', IS: 'Island', DE: 'Tyskland' },
  },
  en: {
    invoice: 'Invoice',
    creditInvoice: 'Credit invoice',
    creditOf: (number, date) => `Credits invoice ${number} (${date})`,
    page: (page, of) => `Page ${page} of ${of}`,
    invoiceNumber: 'Invoice number',
    invoiceDate: 'Invoice date',
    deliveryDate: 'Delivery date',
    dueDate: 'Due date',
    paymentTerms: 'Payment terms',
    paymentTermsDays: (days) => `Net ${days} days`,
    ocr: 'OCR reference',
    kid: 'KID reference',
    customerNumber: 'Customer number',
    yourReference: 'Your reference',
    comment: 'Comment',
    orgNumberShort: 'Org. no.',
    orgNumber: 'Organisation number',
    vatNumber: 'VAT reg. no.',
    fTax: 'Approved for F-tax',
    phone: 'Phone',
    email: 'Email',
    itemNumber: 'Item no.',
    description: 'Description',
    quantity: 'Qty',
    unitPrice: 'Unit price',
    discount: 'Discount',
    vat: 'VAT',
    amount: 'Amount',
    amountsExclVat: (currency) => `Amounts in ${currency} excluding VAT`,
    vatBreakdown: 'VAT breakdown',
    vatRate: 'VAT rate',
    taxableAmount: 'Taxable amount',
    net: 'Net',
    total: 'Total incl. VAT',
    cashRounding: 'Cash rounding',
    paidCash: 'Paid in cash at the register',
    paidCard: 'Paid by card at the register',
    amountDue: 'Amount due',
    paymentDetails: 'Payment details',
    bankgiro: 'Bankgiro',
    plusgiro: 'Plusgiro',
    iban: 'IBAN',
    bic: 'BIC',
    creditedNote: 'This amount is credited to you. No payment is required.',
    register: 'Sold at register',
    receiptNumber: 'Receipt no.',
    deliveryNoteNumber: 'Delivery note no.',
    countries: { SE: 'Sweden', NO: 'Norway', DK: 'Denmark', FI: 'Finland', IS: 'Iceland', DE: 'Germany' },
  },
};
