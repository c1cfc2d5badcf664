import { dayReportFigures, type ReportPaymentMethod, type ReportSale } from '@nota/domain';
import { journalCodes, type DayFigures } from '@nota/protocol';
import { desc, eq, sql } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
import { openingFloats, zReports } from '../db/schema';

/** Where the open period starts: just after what the last Z report covered (all zero before the first). */
export interface PeriodStart {
  lastZNumber: number;
  closedAt: string | null;
  lastReceiptNumber: number;
  lastTrainingReceiptNumber: number;
  lastJournalSeq: number;
  grandTotalOre: number;
}

export function periodStart(db: Db): PeriodStart {
  const last = db.select().from(zReports).orderBy(desc(zReports.number)).limit(1).get();
  return {
    lastZNumber: last?.number ?? 0,
    closedAt: last?.closedAt ?? null,
    lastReceiptNumber: last?.lastReceiptNumber ?? 0,
    lastTrainingReceiptNumber: last?.lastTrainingReceiptNumber ?? 0,
    lastJournalSeq: last?.lastJournalSeq ?? 0,
    grandTotalOre: last?.grandTotalOre ?? 0,
  };
}

export interface OpenPeriod {
  start: PeriodStart;
  sales: ReportSale[];
  /** The highest receipt numbers and journal seq seen: where the next period starts if this one is closed. */
  lastReceiptNumber: number;
  lastTrainingReceiptNumber: number;
  lastJournalSeq: number;
  figures: DayFigures;
}

// The period is chosen by receipt number (per series) and journal seq, never by the clock: a clock set
// back cannot put a sale in two Z reports or in none.
const IN_PERIOD = `((s.training = 0 AND s.receipt_number > @lastReceipt) OR (s.training = 1 AND s.receipt_number > @lastTraining))`;

type SaleRow = { id: string; receiptNumber: number; totalOre: number; roundingOre: number; training: number; returnOf: string | null; deliveryNoteNumber: number | null; customerName: string | null };
type LineRow = ReportSale['lines'][number] & { saleId: string };
type PaymentRow = ReportSale['payments'][number] & { saleId: string };

/**
 * Reads the sales, journal counts and float of the open period and sums them (countedCashOre for a Z).
 * The three reads are plain prepared statements on the register's connection (inside the caller's
 * transaction when there is one): a day of 5,000 receipts is tens of thousands of rows.
 */
export function openPeriod(db: Db, sqlite: Database.Database, countedCashOre: number | null, listInvoiceSales: boolean): OpenPeriod {
  const start = periodStart(db);
  const bounds = { lastReceipt: start.lastReceiptNumber, lastTraining: start.lastTrainingReceiptNumber };
  const saleRows = sqlite
    .prepare(
      `SELECT s.id, s.receipt_number AS receiptNumber, s.total_ore AS totalOre, s.rounding_ore AS roundingOre,
              s.training, s.return_of_sale_id AS returnOf, s.delivery_note_number AS deliveryNoteNumber,
              json_extract(s.customer_snapshot, '$.name') AS customerName
         FROM sales s WHERE ${IN_PERIOD} ORDER BY s.training, s.receipt_number`,
    )
    .all(bounds) as SaleRow[];
  const sales = new Map<string, ReportSale & { lines: ReportSale['lines'][number][]; payments: ReportSale['payments'][number][] }>();
  for (const row of saleRows) {
    sales.set(row.id, {
      receiptNumber: row.receiptNumber,
      totalOre: row.totalOre,
      roundingOre: row.roundingOre,
      training: row.training === 1,
      isReturn: row.returnOf !== null,
      deliveryNoteNumber: row.deliveryNoteNumber,
      customerName: row.customerName,
      lines: [],
      payments: [],
    });
  }
  // Lines sold before the group was kept on the line fall back to the product's current group.
  const lineRows = sqlite
    .prepare(
      `SELECT l.sale_id AS saleId, l.quantity, l.discount_ore AS discountOre, l.gross_ore AS grossOre,
              l.vat_rate_bp AS vatRateBp, l.vat_ore AS vatOre, l.net_ore AS netOre,
              CASE WHEN l.group_id IS NOT NULL OR l.group_name IS NOT NULL THEN l.group_id
                   ELSE (SELECT p.group_id FROM products p WHERE p.id = l.product_id) END AS groupId,
              CASE WHEN l.group_id IS NOT NULL OR l.group_name IS NOT NULL THEN l.group_name
                   ELSE (SELECT g.name FROM products p JOIN product_groups g ON g.id = p.group_id WHERE p.id = l.product_id) END AS groupName
         FROM sales s JOIN sale_lines l ON l.sale_id = s.id
        WHERE ${IN_PERIOD}`,
    )
    .all(bounds) as LineRow[];
  for (const { saleId, ...line } of lineRows) sales.get(saleId)!.lines.push(line);
  const paymentRows = sqlite
    .prepare(
      `SELECT p.sale_id AS saleId, p.method, p.amount_ore AS amountOre, p.tendered_ore AS tenderedOre, p.change_ore AS changeOre
         FROM sales s JOIN sale_payments p ON p.sale_id = s.id WHERE ${IN_PERIOD}`,
    )
    .all(bounds) as PaymentRow[];
  for (const { saleId, ...payment } of paymentRows) sales.get(saleId)!.payments.push(payment);

  const journalCounts = db.get<{ copies: number; drawer: number; lastSeq: number | null }>(
    sql`SELECT coalesce(sum(code = ${journalCodes.copyReceipt}), 0) AS copies,
               coalesce(sum(code = ${journalCodes.drawerOpened} AND sale_id IS NULL), 0) AS drawer,
               max(seq) AS lastSeq
          FROM journal WHERE seq > ${start.lastJournalSeq}`,
  );
  const float = db
    .select({ amountOre: openingFloats.amountOre })
    .from(openingFloats)
    .where(eq(openingFloats.afterZNumber, start.lastZNumber))
    .orderBy(desc(openingFloats.seq))
    .limit(1)
    .get();

  const all = [...sales.values()];
  const maxOf = (training: boolean, floor: number) =>
    all.reduce((max, s) => (s.training === training ? Math.max(max, s.receiptNumber) : max), floor);
  return {
    start,
    sales: all,
    lastReceiptNumber: maxOf(false, start.lastReceiptNumber),
    lastTrainingReceiptNumber: maxOf(true, start.lastTrainingReceiptNumber),
    lastJournalSeq: journalCounts?.lastSeq ?? start.lastJournalSeq,
    figures: dayReportFigures({
      sales: all,
      floatOre: float?.amountOre ?? 0,
      countedCashOre,
      copies: journalCounts?.copies ?? 0,
      drawerOpeningsWithoutSale: journalCounts?.drawer ?? 0,
      previousGrandTotalOre: start.grandTotalOre,
      listInvoiceSales,
    }),
  };
}
