import type { ThermalPrinter } from 'node-thermal-printer';
import { fitToCodePage } from './codepage';
import { bigMarker, newPrinter } from './escpos-layout';
import { formatAmount, formatQuantity, formatStockholmDateTime, wrapText, type Language } from './format';

export interface DeliveryNote {
  language: Language;
  /** Who sells, as head office has set it up; what is not known yet is null and left off the note. */
  store: { name: string | null; companyName: string | null; orgNumber: string | null; address: string | null };
  register: { id: string; name: string };
  /** Delivery-note series number, e.g. 'F-1001'. */
  number: string;
  /** Receipt number of the sale. */
  saleNumber: string;
  /** ISO timestamp; printed in Europe/Stockholm local time. */
  createdAt: string;
  customer: { name: string; customerNumber: string; orgNumber: string };
  /** Buyer's reference. */
  reference: string | null;
  comment: string | null;
  showPrices: boolean;
  lines: { name: string; quantity: number; unitPriceOre: number; totalOre: number }[];
  totalOre: number;
  /** Reprint: a big 'COPY'/'KOPIA' marker at the top and bottom. */
  copy: boolean;
}

export interface RenderOptions {
  /** Characters per line in font A; 48 for 80 mm paper, 32 for 58 mm. */
  width?: number;
}

const LABELS = {
  sv: {
    title: 'FÖLJESEDEL',
    copy: 'KOPIA',
    orgNumber: 'Org.nr',
    date: 'Datum',
    register: 'Kassa',
    number: 'Följesedel nr',
    saleNumber: 'Kvitto nr',
    customer: 'Kund',
    customerNumber: 'Kundnr',
    reference: 'Er referens',
    comment: 'Meddelande',
    quantity: 'Antal',
    item: 'Artikel',
    unitPrice: 'à-pris',
    lineTotal: 'Belopp',
    total: 'Totalt',
    signature: 'Signatur',
    printName: 'Namnförtydligande',
  },
  en: {
    title: 'DELIVERY NOTE',
    copy: 'COPY',
    orgNumber: 'Org. no.',
    date: 'Date',
    register: 'Register',
    number: 'Delivery note no.',
    saleNumber: 'Receipt no.',
    customer: 'Customer',
    customerNumber: 'Customer no.',
    reference: 'Your reference',
    comment: 'Comment',
    quantity: 'Qty',
    item: 'Item',
    unitPrice: 'Unit price',
    lineTotal: 'Amount',
    total: 'Total',
    signature: 'Signature',
    printName: 'Print name',
  },
} as const satisfies Record<Language, Record<string, string>>;

/**
 * Renders a delivery note to ESC/POS bytes for an Epson-compatible printer. Pure: no connection
 * is opened; send the result with sendToPrinter.
 */
