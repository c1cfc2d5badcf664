import { z } from 'zod';
import { Count, Id, MAX_INT32, Ore } from './common';
import { RecordKey } from './catalog';
import { Sale, SaleLine, SalePayment } from './sales';

/**
 * Returns at the register. A return is a sale with `returnOf` set: its lines carry the original's line
 * numbers (line 2 of a return gives back goods from line 2 of the original), negative quantities and
 * amounts, and its payments are negative refunds by the original sale's methods.
 */

/** One line to give back; quantity is a count of units (positive), checked by the core so the field is named. */
export const ReturnLineInput = z.object({
  lineNo: Count,
  quantity: z.int().min(-MAX_INT32).max(MAX_INT32),
});
export type ReturnLineInput = z.infer<typeof ReturnLineInput>;

export const RefundMethod = z.enum(['cash', 'card', 'invoice']);

export const ReturnQuoteRequest = z.object({
  originalSaleId: Id,
  lines: z.array(ReturnLineInput).min(1).max(500),
});
export type ReturnQuoteRequest = z.infer<typeof ReturnQuoteRequest>;

export const CompleteReturnRequest = ReturnQuoteRequest.extend({
  /** Made by the client when the return is started: a retry with the same id never returns twice. */
  id: Id,
  /**
   * The methods the cashier confirms the refund goes back by; they must be the original sale's
   * methods (a cash sale is refunded in cash, a card sale to card), anything else is refused.
   */
  refundMethods: z.array(RefundMethod).min(1).max(3),
});
export type CompleteReturnRequest = z.infer<typeof CompleteReturnRequest>;

/** A line of the original sale and how much of it can still be given back. */
export const ReturnableLine = z.object({
  lineNo: Count,
  productId: RecordKey(100),
  sku: z.string(),
  name: z.string(),
  unitPriceOre: Ore,
  grossOre: Ore,
  vatRateBp: z.int(),
  soldQuantity: z.int(),
  returnedQuantity: z.int(),
  returnableQuantity: z.int(),
});
export type ReturnableLine = z.infer<typeof ReturnableLine>;

export const ReturnableSale = z.object({
  sale: Sale,
  lines: z.array(ReturnableLine),
  /** The original sale's methods, the only ones a refund may go back by. */
  refundMethods: z.array(RefundMethod),
  /** Earlier returns of this sale, oldest first. */
  returns: z.array(z.object({ saleId: Id, receiptNumber: Count, totalDueOre: Ore })),
});
export type ReturnableSale = z.infer<typeof ReturnableSale>;

/** What a return would be, before it is made: negative lines, totals and the refund by method. */
export const ReturnQuote = z.object({
  lines: z.array(SaleLine),
  totalOre: Ore,
  roundingOre: Ore,
  totalDueOre: Ore,
  vatOre: Ore,
  netOre: Ore,
  vatSummary: z.array(z.object({ rateBp: z.int(), grossOre: Ore, netOre: Ore, vatOre: Ore })),
  refunds: z.array(SalePayment),
});
export type ReturnQuote = z.infer<typeof ReturnQuote>;
