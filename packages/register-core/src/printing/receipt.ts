import type { RegisterSettings, Sale } from '@nota/protocol';
import { fitToCodePage } from './codepage';
import { bigMarker, newPrinter } from './escpos-layout';
import { formatAmount, formatQuantity, formatStockholmDateTime, wrapText, type Language } from './format';

export interface Receipt {
  /** Decides the legal wording (Sweden's KOPIA and ÖVNINGSKVITTO, Norway's KOPI and UTLEVERINGSKVITTERING). */
  country: Country;
  /** The register's language: the labels. Norwegian registers run 'sv' today, so 'sv' in Norway prints Norwegian. */
  language: Language;
  store: { name: string | null; companyName: string | null; orgNumber: string | null; address: string | null };
  register: { id: string; name: string };
  cashierName: string;
  sale: Sale;
  /** A reprint: a big KOPIA / KOPI at the top and bottom. */
  copy: boolean;
  /** Open the cash drawer before printing (a sale with a cash payment). */
  openDrawer: boolean;
}

type Country = RegisterSettings['country'];
type LabelLanguage = 'sv' | 'nb' | 'en';

const LABELS = {
  sv: {
    orgNumber: 'Org.nr',
    date: 'Datum',
    register: 'Kassa',
    receiptNumber: 'Kvitto nr',
    cashier: 'Kassör',
    returnOf: 'Retur av kvitto nr',
    customer: 'Kund',
    customerNumber: 'Kundnr',
    deliveryNote: 'Följesedel nr',
    reference: 'Er referens',
    discount: 'Rabatt',
    total: 'Totalt',
    discounts: 'Varav rabatt',
    rounding: 'Öresavrundning',
    toPay: 'Att betala',
    toRefund: 'Att återbetala',
    vatRate: 'Moms %',
    vat: 'Moms',
    net: 'Netto',
    gross: 'Brutto',
    cash: 'Kontant',
    card: 'Kort',
    invoice: 'Faktura',
    tendered: 'Erhållet',
    change: 'Växel',
  },
  nb: {
    orgNumber: 'Org.nr',
    date: 'Dato',
    register: 'Kasse',
    receiptNumber: 'Kvitteringsnr',
    cashier: 'Kasserer',
    returnOf: 'Retur av kvittering nr',
    customer: 'Kunde',
    customerNumber: 'Kundenr',
    deliveryNote: 'Følgeseddel nr',
    reference: 'Deres referanse',
    discount: 'Rabatt',
    total: 'Totalt',
    discounts: 'Herav rabatt',
    rounding: 'Øreavrunding',
    toPay: 'Å betale',
    toRefund: 'Å tilbakebetale',
    vatRate: 'MVA %',
    vat: 'MVA',
    net: 'Netto',
    gross: 'Brutto',
    cash: 'Kontant',
    card: 'Kort',
    invoice: 'Faktura',
    tendered: 'Mottatt',
    change: 'Veksel',
  },
  en: {
    orgNumber: 'Org. no.',
    date: 'Date',
    register: 'Register',
    receiptNumber: 'Receipt no.',
    cashier: 'Cashier',
    returnOf: 'Return of receipt no.',
    customer: 'Customer',
    customerNumber: 'Customer no.',
    deliveryNote: 'Delivery note no.',
    reference: 'Your reference',
    discount: 'Discount',
    total: 'Total',
    discounts: 'Of which discounts',
    rounding: 'Rounding',
    toPay: 'To pay',
    toRefund: 'To refund',
    vatRate: 'VAT %',
    vat: 'VAT',
    net: 'Net',
    gross: 'Gross',
    cash: 'Cash',
    card: 'Card',
    invoice: 'Invoice',
    tendered: 'Tendered',
    change: 'Change',
  },
} as const satisfies Record<LabelLanguage, Record<string, string>>;

/**
 * The words the law asks for, in the country's language whatever the register's language is: a
 * Swedish copy says KOPIA (SKVFS 2014:9), a Norwegian one KOPI (kassasystemforskriften § 2-8).
 */
const LEGAL = {
  SE: {
    sale: 'KVITTO',
    return: 'RETUR',
    copy: 'KOPIA',
    training: 'ÖVNINGSKVITTO',
    deliveryReceipt: null,
    notAReceipt: 'EJ KVITTO PÅ KÖP',
    invoiceSale: 'Fakturaköp',
  },
  NO: {
    sale: 'SALGSKVITTERING',
    return: 'RETURKVITTERING',
    copy: 'KOPI',
    training: 'TRENINGSKVITTERING',
    deliveryReceipt: 'UTLEVERINGSKVITTERING',
    notAReceipt: 'IKKE KVITTERING FOR KJØP',
    invoiceSale: 'Kredittsalg',
  },
} as const satisfies Record<Country, Record<string, string | null>>;