export function renderDeliveryNote(note: DeliveryNote, opts: RenderOptions = {}): Buffer {
  const width = opts.width ?? 48;
  const labels = LABELS[note.language];
  const printer = newPrinter(width);

  // Every string reaching the library goes through here, so the code page never changes mid-job.
  const text = (s: string): string => fitToCodePage(s);
  const println = (s: string): void => printer.println(text(s));
  const divider = (): void => printer.drawLine('-');
  const copyMarker = (): void => bigMarker(printer, width, labels.copy);

  const field = (labelWidth: number, label: string, value: string): void => {
    const valueLines = wrapText(text(value), width - labelWidth);
    const heading = `${label}:`;
    // On narrow paper a long label would push its value past the edge; give it its own line.
    const labelOnOwnLine = heading.length >= labelWidth;
    if (labelOnOwnLine) printer.println(heading);
    valueLines.forEach((line, i) => {
      printer.println((i === 0 && !labelOnOwnLine ? heading : '').padEnd(labelWidth) + line);
    });
  };

  if (note.copy) {
    copyMarker();
    printer.newLine();
  }

  printer.alignCenter();
  printer.setTextDoubleHeight();
  printer.bold(true);
  println(labels.title);
  printer.bold(false);
  printer.setTextNormal();
  printer.newLine();
  const { store } = note;
  const lines = (value: string | null): void => {
    if (value) for (const line of wrapText(text(value), width)) printer.println(line);
  };
  printer.bold(true);
  lines(store.name);
  printer.bold(false);
  lines(store.companyName);
  if (store.orgNumber) println(`${labels.orgNumber} ${store.orgNumber}`);
  lines(store.address);
  printer.alignLeft();
  divider();

  const headerLabels = [labels.date, labels.register, labels.number, labels.saleNumber, labels.customer, labels.customerNumber, labels.orgNumber, labels.reference];
  // Labels never take more than half the paper, or the values would be squeezed into slivers.
  const labelWidth = Math.min(Math.max(...headerLabels.map((l) => l.length)) + 2, Math.floor(width / 2));

  field(labelWidth, labels.date, formatStockholmDateTime(note.createdAt));
  field(labelWidth, labels.register, note.register.name);
  field(labelWidth, labels.number, note.number);
  field(labelWidth, labels.saleNumber, note.saleNumber);
  divider();
  field(labelWidth, labels.customer, note.customer.name);
  field(labelWidth, labels.customerNumber, note.customer.customerNumber);
  field(labelWidth, labels.orgNumber, note.customer.orgNumber);
  if (note.reference) field(labelWidth, labels.reference, note.reference);
  if (note.comment) {
    // Comments can be paragraphs; they get the full paper width instead of the value column.
    println(`${labels.comment}:`);
    for (const line of wrapText(text(note.comment), width)) printer.println(line);
  }
  divider();

  renderItems(printer, note, width, text);

  printer.newLine();
  printer.newLine();
  printer.newLine();
  printer.println('_'.repeat(width));
  println(labels.signature);
  printer.newLine();
  printer.newLine();
  printer.println('_'.repeat(width));
  println(labels.printName);

  if (note.copy) {
    printer.newLine();
    copyMarker();
  }

  printer.cut();
  return Buffer.from(printer.getBuffer());
}

function renderItems(printer: ThermalPrinter, note: DeliveryNote, width: number, text: (s: string) => string): void {
  const labels = LABELS[note.language];
  const lang = note.language;
  const rows = note.lines.map((line) => ({
    quantity: formatQuantity(line.quantity, lang),
    name: text(line.name),
    unitPrice: note.showPrices ? formatAmount(line.unitPriceOre, lang) : '',
    total: note.showPrices ? formatAmount(line.totalOre, lang) : '',
  }));
  const totalText = note.showPrices ? formatAmount(note.totalOre, lang) : '';

  // Column widths follow the content so no number is ever truncated; the name column takes the rest.
  const quantityWidth = Math.max(labels.quantity.length, ...rows.map((r) => r.quantity.length));
  const amountWidth = note.showPrices
    ? Math.max(labels.unitPrice.length, labels.lineTotal.length, totalText.length, ...rows.flatMap((r) => [r.unitPrice.length, r.total.length]))
    : 0;
  const gap = 1;
  const nameWidth = width - quantityWidth - gap - (note.showPrices ? 2 * (gap + amountWidth) : 0);
  if (nameWidth < 8) throw new RangeError(`Receipt width ${width} is too narrow for these amounts`);

  // tableCustom cuts over-long cells mid-word and can leave no space between adjacent columns,
  // so every cell is pre-sized: names wrapped to their column, gaps as explicit one-space cells.
  const row = (quantity: string, name: string, unitPrice: string, total: string): void => {
    const cells: Parameters<ThermalPrinter['tableCustom']>[0] = [
      { text: quantity, align: 'RIGHT', cols: quantityWidth },
      { text: '', cols: gap },
      { text: name, align: 'LEFT', cols: nameWidth },
    ];
    if (note.showPrices) {
      cells.push(
        { text: '', cols: gap },
        { text: unitPrice, align: 'RIGHT', cols: amountWidth },
        { text: '', cols: gap },
        { text: total, align: 'RIGHT', cols: amountWidth },
      );
    }
    printer.tableCustom(cells);
  };

  printer.bold(true);
  row(labels.quantity, labels.item, labels.unitPrice, labels.lineTotal);
  printer.bold(false);
  for (const r of rows) {
    const nameLines = wrapText(r.name, nameWidth);
    nameLines.forEach((nameLine, i) => {
      if (i === 0) row(r.quantity, nameLine, r.unitPrice, r.total);
      else row('', nameLine, '', '');
    });
  }

  if (note.showPrices) {
    printer.drawLine('-');
    printer.bold(true);
    printer.println(labels.total + totalText.padStart(width - labels.total.length));
    printer.bold(false);
  }
}
