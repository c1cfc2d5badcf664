import { DayReport, type ZReportSummary } from '@nota/protocol';
import { desc, eq } from 'drizzle-orm';
import type { CoreContext } from '../context';
import type { Db } from '../db/open';
import { openingFloats, zReports } from '../db/schema';
import { CoreError } from '../errors';
import { logEvent } from '../journal/journal';
import { appendEvent } from '../outbox/outbox';
import { takeNextNumber } from '../sales/number-series';
import { readSettings } from '../settings/settings';
import { openPeriod, periodStart } from './period';

function report(ctx: CoreContext, db: Db, kind: 'x' | 'z', number: number | null, countedCashOre: number | null, at: Date, userId: string) {
  const settings = readSettings(db);
  const period = openPeriod(db, ctx.store.sqlite, countedCashOre, settings.country === 'NO');
  const dayReport: DayReport = {
    kind,
    number,
    registerId: settings.registerId,
    registerName: settings.registerName,
    country: settings.country,
    periodStart: period.start.closedAt,
    producedAt: at.toISOString(),
    userId,
    figures: period.figures,
  };
  return { period, report: dayReport };
}

/** The X report: the open period's figures now. Resets nothing; the journal notes that one was taken. */
export function xReport(ctx: CoreContext): DayReport {
  const user = ctx.session.requireUser();
  const at = ctx.now();
  return ctx.db.transaction(
    (tx) => {
      const { report: x } = report(ctx, tx, 'x', null, null, at, user.id);
      logEvent(tx, { code: 'xReport', at, userId: user.id, amountOre: x.figures.netSalesOre });
      return x;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Closes the period with a Z report: its number (gapless), the stored report, its journal line and
 * its sync event are written in one IMMEDIATE transaction, so no sale can slip in between the sums
 * and the close, and a crash leaves either all of it or none.
 */
export function closeZ(ctx: CoreContext, req: { countedCashOre: number; openCartLines: number }): DayReport {
  const user = ctx.session.requireRole('manager', 'close the day with a Z report');
  if (req.openCartLines > 0) {
    throw new CoreError('CART_NOT_EMPTY', 'openCartLines: finish or clear the sale in progress before the Z report.', 'openCartLines');
  }
  const at = ctx.now();
  const iso = at.toISOString();
  return ctx.db.transaction(
    (tx) => {
      const start = periodStart(tx);
      const { period, report: draft } = report(ctx, tx, 'z', start.lastZNumber + 1, req.countedCashOre, at, user.id);
      if (period.sales.length === 0) {
        throw new CoreError('NOTHING_TO_CLOSE', 'Nothing was sold since the last Z report: there is no day to close.');
      }
      const number = takeNextNumber(tx, 'z-report');
      const z: DayReport = { ...draft, number };
      const line = logEvent(tx, { code: 'zReport', at, userId: user.id, amountOre: z.figures.netSalesOre, detail: `Z ${number}` });
      tx.insert(zReports)
        .values({
          number,
          closedAt: iso,
          userId: user.id,
          lastReceiptNumber: period.lastReceiptNumber,
          lastTrainingReceiptNumber: period.lastTrainingReceiptNumber,
          lastJournalSeq: line.seq,
          grandTotalOre: z.figures.grandTotalOre,
          report: JSON.stringify(z),
        })
        .run();
      appendEvent(tx, { type: 'z-report.closed', report: { ...z, kind: 'z', number } }, iso);
      return z;
    },
    { behavior: 'immediate' },
  );
}

export function listZ(db: Db, limit: number): ZReportSummary[] {
  return db
    .select({ number: zReports.number, report: zReports.report })
    .from(zReports)
    .orderBy(desc(zReports.number))
    .limit(limit)
    .all()
    .map(({ number, report: text }) => {
      const z = DayReport.parse(JSON.parse(text));
      return {
        number,
        closedAt: z.producedAt,
        netSalesOre: z.figures.netSalesOre,
        grandTotalOre: z.figures.grandTotalOre,
        receiptCount: z.figures.receiptCount,
        cashDifferenceOre: z.figures.cash.differenceOre,
      };
    });
}

export function getZ(db: Db, number: number): DayReport {
  const row = db.select({ report: zReports.report }).from(zReports).where(eq(zReports.number, number)).get();
  if (!row) throw new CoreError('Z_REPORT_NOT_FOUND', `number: there is no Z report ${number}.`, 'number');
  return DayReport.parse(JSON.parse(row.report));
}

export function latestZNumber(db: Db): number | null {
  const n = periodStart(db).lastZNumber;
  return n === 0 ? null : n;
}

/** The manager's opening float for the open period; set again, the last one counts. */
export function setFloat(ctx: CoreContext, floatOre: number): number {
  const user = ctx.session.requireRole('manager', 'set the opening float');
  ctx.db
    .insert(openingFloats)
    .values({ afterZNumber: periodStart(ctx.db).lastZNumber, amountOre: floatOre, setAt: ctx.now().toISOString(), userId: user.id })
    .run();
  return floatOre;
}
