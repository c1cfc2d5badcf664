import { z } from 'zod';
import { Count, Id, IsoDateTime, MAX_INT32, MultilineText, NonNegativeOre, Ore, PositiveOre, Text } from './common';
import { RecordKey } from './catalog';

/** A line's quantity; the cart's rules (whole, positive) give their own field errors. */
const Quantity = z.int().min(-MAX_INT32).max(MAX_INT32);
/** VAT rate in basis points (25 % = 2500). */
const RateBp = z.int().min(0).max(10_000);

export const Discount = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), bp: z.int().min(0).max(10_000) }),
  z.object({ kind: z.literal('amount'), ore: NonNegativeOre }),
]);

export const SaleLineInput = z.object({
  productId: RecordKey(100),
  quantity: Quantity,
  discount: Discount.nullish(),
});
export type SaleLineInput = z.infer<typeof SaleLineInput>;

export const PaymentInput = z.discriminatedUnion('method', [
  z.object({ method: z.literal('cash'), tenderedOre: NonNegativeOre }),
  z.object({ method: z.literal('card'), amountOre: PositiveOre }),
  z.object({ method: z.literal('invoice'), amountOre: PositiveOre }),
]);
export type PaymentInput = z.infer<typeof PaymentInput>;

export const InvoiceDetails = z.object({
  customerId: Id,
  buyerReference: Text(100).trim().nullish(),
  comment: MultilineText(500).trim().nullish(),
});

export const CompleteSaleRequest = z.object({
  /** Created by the client when the sale is started: a retry with the same id never sells twice. */
  id: Id,
  lines: z.array(SaleLineInput).min(1).max(500),
  payments: z.array(PaymentInput).min(1).max(5),
  invoice: InvoiceDetails.nullish(),
});
export type CompleteSaleRequest = z.infer<typeof CompleteSaleRequest>;

export const SaleLine = z.object({
  lineNo: Count,
  productId: RecordKey(100),
  sku: Text(64),
  name: Text(200),
  quantity: Quantity,
  unitPriceOre: Ore,
  discountOre: Ore,
  grossOre: Ore,
  vatRateBp: RateBp,
  vatOre: Ore,
  netOre: Ore,
});

export const SalePayment = z.object({
  method: z.enum(['cash', 'card', 'invoice']),
  amountOre: Ore,
  tenderedOre: Ore.nullable(),
  changeOre: Ore,
});

export const InvoiceCustomerSnapshot = z.object({
  id: Id,
  customerNumber: Count,
  name: Text(200),
  orgNumber: Text(20),
  externalId: Text(50).nullable(),
});

/**
 * Norway: a receipt's signature, chained to the register's previous one (kassasystemforskriften).
 * `value` is base64 RSA-SHA1 over `previous;transDate;transTime;nr;transAmntIn;transAmntEx`;
 * `keyVersion` names the register key that made it, so a key change can be verified.
 */
export const ReceiptSignature = z.object({
  value: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'a signature is base64').max(700),
  keyVersion: Count.min(1),
});
export type ReceiptSignature = z.infer<typeof ReceiptSignature>;

/** The sale a return gives goods back from: a return's lines have negative quantities. */
export const ReturnOf = z.object({ saleId: Id, receiptNumber: Count });

export const Sale = z.object({
  id: Id,
  receiptNumber: Count,
  registerId: RecordKey(100),
  userId: RecordKey(100),
  completedAt: IsoDateTime,
  totalOre: Ore,
  roundingOre: Ore,
  totalDueOre: Ore,
  vatOre: Ore,
  netOre: Ore,
  changeOre: Ore,
  lines: z.array(SaleLine).max(500),
  payments: z.array(SalePayment).max(5),
  vatSummary: z.array(z.object({ rateBp: RateBp, grossOre: Ore, netOre: Ore, vatOre: Ore })).max(20),
  invoice: z
    .object({
      customer: InvoiceCustomerSnapshot,
      buyerReference: Text(100).nullable(),
      comment: MultilineText(500).nullable(),
      deliveryNoteNumber: Count,
    })
    .nullable(),
  /** Sold in training mode: printed as a training receipt, never counted as a sale or synced as one. */
  training: z.boolean().default(false),
  returnOf: ReturnOf.nullable().default(null),
  /** Null where receipts are not signed (Sweden) and on sales made before signing existed. */
  signature: ReceiptSignature.nullable().default(null),
});
export type Sale = z.infer<typeof Sale>;
