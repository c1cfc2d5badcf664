import { z } from 'zod';
import { Count, Country, Id, IsoDateTime, NonNegativeOre, Ore, Text } from './common';
import { RecordKey } from './catalog';

/**
 * An X or Z report (the register's daily settlement): the figures of the sales since the previous
 * Z report, taken by receipt number, so no sale is ever in two Z reports. Money is integer öre.
 */
const Method = z.enum(['cash', 'card', 'invoice']);
/** The grand total never resets: over the years it may pass what one sale's amount allows. */
const GrandTotal = z.int();

export const DayFigures = z.object({
  floatOre: Ore,
  receiptCount: Count,
  firstReceiptNumber: Count.nullable(),
  lastReceiptNumber: Count.nullable(),
  sales: z.object({ count: Count, grossOre: Ore }),
  /** Sales with `returnOf`; the amount given back, as a positive figure. */
  returns: z.object({ count: Count, amountOre: Ore }),
  /** Sales less returns, VAT included: what the grand total adds. */
  netSalesOre: Ore,
  vatRates: z.array(z.object({ rateBp: z.int(), grossOre: Ore, netOre: Ore, vatOre: Ore })),
  payments: z.array(z.object({ method: Method, count: Count, amountOre: Ore })),
  groups: z.array(z.object({ groupId: RecordKey(100).nullable(), name: z.string().nullable(), quantity: z.int(), grossOre: Ore })),
  discountOre: Ore,
  roundingOre: Ore,
  copies: Count,
  /** Training receipts: counted here, never in the sales figures. */
  training: z.object({ count: Count, amountOre: Ore }),
  drawerOpeningsWithoutSale: Count,
  invoices: z.object({
    count: Count,
    amountOre: Ore,
    deliveryNotes: Count,
    /** Norway lists each one; empty in Sweden. */
    list: z.array(z.object({ receiptNumber: Count, deliveryNoteNumber: Count.nullable(), customerName: z.string().nullable(), amountOre: Ore })),
  }),
  cash: z.object({
    floatOre: Ore,
    cashInOre: Ore,
    changeOre: Ore,
    refundsOre: Ore,
    expectedOre: Ore,
    countedOre: Ore.nullable(),
    differenceOre: Ore.nullable(),
  }),
  grandTotalOre: GrandTotal,
});
export type DayFigures = z.infer<typeof DayFigures>;

export const DayReport = z.object({
  kind: z.enum(['x', 'z']),
  /** The Z number (gapless per register); null on an X report. */
  number: Count.min(1).nullable(),
  registerId: RecordKey(100),
  registerName: Text(100),
  country: Country,
  /** When the period began (the previous Z report's close; null before the first) and when this report was taken. */
  periodStart: IsoDateTime.nullable(),
  producedAt: IsoDateTime,
  userId: RecordKey(100),
  figures: DayFigures,
});
export type DayReport = z.infer<typeof DayReport>;

/** A Z report as the server lists it. */
export const ZReportSummary = z.object({
  number: Count.min(1),
  closedAt: IsoDateTime,
  netSalesOre: Ore,
  grandTotalOre: GrandTotal,
  receiptCount: Count,
  cashDifferenceOre: Ore.nullable(),
});
export type ZReportSummary = z.infer<typeof ZReportSummary>;

/** Something a manager should see at the register: the clock was set back behind the last sale. */
export const DayNotice = z.object({
  id: Id,
  kind: z.literal('clock-set-back'),
  occurredAt: IsoDateTime,
  detail: z.string(),
});
export type DayNotice = z.infer<typeof DayNotice>;

export const CountedCash = NonNegativeOre;

/** Head office: a register's Z reports, newest first; `before` is the previous page's `nextBefore`. */
export const ZReportListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().min(1).optional(),
});
export const ZReportList = z.object({ zReports: z.array(ZReportSummary), nextBefore: z.int().nullable() });
export const ZReportParams = z.object({ id: Id, number: z.coerce.number().int().min(1).max(2_147_483_647) });
export const ZReportDetail = z.object({ report: DayReport, receivedAt: IsoDateTime });
