import type { Sale } from '@nota/protocol';
import { count, eq } from 'drizzle-orm';
import type { CoreContext } from '../context';
import { deliveryNotePrints } from '../db/schema';
import { CoreError } from '../errors';
import type { DeliveryNote } from '../printing/delivery-note';
import { PrinterError, printDeliveryNote } from '../printing/network-printer';
import { loadSale } from '../sales/sale-read';
import { readSettings } from '../settings/settings';

export interface PrintOutcome {
  number: number;
  copy: boolean;
  printedAt: string;
}

/**
 * Prints the delivery note of an invoice sale. The sale is already durable and is never touched:
 * a printer fault only means the note can be printed again. Once one print has succeeded, every later
 * print is marked as a copy, so two originals never exist.
 */
export async function printNote(ctx: CoreContext, saleId: string, opts: { forceCopy: boolean }): Promise<PrintOutcome> {
  const user = ctx.session.requireUser();
  const sale = loadSale(ctx.db, saleId);
  if (!sale.invoice) {
    throw new CoreError('NOT_AN_INVOICE_SALE', `Sale ${sale.receiptNumber} was not charged by invoice and has no delivery note.`, 'saleId');
  }
  const settings = readSettings(ctx.db);
  if (!settings.printerUrl) {
    throw new CoreError('PRINTER_NOT_CONFIGURED', 'No receipt printer is set up for this register. Add its address in the settings.', 'printerUrl');
  }
  const [printed] = ctx.db
    .select({ n: count() })
    .from(deliveryNotePrints)
    .where(eq(deliveryNotePrints.saleId, saleId))
    .all();
  const copy = opts.forceCopy || (printed?.n ?? 0) > 0;
  const note = buildNote(sale, settings, copy);
  try {
    await printDeliveryNote(settings.printerUrl, note, { timeoutMs: settings.printerTimeoutMs, checkStatus: settings.printerStatusCheck });
  } catch (err) {
    if (err instanceof PrinterError) throw new CoreError(err.code, err.message);
    throw err;
  }
  const printedAt = ctx.now().toISOString();
  ctx.db.insert(deliveryNotePrints).values({ saleId, printedAt, copy, userId: user.id }).run();
  return { number: sale.invoice.deliveryNoteNumber, copy, printedAt };
}

function buildNote(sale: Sale, settings: ReturnType<typeof readSettings>, copy: boolean): DeliveryNote {
  const invoice = sale.invoice!;
  return {
    language: settings.language,
    store: {
      name: settings.storeName,
      companyName: settings.companyName,
      orgNumber: settings.companyOrgNumber,
      address: settings.storeAddress,
    },
    register: { id: settings.registerId, name: settings.registerName },
    number: String(invoice.deliveryNoteNumber),
    saleNumber: String(sale.receiptNumber),
    createdAt: sale.completedAt,
    customer: {
      name: invoice.customer.name,
      customerNumber: String(invoice.customer.customerNumber),
      orgNumber: invoice.customer.orgNumber,
    },
    reference: invoice.buyerReference,
    comment: invoice.comment,
    showPrices: settings.deliveryNoteShowPrices,
    lines: sale.lines.map((l) => ({
      name: l.name,
      quantity: l.quantity,
      unitPriceOre: l.unitPriceOre,
      totalOre: l.grossOre,
    })),
    totalOre: sale.totalOre,
    copy,
  };
}
