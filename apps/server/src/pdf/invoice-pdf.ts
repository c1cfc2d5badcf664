import type { InvoiceDocument } from '@nota/domain';
import { invoiceContentText, type InvoiceContentText, type InvoiceLineText, type Row } from './invoice-content';
import type { PdfLanguage } from './labels';
import { createFixedPdf, pdfBytes } from './pdf-document';
import { fitToWinAnsi } from './win-ansi';

// A4 in points. Everything is placed explicitly: the document has no margins, so pdfkit never
// starts a page of its own and every page break below is one we chose.
const PAGE_WIDTH = 595.28;
const LEFT = 50;
const RIGHT = PAGE_WIDTH - 50;
const WIDTH = RIGHT - LEFT;
const RIGHT_COLUMN = 330;
const TOP = 45;
const FOOTER_TOP = 772;
const CONTENT_BOTTOM = FOOTER_TOP - 14;

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const INK = '#000000';
const MUTED = '#555555';
const RULE = '#c8c8c8';
const SHADE = '#eeeeee';

interface Style {
  font?: string;
  size?: number;
  color?: string;
  width: number;
  align?: 'left' | 'right';
  /** Cut overlong text with an ellipsis at this height instead of running into what follows. */
  maxHeight?: number;
}

type Column = { key: keyof InvoiceLineText; width: number; align: 'left' | 'right' };

const GAP = 6;
const FIXED_COLUMNS: Column[] = [
  { key: 'itemNumber', width: 58, align: 'left' },
  { key: 'description', width: 0, align: 'left' },
  { key: 'quantity', width: 32, align: 'right' },
  { key: 'unitPrice', width: 60, align: 'right' },
  { key: 'discount', width: 52, align: 'right' },
  { key: 'vatRate', width: 34, align: 'right' },
  { key: 'amount', width: 66, align: 'right' },
];
const DESCRIPTION_WIDTH = WIDTH - GAP * (FIXED_COLUMNS.length - 1) - FIXED_COLUMNS.reduce((sum, c) => sum + c.width, 0);
const COLUMNS = FIXED_COLUMNS.map((c) => (c.key === 'description' ? { ...c, width: DESCRIPTION_WIDTH } : c));
const TABLE_SIZE = 8.5;
const SMALL_PRINT_HEIGHT = 12;
const PAYMENT_ROW_HEIGHT = 13;
const ROW_PADDING = 3;

/** The invoice or credit invoice as an A4 PDF; the same document and language always give the same bytes. */
export async function renderInvoicePdf(doc: InvoiceDocument, options: { language: PdfLanguage }): Promise<Buffer> {
  const content = invoiceContentText(doc, options.language);
  const pdf = createFixedPdf({
    title: content.pdfTitle,
    author: content.pdfAuthor,
    date: doc.invoiceDate,
    lang: options.language === 'sv' ? 'sv-SE' : 'en',
  });
  new InvoiceLayout(pdf, content).draw();
  return pdfBytes(pdf);
}

