import { isInvoiceable, settle } from '@nota/domain';
import type { CompleteSaleRequest, Sale } from '@nota/protocol';
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { CoreContext } from '../context';
import { getCustomer } from '../customers/customer-repo';
import { saleLines, salePayments, sales } from '../db/schema';
import { enabledPaymentMethods } from './payment-methods';
import { CoreError } from '../errors';
import { logEvent } from '../journal/journal';
import { appendEvent } from '../outbox/outbox';
import { noticeClockSetBack } from '../reports/clock';
import { isTrainingOn, refuseInvoiceInTraining } from '../receipts/training-mode';
import { readSettings } from '../settings/settings';
import { signatureColumns } from '../signing/sign-receipt';
import { takeNextNumber } from './number-series';
import { priceFromCatalog } from './price-from-catalog';
import { loadSale } from './sale-read';

/**
 * Completes a sale: prices it from the catalog, settles the payments, and writes the sale, its lines,
 * payments, numbers and outbox event in one IMMEDIATE transaction. better-sqlite3 returns only after
 * the commit is fsynced (synchronous=FULL), so once this returns the sale survives a power cut.
 *
 * Retrying with the same sale id returns the sale already made; the same id with different content
 * is refused rather than guessed at.
 */
export function completeSale(ctx: CoreContext, req: CompleteSaleRequest): Sale {
  const user = ctx.session.requireUser();
  const requestHash = createHash('sha256').update(JSON.stringify(req)).digest('hex');
  const previous = ctx.db.select({ requestHash: sales.requestHash }).from(sales).where(eq(sales.id, req.id)).get();
  if (previous) {
    if (previous.requestHash !== requestHash) {
      throw new CoreError('SALE_ID_REUSED', `Sale ${req.id} was already completed with different content.`, 'id');
    }
    return loadSale(ctx.db, req.id);
  }

  const settings = readSettings(ctx.db);
  const completedAt = ctx.now();
  const { totals, catalog } = priceFromCatalog(ctx.db, req.lines, completedAt);
  checkPaymentMethods(ctx, req);
  const settlement = settle(totals.totalOre, req.payments);
  const customer = req.invoice ? invoiceCustomer(ctx, req.invoice.customerId) : null;

  const iso = completedAt.toISOString();
  return ctx.db.transaction(
    (tx) => {
      noticeClockSetBack(tx, completedAt, user.id);
      // Training mode: its own number series, no sale.completed event (it never counts as a sale).
      const training = isTrainingOn(tx);
      refuseInvoiceInTraining(training, customer);
      const receiptNumber = takeNextNumber(tx, training ? 'training-receipt' : 'receipt');
      const deliveryNoteNumber = customer ? takeNextNumber(tx, 'delivery-note') : null;
      // Norway: signed in this transaction, chained to the previous signed receipt (signing/).
      const signed = signatureColumns(tx, settings.country, training, { receiptNumber, completedAt, totalOre: totals.totalOre, netOre: totals.netOre });
      tx.insert(sales)
        .values({
          id: req.id,
          receiptNumber,
          registerId: settings.registerId,
          userId: user.id,
          completedAt: iso,
          totalOre: totals.totalOre,
          roundingOre: settlement.roundingOre,
          vatOre: totals.vatOre,
          netOre: totals.netOre,
          changeOre: settlement.changeOre,
          customerId: customer?.id ?? null,
          customerSnapshot: customer,
          buyerReference: req.invoice?.buyerReference || null,
          comment: req.invoice?.comment || null,
          deliveryNoteNumber,
          requestHash,
          training,
          ...signed,
        })
        .run();
      tx.insert(saleLines)
        .values(
          totals.lines.map((line, i) => ({
            saleId: req.id,
            lineNo: i + 1,
            productId: line.productId,
            sku: catalog.get(line.productId)!.sku,
            name: line.name,
            quantity: line.quantity,
            unitPriceOre: line.unitPriceOre,
            discountOre: line.discountOre,
            grossOre: line.grossOre,
            vatRateBp: line.vatRateBp,
            vatOre: line.vatOre,
            netOre: line.netOre,
            // The group as sold, so a later move to another group does not rewrite the Z report.
            groupId: catalog.get(line.productId)!.groupId,
            groupName: sql`(SELECT name FROM product_groups WHERE id = ${catalog.get(line.productId)!.groupId})`,
          })),
        )
        .run();
      tx.insert(salePayments)
        .values(settlement.payments.map((p, seq) => ({ saleId: req.id, seq, ...p })))
        .run();
      const sale = loadSale(tx, req.id);
      if (training) logEvent(tx, { code: 'trainingReceipt', at: completedAt, userId: user.id, saleId: req.id, amountOre: sale.totalDueOre });
      else appendEvent(tx, { type: 'sale.completed', sale }, iso);
      return sale;
    },
    { behavior: 'immediate' },
  );
}

function checkPaymentMethods(ctx: CoreContext, req: CompleteSaleRequest): void {
  const enabled = new Set(enabledPaymentMethods(ctx.db));
  req.payments.forEach((p, i) => {
    if (!enabled.has(p.method)) {
      throw new CoreError('PAYMENT_METHOD_DISABLED', `payments[${i}].method: ${p.method} is not enabled at this register.`, `payments[${i}].method`);
    }
  });
  const invoicePayments = req.payments.filter((p) => p.method === 'invoice').length;
  if (invoicePayments > 0 && !req.invoice) {
    throw new CoreError('INVOICE_CUSTOMER_REQUIRED', 'invoice.customerId: choose the customer to invoice.', 'invoice.customerId');
  }
  if (invoicePayments === 0 && req.invoice) {
    throw new CoreError('INVOICE_PAYMENT_MISSING', 'invoice: customer details were given but no payment is by invoice.', 'invoice');
  }
}

function invoiceCustomer(ctx: CoreContext, customerId: string) {
  const customer = getCustomer(ctx.db, customerId, 'invoice.customerId');
  if (!isInvoiceable(customer)) {
    const why = customer.active ? 'invoicing is not enabled for this customer' : 'the customer is inactive';
    throw new CoreError(
      'CUSTOMER_NOT_INVOICEABLE',
      `invoice.customerId: ${customer.name} (${customer.customerNumber}) cannot be invoiced: ${why}.`,
      'invoice.customerId',
    );
  }
  return {
    id: customer.id,
    customerNumber: customer.customerNumber,
    name: customer.name,
    orgNumber: customer.orgNumber,
    externalId: customer.externalId,
  };
}
