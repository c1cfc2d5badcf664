import { z } from 'zod';
import { Id, IsoDateTime, NonNegativeOre, Ore, PositiveOre } from './common';

export const Discount = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), bp: z.int().min(0).max(10_000) }),
  z.object({ kind: z.literal('amount'), ore: NonNegativeOre }),
]);

export const SaleLineInput = z.object({
  productId: z.string().min(1),
  quantity: z.int(),
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
  buyerReference: z.string().trim().max(100).nullish(),
  comment: z.string().trim().max(500).nullish(),
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
  lineNo: z.int(),
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  quantity: z.int(),
  unitPriceOre: Ore,
  discountOre: Ore,
  grossOre: Ore,
  vatRateBp: z.int(),
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
  customerNumber: z.int(),
  name: z.string(),
  orgNumber: z.string(),
  externalId: z.string().nullable(),
});

export const Sale = z.object({
  id: Id,
  receiptNumber: z.int(),
  registerId: z.string(),
  userId: z.string(),
  completedAt: IsoDateTime,
  totalOre: Ore,
  roundingOre: Ore,
  totalDueOre: Ore,
  vatOre: Ore,
  netOre: Ore,
  changeOre: Ore,
  lines: z.array(SaleLine),
  payments: z.array(SalePayment),
  vatSummary: z.array(
    z.object({ rateBp: z.int(), grossOre: Ore, netOre: Ore, vatOre: Ore }),
  ),
  invoice: z
    .object({
      customer: InvoiceCustomerSnapshot,
      buyerReference: z.string().nullable(),
      comment: z.string().nullable(),
      deliveryNoteNumber: z.int(),
    })
    .nullable(),
});
export type Sale = z.infer<typeof Sale>;
