import type { ReceiptPrinted, ReceiptPrintState, RegisterSettings, Sale } from '@nota/protocol';
import { and, eq, gte, inArray, notExists } from 'drizzle-orm';
import type { CoreContext } from '../context';
import type { Db } from '../db/open';
import { receiptPrints, sales, users } from '../db/schema';
import { CoreError } from '../errors';
import { logEvent } from '../journal/journal';
import { PrinterError, sendToPrinter } from '../printing/network-printer';
import { receiptKind, renderReceipt } from '../printing/receipt';
import { localDate } from '../sales/local-date';
import { loadSale } from '../sales/sale-read';
import { readSettings } from '../settings/settings';

// Prints running now, per register and sale: a double click must not print two originals while the
// first is still on its way to the printer (the unique index would only notice after both printed).
const inFlight = new Set<string>();

/** Sends bytes to the register's printer; a fault becomes the PrinterError the register already shows. */
export async function sendToRegisterPrinter(settings: RegisterSettings, bytes: Buffer): Promise<void> {
  if (!settings.printerUrl) {
    throw new CoreError('PRINTER_NOT_CONFIGURED', 'No receipt printer is set up for this register. Add its address in the settings.', 'printerUrl');
  }
  try {
    await sendToPrinter(settings.printerUrl, bytes, { timeoutMs: settings.printerTimeoutMs, checkStatus: settings.printerStatusCheck });
  } catch (err) {
    if (err instanceof PrinterError) throw new CoreError(err.code, err.message);
    throw err;
  }
}

/**
 * Prints a sale's original receipt or its one copy. The sale is durable already; a printer fault
 * only means the same print can be tried again. The print is recorded only once it has printed, and
 * a copy's journal line (a Norwegian delivery receipt's) is written in the same transaction as that record.
 */
export async function printReceipt(ctx: CoreContext, saleId: string, kind: 'original' | 'copy'): Promise<ReceiptPrinted> {
  const user = ctx.session.requireUser();
  const sale = loadSaleFor(ctx.db, saleId);
  const settings = readSettings(ctx.db);
  const state = receiptStates(ctx.db, [saleId])[0]!;
  refuseReprint(sale, state, kind);

  const key = `${settings.registerId}:${saleId}:${kind}`;
  if (inFlight.has(key)) {
    throw new CoreError('RECEIPT_PRINTING', `Receipt ${sale.receiptNumber} is printing right now. Wait for it before printing it again.`, 'saleId');
  }
  inFlight.add(key);
  try {
    const copy = kind === 'copy';
    // A training sale moves no real money: the drawer stays shut, so no cash leaves it unlogged.
    const openDrawer = !copy && !sale.training && sale.payments.some((p) => p.method === 'cash');
    const bytes = renderReceipt({
      country: settings.country,
      language: settings.language,
      store: { name: settings.storeName, companyName: settings.companyName, orgNumber: settings.companyOrgNumber, address: settings.storeAddress },
      register: { id: settings.registerId, name: settings.registerName },
      cashierName: cashierName(ctx.db, sale.userId),
      sale,
      copy,
      openDrawer,
    });
    await sendToRegisterPrinter(settings, bytes);

    const at = ctx.now();
    const printedAt = at.toISOString();
    ctx.db.transaction(
      (tx) => {
        tx.insert(receiptPrints).values({ saleId, printedAt, copy, userId: user.id }).run();
        const line = { at, userId: user.id, saleId, amountOre: sale.totalDueOre };
        if (copy) logEvent(tx, { ...line, code: 'copyReceipt' });
        else if (receiptKind(sale, settings.country) === 'deliveryReceipt') logEvent(tx, { ...line, code: 'deliveryReceipt' });
      },
      { behavior: 'immediate' },
    );
    return { saleId, copy, printedAt, drawerOpened: openDrawer };
  } finally {
    inFlight.delete(key);
  }
}

function loadSaleFor(db: Db, saleId: string): Sale {
  try {
    return loadSale(db, saleId);
  } catch (err) {
    if (err instanceof CoreError && err.code === 'UNKNOWN_SALE') throw new CoreError('UNKNOWN_SALE', `saleId: no sale with id ${saleId}.`, 'saleId');
    throw err;
  }
}

function refuseReprint(sale: Sale, state: ReceiptPrintState, kind: 'original' | 'copy'): void {
  const n = sale.receiptNumber;
  if (kind === 'original' && state.originalPrintedAt) {
    throw new CoreError('RECEIPT_ALREADY_PRINTED', `Receipt ${n} has already printed. Print a copy instead.`, 'saleId');
  }
  if (kind === 'copy' && !state.originalPrintedAt) {
    throw new CoreError('RECEIPT_NOT_PRINTED', `Receipt ${n} has not printed yet. Print the receipt itself first; a copy comes after it.`, 'saleId');
  }
  if (kind === 'copy' && state.copyPrintedAt) {
    throw new CoreError('RECEIPT_COPY_ALREADY_PRINTED', `Receipt ${n} has already had its copy. A receipt may be copied only once.`, 'saleId');
  }
}

/** The name printed as the cashier: the user who made the sale, as the register knows them. */
function cashierName(db: Db, userId: string): string {
  return db.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()?.name ?? userId;
}

export function receiptStates(db: Db, saleIds: readonly string[]): ReceiptPrintState[] {
  if (saleIds.length === 0) return [];
  const rows = db.select().from(receiptPrints).where(inArray(receiptPrints.saleId, [...saleIds])).all();
  return saleIds.map((saleId) => ({
    saleId,
    originalPrintedAt: rows.find((r) => r.saleId === saleId && !r.copy)?.printedAt ?? null,
    copyPrintedAt: rows.find((r) => r.saleId === saleId && r.copy)?.printedAt ?? null,
  }));
}

/**
 * Today's sales (the store's local day) whose original receipt never printed, oldest first: after a
 * crash between a sale and its print, or a printer fault nobody retried, the receipt is still owed.
 */
export function unprintedToday(ctx: CoreContext): Sale[] {
  const now = ctx.now();
  const today = localDate(now);
  // A local day is never longer than 25 hours; the date check below keeps exactly today's.
  const since = new Date(now.getTime() - 26 * 3600_000).toISOString();
  const printed = ctx.db
    .select({ id: receiptPrints.id })
    .from(receiptPrints)
    .where(and(eq(receiptPrints.saleId, sales.id), eq(receiptPrints.copy, false)));
  return ctx.db
    .select({ id: sales.id, completedAt: sales.completedAt })
    .from(sales)
    .where(and(gte(sales.completedAt, since), notExists(printed)))
    .orderBy(sales.completedAt)
    .all()
    .filter((row) => localDate(new Date(row.completedAt)) === today)
    .map((row) => loadSale(ctx.db, row.id));
}
