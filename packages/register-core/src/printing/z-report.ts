import type { DayReport } from '@nota/protocol';
import { BreakLine, CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { fitToCodePage } from './codepage';
import { formatAmount, formatStockholmDateTime } from './format';

/** Norwegian registers print in Norwegian when the register speaks Swedish; English stays English. */
export type ReportLanguage = 'sv' | 'nb' | 'en';

const LABELS = {
  sv: {
    x: 'X-RAPPORT',
    z: 'Z-RAPPORT',
    zNumber: 'Z-nummer',
    register: 'Kassa',
    printed: 'Utskriven',
    period: 'Från',
    receipts: 'Kvitton',
    receiptRange: 'Kvittonummer',
    sales: 'Försäljning',
    returns: 'Returer',
    netSales: 'Nettoförsäljning',
    vat: 'Moms',
    rate: 'Sats',
    gross: 'Brutto',
    net: 'Netto',
    payments: 'Betalsätt',
    groups: 'Varugrupper',
    noGroup: 'Utan varugrupp',
    discounts: 'Rabatter',
    rounding: 'Öresavrundning',
    copies: 'Kvittokopior',
    training: 'Övningskvitton',
    drawer: 'Lådöppningar utan köp',
    invoices: 'Fakturaförsäljning',
    deliveryNotes: 'Följesedlar',
    cash: 'Kontanter',
    float: 'Växelkassa',
    cashIn: 'Kontant in',
    change: 'Växel tillbaka',
    refunds: 'Kontant återbetalt',
    expected: 'Förväntat i kassan',
    counted: 'Räknat',
    difference: 'Differens',
    grandTotal: 'Grand total',
    methods: { cash: 'Kontant', card: 'Kort', invoice: 'Faktura' },
  },
  nb: {
    x: 'X-RAPPORT',
    z: 'Z-RAPPORT',
    zNumber: 'Z-nummer',
    register: 'Kasse',
    printed: 'Skrevet ut',
    period: 'Fra',
    receipts: 'Kvitteringer',
    receiptRange: 'Kvitteringsnummer',
    sales: 'Salg',
    returns: 'Returer',
    netSales: 'Nettosalg',
    vat: 'MVA',
    rate: 'Sats',
    gross: 'Brutto',
    net: 'Netto',
    payments: 'Betalingsmåter',
    groups: 'Varegrupper',
    noGroup: 'Uten varegruppe',
    discounts: 'Rabatter',
    rounding: 'Øreavrunding',
    copies: 'Kvitteringskopier',
    training: 'Treningskvitteringer',
    drawer: 'Skuffåpninger uten salg',
    invoices: 'Kredittsalg',
    deliveryNotes: 'Utleveringskvitteringer',
    cash: 'Kontanter',
    float: 'Vekselkasse',
    cashIn: 'Kontant inn',
    change: 'Veksel tilbake',
    refunds: 'Kontant tilbakebetalt',
    expected: 'Forventet i kassen',
    counted: 'Opptalt',
    difference: 'Differanse',
    grandTotal: 'Grand total',
    methods: { cash: 'Kontant', card: 'Kort', invoice: 'Faktura' },
  },
  en: {
    x: 'X REPORT',
    z: 'Z REPORT',
    zNumber: 'Z number',
    register: 'Register',
    printed: 'Printed',
    period: 'Since',
    receipts: 'Receipts',
    receiptRange: 'Receipt numbers',
    sales: 'Sales',
    returns: 'Returns',
    netSales: 'Net sales',
    vat: 'VAT',
    rate: 'Rate',
    gross: 'Gross',
    net: 'Net',
    payments: 'Payment methods',
    groups: 'Product groups',
    noGroup: 'No product group',
    discounts: 'Discounts',
    rounding: 'Cash rounding',
    copies: 'Receipt copies',
    training: 'Training receipts',
    drawer: 'Drawer openings without sale',
    invoices: 'Invoice sales',
    deliveryNotes: 'Delivery notes',
    cash: 'Cash',
    float: 'Opening float',
    cashIn: 'Cash in',
    change: 'Change given',
    refunds: 'Cash refunded',
    expected: 'Expected in drawer',
    counted: 'Counted',
    difference: 'Difference',
    grandTotal: 'Grand total',
    methods: { cash: 'Cash', card: 'Card', invoice: 'Invoice' },
  },
} as const;

const ESC_INIT = Buffer.from([0x1b, 0x40]);

/** Renders an X or Z report to ESC/POS bytes (Epson, PC865 Nordic), as delivery-note.ts does a note. */
export function renderDayReport(report: DayReport, language: ReportLanguage, width = 48): Buffer {
  const l = LABELS[language];
  const money = (ore: number) => formatAmount(ore, language === 'en' ? 'en' : 'sv');
  const printer = new ThermalPrinter({ type: PrinterTypes.EPSON, width, breakLine: BreakLine.WORD } as ConstructorParameters<
    typeof ThermalPrinter
  >[0]);
  printer.add(ESC_INIT);
  printer.setCharacterSet(CharacterSet.PC865_NORDIC);
  printer.setTypeFontA();
  printer.setTextNormal();

  const text = (s: string) => fitToCodePage(s);
  // Label left, value right, on one line; a label too long for the paper keeps the value on the next.
  const row = (label: string, value: string) => {
    const left = text(label);
    if (left.length + 1 + value.length <= width) printer.println(left + value.padStart(width - left.length));
    else {
      printer.println(left);
      printer.println(value.padStart(width));
    }
  };
  const heading = (s: string) => {
    printer.bold(true);
    printer.println(text(s));
    printer.bold(false);
  };
  const f = report.figures;

  printer.alignCenter();
  printer.setTextDoubleHeight();
  printer.bold(true);
  printer.println(report.kind === 'z' ? `${l.z} ${report.number}` : l.x);
  printer.bold(false);
  printer.setTextNormal();
  printer.alignLeft();
  row(l.register, text(report.registerName));
  if (report.kind === 'z') row(l.zNumber, String(report.number));
  if (report.periodStart) row(l.period, formatStockholmDateTime(report.periodStart));
  row(l.printed, formatStockholmDateTime(report.producedAt));
  row(l.receipts, String(f.receiptCount));
  if (f.firstReceiptNumber !== null) row(l.receiptRange, `${f.firstReceiptNumber}-${f.lastReceiptNumber}`);
  printer.drawLine('-');

  row(`${l.sales} (${f.sales.count})`, money(f.sales.grossOre));
  row(`${l.returns} (${f.returns.count})`, money(-f.returns.amountOre));
  printer.bold(true);
  row(l.netSales, money(f.netSalesOre));
  printer.bold(false);
  printer.drawLine('-');

  heading(l.vat);
  for (const r of f.vatRates) {
    const rate = `${r.rateBp / 100} %`;
    row(`${rate} ${l.gross}`, money(r.grossOre));
    row(`${rate} ${l.net}`, money(r.netOre));
    row(`${rate} ${l.vat}`, money(r.vatOre));
  }
  printer.drawLine('-');

  heading(l.payments);
  for (const p of f.payments) row(`${l.methods[p.method]} (${p.count})`, money(p.amountOre));
  printer.drawLine('-');

  heading(l.groups);
  for (const g of f.groups) row(`${g.name ?? l.noGroup} (${g.quantity})`, money(g.grossOre));
  printer.drawLine('-');

  row(l.discounts, money(f.discountOre));
  row(l.rounding, money(f.roundingOre));
  row(l.copies, String(f.copies));
  row(`${l.training} (${f.training.count})`, money(f.training.amountOre));
  row(l.drawer, String(f.drawerOpeningsWithoutSale));
  row(`${l.invoices} (${f.invoices.count})`, money(f.invoices.amountOre));
  row(l.deliveryNotes, String(f.invoices.deliveryNotes));
  for (const inv of f.invoices.list) {
    row(`  ${inv.receiptNumber}/${inv.deliveryNoteNumber ?? '-'} ${inv.customerName ?? ''}`, money(inv.amountOre));
  }
  printer.drawLine('-');

  heading(l.cash);
  row(l.float, money(f.cash.floatOre));
  row(l.cashIn, money(f.cash.cashInOre));
  row(l.change, money(-f.cash.changeOre));
  row(l.refunds, money(-f.cash.refundsOre));
  row(l.expected, money(f.cash.expectedOre));
  if (f.cash.countedOre !== null) row(l.counted, money(f.cash.countedOre));
  if (f.cash.differenceOre !== null) row(l.difference, money(f.cash.differenceOre));
  printer.drawLine('-');
  printer.bold(true);
  row(l.grandTotal, money(f.grandTotalOre));
  printer.bold(false);
  printer.cut();
  return Buffer.from(printer.getBuffer());
}