/** What an English register adds under each legal word, so the cashier can read it too. */
const ENGLISH_GLOSS = {
  sale: 'Receipt',
  return: 'Return receipt',
  copy: 'COPY',
  training: 'TRAINING RECEIPT',
  deliveryReceipt: 'Delivery receipt',
  notAReceipt: 'Not a receipt of sale',
  invoiceSale: 'Invoice sale',
} as const;

/** ESC p 0 t1 t2: a pulse on drawer pin 2, 50 ms on (t1 = 25 × 2 ms), 500 ms off (t2 = 250 × 2 ms). */
export const DRAWER_PULSE = Buffer.from([0x1b, 0x70, 0x00, 25, 250]);

/** Which kind of receipt a sale gets; the journal and the print records use it too. */
export function receiptKind(sale: Sale, country: Country): 'sale' | 'return' | 'deliveryReceipt' {
  if (sale.returnOf) return 'return';
  if (country === 'NO' && sale.payments.some((p) => p.method === 'invoice')) return 'deliveryReceipt';
  return 'sale';
}

/**
 * Renders a sale's receipt to ESC/POS bytes for an Epson-compatible printer, 48 characters wide
 * (80 mm paper) unless told otherwise. Pure: no connection is opened; send it with sendToPrinter.
 */
export function renderReceipt(receipt: Receipt, opts: { width?: number } = {}): Buffer {
  const width = opts.width ?? 48;
  const { sale, country } = receipt;
  const labelLanguage: LabelLanguage = receipt.language === 'en' ? 'en' : country === 'NO' ? 'nb' : 'sv';
  const labels = LABELS[labelLanguage];
  const legal = LEGAL[country];
  const english = labelLanguage === 'en';
  // Norwegian amounts are written the Swedish way (1 234,50).
  const amount = (ore: number): string => formatAmount(ore, english ? 'en' : 'sv');
  const printer = newPrinter(width);
  if (receipt.openDrawer) printer.add(DRAWER_PULSE);

  // Every string reaching the library goes through here, so the code page never changes mid-job.
  const println = (s: string): void => printer.println(fitToCodePage(s));
  const centred = (s: string | null): void => {
    if (!s) return;
    printer.alignCenter();
    for (const line of wrapText(fitToCodePage(s), width)) printer.println(line);
    printer.alignLeft();
  };
  const divider = (): void => printer.drawLine('-');
  /** Text on the left, an amount flush right; long text wraps above the amount's line. */
  const row = (left: string, right: string, indent = 0): void => {
    const room = Math.max(width - right.length - 1 - indent, 8);
    const parts = wrapText(fitToCodePage(left), room).map((part) => ' '.repeat(indent) + part);
    parts.forEach((part, i) => printer.println(i === parts.length - 1 ? part.padEnd(width - right.length) + right : part));
  };
  const legalWord = (key: keyof typeof ENGLISH_GLOSS, big: boolean): void => {
    const word = legal[key];
    if (!word) return;
    if (big) bigMarker(printer, width, word);
    else {
      printer.alignCenter();
      printer.bold(true);
      println(word);
      printer.bold(false);
      printer.alignLeft();
    }
    if (english) centred(ENGLISH_GLOSS[key]);
  };
  const markers = (): void => {
    if (receipt.copy) legalWord('copy', true);
    if (sale.training) {
      legalWord('training', true);
      legalWord('notAReceipt', false);
    }
  };

  const kind = receiptKind(sale, country);
  markers();
  if (receipt.copy || sale.training) printer.newLine();

  const { store } = receipt;
  printer.alignCenter();
  printer.bold(true);
  centred(store.name);
  printer.bold(false);
  centred(store.companyName);
  // Norway: a VAT-registered seller's organisation number is followed by MVA (merverdiavgiftsloven § 15-2).
  if (store.orgNumber) centred(`${labels.orgNumber} ${store.orgNumber}${country === 'NO' ? ' MVA' : ''}`);
  centred(store.address);
  printer.newLine();

  // The title: a delivery receipt in Norway is not a sale's receipt and must say so at the top.
  printer.alignCenter();
  printer.setTextDoubleHeight();
  printer.bold(true);
  println(kind === 'return' ? legal.return : kind === 'deliveryReceipt' ? legal.deliveryReceipt! : legal.sale);
  printer.bold(false);
  printer.setTextNormal();
  printer.alignLeft();
  if (english) centred(ENGLISH_GLOSS[kind === 'return' ? 'return' : kind === 'deliveryReceipt' ? 'deliveryReceipt' : 'sale']);
  if (kind === 'deliveryReceipt') legalWord('notAReceipt', false);
  divider();

  const fieldLabels = [labels.date, labels.register, labels.receiptNumber, labels.cashier, labels.returnOf, labels.customer, labels.deliveryNote, labels.reference];
  const labelWidth = Math.min(Math.max(...fieldLabels.map((l) => l.length)) + 2, Math.floor(width / 2));
  const field = (label: string, value: string): void => {
    const heading = `${label}:`;
    const labelOnOwnLine = heading.length >= labelWidth;
    if (labelOnOwnLine) println(heading);
    wrapText(fitToCodePage(value), width - labelWidth).forEach((line, i) => {
      printer.println((i === 0 && !labelOnOwnLine ? heading : '').padEnd(labelWidth) + line);
    });
  };
  field(labels.date, formatStockholmDateTime(sale.completedAt));
  field(labels.register, receipt.register.name);
  field(labels.receiptNumber, String(sale.receiptNumber));
  field(labels.cashier, receipt.cashierName);
  if (sale.returnOf) field(labels.returnOf, String(sale.returnOf.receiptNumber));

  if (sale.invoice) {
    divider();
    if (kind !== 'deliveryReceipt') legalWord('invoiceSale', false);
    const { customer } = sale.invoice;
    field(labels.customer, customer.name);
    field(labels.customerNumber, String(customer.customerNumber));
    field(labels.orgNumber, customer.orgNumber);
    field(labels.deliveryNote, String(sale.invoice.deliveryNoteNumber));
    if (sale.invoice.buyerReference) field(labels.reference, sale.invoice.buyerReference);
  }
  divider();

  const quantity = (q: number): string => formatQuantity(q, english ? 'en' : 'sv');
  let discountsOre = 0;
  for (const line of sale.lines) {
    discountsOre += line.discountOre;
    // Before the discount, so the discount line below it adds up to what the line costs.
    row(line.name, amount(line.grossOre + line.discountOre));
    if (line.quantity !== 1) println(`  ${quantity(line.quantity)} x ${amount(line.unitPriceOre)}`);
    if (line.discountOre !== 0) row(labels.discount, amount(-line.discountOre), 2);
  }
  divider();

  printer.bold(true);
  row(labels.total, amount(sale.totalOre));
  printer.bold(false);
  if (discountsOre !== 0) row(labels.discounts, amount(discountsOre));
  if (sale.roundingOre !== 0) {
    row(labels.rounding, amount(sale.roundingOre));
    printer.bold(true);
    row(sale.totalDueOre < 0 ? labels.toRefund : labels.toPay, amount(sale.totalDueOre));
    printer.bold(false);
  }
  printer.newLine();

  for (const payment of sale.payments) {
    row(labels[payment.method], amount(payment.amountOre));
    if (payment.method === 'cash' && payment.tenderedOre !== null) {
      row(labels.tendered, amount(payment.tenderedOre), 2);
      row(labels.change, amount(payment.changeOre), 2);
    }
  }
  printer.newLine();

  renderVat(sale, width, labels, amount, println);

  if (receipt.copy || sale.training) printer.newLine();
  markers();
  printer.cut();
  return Buffer.from(printer.getBuffer());
}

function renderVat(
  sale: Sale,
  width: number,
  labels: (typeof LABELS)[LabelLanguage],
  amount: (ore: number) => string,
  println: (s: string) => void,
): void {
  const rows = sale.vatSummary.map((v) => [`${(v.rateBp / 100).toFixed(v.rateBp % 100 === 0 ? 0 : 2)}`, amount(v.vatOre), amount(v.netOre), amount(v.grossOre)]);
  const header = [labels.vatRate, labels.vat, labels.net, labels.gross];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const used = widths.reduce((a, b) => a + b, 0) + 3;
  // The rate column takes what is left, so the amounts always stay flush right.
  widths[0] = Math.max(widths[0]!, widths[0]! + width - used);
  const format = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[0]!) : c.padStart(widths[i]!))).join(' ');
  println(format(header));
  for (const r of rows) println(format(r));
}
