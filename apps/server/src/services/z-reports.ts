import { isDeepStrictEqual } from 'node:util';
import type { DayReport, SyncEvent, ZReportSummary } from '@nota/protocol';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { zReports } from '../db/schema';
import { Rejection } from './errors';

type ZReportClosed = Extract<SyncEvent, { type: 'z-report.closed' }>;

/**
 * Stores a register's Z report once. The same report sent again under another event id (a register
 * restored from a backup) changes nothing; another report under a number already stored is refused
 * with the reason, since a Z report is never replaced.
 */
export async function recordZReport(tx: Tx, registerId: string, event: ZReportClosed): Promise<void> {
  const { report } = event;
  if (report.registerId !== registerId) {
    throw new Rejection('Z_REPORT_WRONG_REGISTER', `Z report ${report.number} names register ${report.registerId}, not the one that pushed it.`);
  }
  const inserted = await tx
    .insert(zReports)
    .values({
      id: event.id,
      registerId,
      number: report.number,
      closedAt: new Date(report.producedAt),
      netSalesOre: report.figures.netSalesOre,
      grandTotalOre: report.figures.grandTotalOre,
      receiptCount: report.figures.receiptCount,
      cashDifferenceOre: report.figures.cash.differenceOre,
      payload: report,
    })
    .onConflictDoNothing()
    .returning({ id: zReports.id });
  if (inserted.length > 0) return;
  const [stored] = await tx
    .select({ payload: zReports.payload })
    .from(zReports)
    .where(and(eq(zReports.registerId, registerId), eq(zReports.number, report.number)));
  if (stored && isDeepStrictEqual(stored.payload, report)) return;
  throw new Rejection(
    'Z_REPORT_CONFLICT',
    `Z report ${report.number} is already recorded for this register with other figures; a Z report is never replaced.`,
  );
}

type Db = Pick<Tx, 'select'>;

/** A register's Z reports, newest first, `limit` at a time; `before` is the number the next page starts under. */
export async function listZReports(db: Db, registerId: string, limit: number, before: number | undefined): Promise<{ zReports: ZReportSummary[]; nextBefore: number | null }> {
  const rows = await db
    .select({
      number: zReports.number,
      closedAt: zReports.closedAt,
      netSalesOre: zReports.netSalesOre,
      grandTotalOre: zReports.grandTotalOre,
      receiptCount: zReports.receiptCount,
      cashDifferenceOre: zReports.cashDifferenceOre,
    })
    .from(zReports)
    .where(and(eq(zReports.registerId, registerId), before === undefined ? undefined : lt(zReports.number, before)))
    .orderBy(desc(zReports.number))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map((r) => ({ ...r, closedAt: r.closedAt.toISOString() }));
  return { zReports: page, nextBefore: rows.length > limit ? page.at(-1)!.number : null };
}

export async function getZReport(db: Db, registerId: string, number: number): Promise<{ report: DayReport; receivedAt: string } | null> {
  const [row] = await db
    .select({ payload: zReports.payload, receivedAt: zReports.receivedAt })
    .from(zReports)
    .where(and(eq(zReports.registerId, registerId), eq(zReports.number, number)));
  return row ? { report: row.payload as DayReport, receivedAt: row.receivedAt.toISOString() } : null;
}
