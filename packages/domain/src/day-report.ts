/**
 * The figures of an X or Z report (the register's daily settlement), summed from the sales of the
 * period: pure, so they can be checked against independently summed sales without a database.
 *
 * Money is integer öre. "Net sales" in the grand total means net of returns (VAT included), the
 * amount Skatteetaten's grand total sales counts; `vatRates` gives the ex-VAT split.
 */

export type ReportPaymentMethod = 'cash' | 'card' | 'invoice';

export interface ReportSaleLine {
  quantity: number;
  discountOre: number;
  grossOre: number;
  vatRateBp: number;
  vatOre: number;
  netOre: number;
  /** The product group at sale time (or, for lines sold before it was kept, the product's current one). */
  groupId: string | null;
  groupName: string | null;
}

export interface ReportSale {
  receiptNumber: number;
  totalOre: number;
  roundingOre: number;
  training: boolean;
  /** Set on a return: its lines have negative quantities and its payments negative amounts. */
  isReturn: boolean;
  deliveryNoteNumber: number | null;
  customerName: string | null;
  lines: readonly ReportSaleLine[];
  payments: readonly { method: ReportPaymentMethod; amountOre: number; tenderedOre: number | null; changeOre: number }[];
}

export interface DayReportInput {
  sales: readonly ReportSale[];
  floatOre: number;
  /** Counted at a Z report; null on an X report (nothing counted yet). */
  countedCashOre: number | null;
  /** Journal counts over the same period. */
  copies: number;
  drawerOpeningsWithoutSale: number;
  previousGrandTotalOre: number;
  /** Norway lists each invoice sale with its delivery note; Sweden only counts them. */
  listInvoiceSales: boolean;
}

export interface DayReportFigures {
  floatOre: number;
  receiptCount: number;
  firstReceiptNumber: number | null;
  lastReceiptNumber: number | null;
  sales: { count: number; grossOre: number };
  returns: { count: number; amountOre: number };
  netSalesOre: number;
  vatRates: { rateBp: number; grossOre: number; netOre: number; vatOre: number }[];
  payments: { method: ReportPaymentMethod; count: number; amountOre: number }[];
  groups: { groupId: string | null; name: string | null; quantity: number; grossOre: number }[];
  discountOre: number;
  roundingOre: number;
  copies: number;
  training: { count: number; amountOre: number };
  drawerOpeningsWithoutSale: number;
  invoices: {
    count: number;
    amountOre: number;
    deliveryNotes: number;
    list: { receiptNumber: number; deliveryNoteNumber: number | null; customerName: string | null; amountOre: number }[];
  };
  cash: {
    floatOre: number;
    cashInOre: number;
    changeOre: number;
    refundsOre: number;
    expectedOre: number;
    countedOre: number | null;
    differenceOre: number | null;
  };
  grandTotalOre: number;
}

const METHOD_ORDER: readonly ReportPaymentMethod[] = ['cash', 'card', 'invoice'];

export function dayReportFigures(input: DayReportInput): DayReportFigures {
  const real = input.sales.filter((s) => !s.training);
  const training = input.sales.filter((s) => s.training);
  const sales = real.filter((s) => !s.isReturn);
  const returns = real.filter((s) => s.isReturn);

  const vat = new Map<number, { rateBp: number; grossOre: number; netOre: number; vatOre: number }>();
  const groups = new Map<string, { groupId: string | null; name: string | null; quantity: number; grossOre: number }>();
  const payments = new Map<ReportPaymentMethod, { method: ReportPaymentMethod; count: number; amountOre: number }>();
  let discountOre = 0;
  let cashInOre = 0;
  let changeOre = 0;
  let refundsOre = 0;
  for (const sale of real) {
    for (const line of sale.lines) {
      const rate = vat.get(line.vatRateBp) ?? { rateBp: line.vatRateBp, grossOre: 0, netOre: 0, vatOre: 0 };
      rate.grossOre += line.grossOre;
      rate.netOre += line.netOre;
      rate.vatOre += line.vatOre;
      vat.set(line.vatRateBp, rate);
      const key = line.groupId ?? '';
      const group = groups.get(key) ?? { groupId: line.groupId, name: line.groupName, quantity: 0, grossOre: 0 };
      group.quantity += line.quantity;
      group.grossOre += line.grossOre;
      groups.set(key, group);
      discountOre += line.discountOre;
    }
    for (const p of sale.payments) {
      const method = payments.get(p.method) ?? { method: p.method, count: 0, amountOre: 0 };
      method.count += 1;
      method.amountOre += p.amountOre;
      payments.set(p.method, method);
      if (p.method !== 'cash') continue;
      if (p.amountOre >= 0) {
        cashInOre += p.tenderedOre ?? p.amountOre;
        changeOre += p.changeOre;
      } else {
        refundsOre -= p.amountOre;
      }
    }
  }

  const invoiceSales = real.filter((s) => s.payments.some((p) => p.method === 'invoice'));
  const netSalesOre = sum(real, (s) => s.totalOre);
  const expectedOre = input.floatOre + cashInOre - changeOre - refundsOre;
  const receiptNumbers = real.map((s) => s.receiptNumber);

  return {
    floatOre: input.floatOre,
    receiptCount: real.length,
    firstReceiptNumber: receiptNumbers.length ? Math.min(...receiptNumbers) : null,
    lastReceiptNumber: receiptNumbers.length ? Math.max(...receiptNumbers) : null,
    sales: { count: sales.length, grossOre: sum(sales, (s) => s.totalOre) },
    returns: { count: returns.length, amountOre: -sum(returns, (s) => s.totalOre) },
    netSalesOre,
    vatRates: [...vat.values()].sort((a, b) => b.rateBp - a.rateBp),
    payments: METHOD_ORDER.flatMap((m) => payments.get(m) ?? []),
    groups: [...groups.values()].sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff')),
    discountOre,
    roundingOre: sum(real, (s) => s.roundingOre),
    copies: input.copies,
    training: { count: training.length, amountOre: sum(training, (s) => s.totalOre) },
    drawerOpeningsWithoutSale: input.drawerOpeningsWithoutSale,
    invoices: {
      count: invoiceSales.length,
      amountOre: sum(invoiceSales, (s) => sum(s.payments, (p) => (p.method === 'invoice' ? p.amountOre : 0))),
      deliveryNotes: real.filter((s) => s.deliveryNoteNumber !== null).length,
      list: input.listInvoiceSales
        ? invoiceSales.map((s) => ({
            receiptNumber: s.receiptNumber,
            deliveryNoteNumber: s.deliveryNoteNumber,
            customerName: s.customerName,
            amountOre: sum(s.payments, (p) => (p.method === 'invoice' ? p.amountOre : 0)),
          }))
        : [],
    },
    cash: {
      floatOre: input.floatOre,
      cashInOre,
      changeOre,
      refundsOre,
      expectedOre,
      countedOre: input.countedCashOre,
      differenceOre: input.countedCashOre === null ? null : input.countedCashOre - expectedOre,
    },
    grandTotalOre: input.previousGrandTotalOre + netSalesOre,
  };
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += of(item);
  return total;
}