class InvoiceLayout {
  private y = TOP;

  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly content: InvoiceContentText,
  ) {}

  draw(): void {
    this.firstPageHeader();
    this.lineTable();
    // Totals, how to pay and the small print stay together: the page a reader turns to for the
    // amount due also tells how to pay it, and no page holds nothing but a footnote.
    this.reserve(this.summaryHeight() + this.paymentHeight() + SMALL_PRINT_HEIGHT);
    this.summary();
    this.paymentBox();
    this.smallPrint();
    this.stampEveryPage();
  }

  private setStyle(style: Style): void {
    this.pdf.font(style.font ?? REGULAR).fontSize(style.size ?? 9).fillColor(style.color ?? INK);
  }

  /** Writes text at (x, y), wrapped to the style's width, and returns its height. */
  private text(text: string, x: number, y: number, style: Style): number {
    this.setStyle(style);
    const safe = fitToWinAnsi(text);
    // Most cells are one short line. pdfkit's line wrapper costs more than everything else on a
    // page together, so it only runs for text that really needs wrapping.
    const width = safe.includes('\n') ? Number.POSITIVE_INFINITY : this.pdf.widthOfString(safe);
    if (width <= style.width) {
      this.pdf.text(safe, style.align === 'right' ? x + style.width - width : x, y, { lineBreak: false });
      return this.pdf.currentLineHeight(true);
    }
    const options: PDFKit.Mixins.TextOptions = { width: style.width, align: style.align ?? 'left', lineGap: 0 };
    if (style.maxHeight !== undefined) Object.assign(options, { height: style.maxHeight, ellipsis: true });
    const height = Math.min(this.pdf.heightOfString(safe, options), style.maxHeight ?? Number.POSITIVE_INFINITY);
    this.pdf.text(safe, x, y, options);
    return height;
  }

  private measure(text: string, style: Style): number {
    this.setStyle(style);
    const safe = fitToWinAnsi(text);
    if (!safe.includes('\n') && this.pdf.widthOfString(safe) <= style.width) return this.pdf.currentLineHeight(true);
    return this.pdf.heightOfString(safe, { width: style.width, lineGap: 0 });
  }

  private rule(y: number, x1 = LEFT, x2 = RIGHT, color = RULE): void {
    this.pdf.moveTo(x1, y).lineTo(x2, y).lineWidth(0.5).strokeColor(color).stroke();
  }

  /** Label and value side by side; returns the height of the taller. */
  private row([label, value]: Row, x: number, y: number, labelWidth: number, valueWidth: number, style: Partial<Style> = {}): number {
    const labelHeight = this.text(label, x, y, { color: MUTED, ...style, width: labelWidth });
    const valueHeight = this.text(value, x + labelWidth, y, { ...style, width: valueWidth, maxHeight: 40 });
    return Math.max(labelHeight, valueHeight);
  }

  private firstPageHeader(): void {
    const c = this.content;
    this.text(c.sellerName, LEFT, TOP, { font: BOLD, size: 16, width: RIGHT_COLUMN - LEFT - 20, maxHeight: 40 });
    let right = TOP + this.text(c.title, RIGHT_COLUMN, TOP, { font: BOLD, size: 20, width: RIGHT - RIGHT_COLUMN });
    if (c.subtitle) right += 4 + this.text(c.subtitle, RIGHT_COLUMN, right + 4, { font: BOLD, width: RIGHT - RIGHT_COLUMN });

    let left = TOP + 65;
    for (const detail of c.details) left += this.row(detail, LEFT, left, 95, RIGHT_COLUMN - LEFT - 115) + 3;

    right = Math.max(right + 20, TOP + 65);
    const [name, ...address] = c.buyer;
    right += this.text(name!, RIGHT_COLUMN, right, { font: BOLD, size: 11, width: RIGHT - RIGHT_COLUMN, maxHeight: 40 }) + 2;
    for (const line of address) right += this.text(line, RIGHT_COLUMN, right, { size: 10, width: RIGHT - RIGHT_COLUMN, maxHeight: 40 });

    this.y = Math.max(left, right) + 16;
    if (c.comment) {
      this.y += this.text(`${c.labels.comment}:`, LEFT, this.y, { font: BOLD, width: WIDTH });
      this.y += this.text(c.comment, LEFT, this.y, { width: WIDTH, maxHeight: 120 }) + 12;
    }
  }

  /** A page after the first: who and which document, so a loose sheet can be put back. */
  private continuationPage(): void {
    this.pdf.addPage();
    const c = this.content;
    this.text(c.sellerName, LEFT, TOP, { font: BOLD, size: 11, width: RIGHT_COLUMN - LEFT - 20, maxHeight: 14 });
    this.text(c.pdfTitle, RIGHT_COLUMN, TOP, { font: BOLD, size: 11, width: RIGHT - RIGHT_COLUMN });
    this.y = TOP + 30;
  }

  private tableHeader(): void {
    const { labels } = this.content;
    this.text(this.content.linesCaption, LEFT, this.y, { size: 7.5, color: MUTED, width: WIDTH, align: 'right' });
    this.y += 11;
    const headings: Record<keyof InvoiceLineText, string> = {
      itemNumber: labels.itemNumber,
      description: labels.description,
      quantity: labels.quantity,
      unitPrice: labels.unitPrice,
      discount: labels.discount,
      vatRate: labels.vat,
      amount: labels.amount,
    };
    const height = 16;
    this.pdf.rect(LEFT, this.y, WIDTH, height).fill(SHADE);
    this.cells(headings, this.y + 4, { font: BOLD, size: TABLE_SIZE });
    this.y += height + 2;
  }

  /** One table row; returns its height. */
  private cells(values: Record<keyof InvoiceLineText, string>, y: number, style: Partial<Style>): number {
    let x = LEFT;
    let height = 0;
    for (const column of COLUMNS) {
      height = Math.max(height, this.text(values[column.key], x, y, { ...style, width: column.width, align: column.align }));
      x += column.width + GAP;
    }
    return height;
  }

  private rowHeight(line: InvoiceLineText): number {
    const style = { size: TABLE_SIZE };
    const description = this.measure(line.description, { ...style, width: DESCRIPTION_WIDTH });
    const itemNumber = this.measure(line.itemNumber, { ...style, width: COLUMNS[0]!.width });
    return Math.max(description, itemNumber) + 2 * ROW_PADDING;
  }

  private lineTable(): void {
    this.tableHeader();
    for (const line of this.content.lines) {
      const height = this.rowHeight(line);
      if (this.y + height > CONTENT_BOTTOM) {
        this.continuationPage();
        this.tableHeader();
      }
      this.cells(line, this.y + ROW_PADDING, { size: TABLE_SIZE });
      this.y += height;
      this.rule(this.y);
    }
    this.y += 14;
  }

  /** Starts a new page unless `height` more fits on this one. */
  private reserve(height: number): void {
    if (this.y + height > CONTENT_BOTTOM) this.continuationPage();
  }

  private summaryHeight(): number {
    const { vatRows, totals } = this.content;
    return Math.max(14 + 12 + vatRows.length * 12, totals.length * 14 + 8) + 18;
  }

  private summary(): void {
    const { labels, vatRows, totals } = this.content;
    const top = this.y;

    this.text(labels.vatBreakdown, LEFT, top, { font: BOLD, width: 240 });
    const vatColumns = [
      { x: LEFT, width: 70, align: 'left' as const },
      { x: LEFT + 70, width: 90, align: 'right' as const },
      { x: LEFT + 160, width: 80, align: 'right' as const },
    ];
    let y = top + 14;
    [labels.vatRate, labels.taxableAmount, labels.vat].forEach((heading, i) => {
      const { x, width, align } = vatColumns[i]!;
      this.text(heading, x, y, { size: 8, color: MUTED, width, align });
    });
    y += 12;
    for (const row of vatRows) {
      [row.rate, row.taxable, row.vat].forEach((value, i) => {
        const { x, width, align } = vatColumns[i]!;
        this.text(value, x, y, { width, align });
      });
      y += 12;
    }

    const labelWidth = 135;
    const valueWidth = RIGHT - RIGHT_COLUMN - labelWidth;
    let right = top;
    totals.forEach(([label, value], i) => {
      const due = i === totals.length - 1;
      if (due) {
        this.rule(right + 1, RIGHT_COLUMN, RIGHT, INK);
        right += 6;
      }
      const style = due ? { font: BOLD, size: 11 } : { size: 9 };
      this.text(label, RIGHT_COLUMN, right, { ...style, width: labelWidth });
      this.text(value, RIGHT_COLUMN + labelWidth, right, { ...style, width: valueWidth, align: 'right' });
      right += due ? 16 : 14;
    });
    this.y = Math.max(y, right) + 18;
  }

  private paymentBoxHeight(payment: NonNullable<InvoiceContentText['payment']>): number {
    return 24 + Math.max(payment.accounts.length, payment.transfer.length) * PAYMENT_ROW_HEIGHT + 6;
  }

  private paymentHeight(): number {
    const { labels, payment } = this.content;
    if (!payment) return this.measure(labels.creditedNote, { font: BOLD, width: WIDTH }) + 16;
    return this.paymentBoxHeight(payment) + 14;
  }

  private paymentBox(): void {
    const { labels, payment } = this.content;
    if (!payment) {
      this.y += this.text(labels.creditedNote, LEFT, this.y, { font: BOLD, width: WIDTH }) + 16;
      return;
    }
    const height = this.paymentBoxHeight(payment);
    const top = this.y;
    this.pdf.rect(LEFT, top, WIDTH, height).lineWidth(0.75).strokeColor(INK).stroke();
    this.text(labels.paymentDetails, LEFT + 10, top + 8, { font: BOLD, width: WIDTH - 20 });
    const half = (WIDTH - 20) / 2;
    payment.accounts.forEach((row, i) => this.row(row, LEFT + 10, top + 24 + i * PAYMENT_ROW_HEIGHT, 60, half - 60));
    payment.transfer.forEach((row, i) => this.row(row, LEFT + 10 + half, top + 24 + i * PAYMENT_ROW_HEIGHT, 95, half - 95, { font: BOLD }));
    this.y = top + height + 14;
  }

  private smallPrint(): void {
    this.text(this.content.smallPrint, LEFT, this.y, { size: 7, color: MUTED, width: WIDTH });
  }

  /** Footer and "page x of y" go on last, when the number of pages is known. */
  private stampEveryPage(): void {
    const { start, count } = this.pdf.bufferedPageRange();
    const columns = this.content.footer;
    const columnWidth = WIDTH / columns.length;
    for (let i = 0; i < count; i++) {
      this.pdf.switchToPage(start + i);
      this.text(this.content.labels.page(i + 1, count), RIGHT_COLUMN, TOP - 18, { size: 8, color: MUTED, width: RIGHT - RIGHT_COLUMN, align: 'right' });
      this.rule(FOOTER_TOP);
      columns.forEach((lines, column) => {
        let y = FOOTER_TOP + 6;
        for (const line of lines) y += this.text(line, LEFT + column * columnWidth, y, { size: 7, color: MUTED, width: columnWidth - 8, maxHeight: 18 });
      });
    }
  }
}
