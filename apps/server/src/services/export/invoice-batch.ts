import type { Gl07Batch, Gl07Transaction } from '@nota/agresso';
import { periodOf, type AccountingMapping, type InvoiceDocument, type VoucherRow } from '@nota/domain';

const TRANS_TYPE: Record<VoucherRow['role'], Gl07Transaction['transType']> = {
  receivable: 'AR',
  vat: 'TX',
  sales: 'GL',
  payment: 'GL',
  rounding: 'GL',
};

/**
 * One invoice as one GL07 batch with one voucher: the AR row carries the customer, our invoice
 * number, due date and payment reference (and, for a credit, the original's number); GL rows per
 * sales account and rate carry tax codes and the cost centre; TX rows carry output VAT with its base.
 */
export function invoiceBatch(
  doc: InvoiceDocument,
  rows: readonly VoucherRow[],
  mapping: AccountingMapping,
  target: { apArNo: string; batchId: string },
): Gl07Batch {
  const a = mapping.agresso;
  const dimension = a.costCentreDimension as 1 | 2 | 3 | 4 | 5 | 6 | 7 | null;
  return {
    interface: a.interface!,
    batchId: target.batchId,
    reportClient: a.companyCode!,
    vouchers: [
      {
        voucherType: a.voucherType!,
        companyCode: a.companyCode!,
        period: periodOf(doc.invoiceDate),
        voucherDate: doc.invoiceDate,
        transactions: rows.map((row, i) => ({
          transType: TRANS_TYPE[row.role],
          description: row.description,
          transDate: doc.invoiceDate,
          // Deterministic per row, so a voucher seen in Agresso can be traced to the document and row.
          externalRef: `${target.batchId}-${i + 1}`,
          amountOre: row.amountOre,
          account: row.account,
          ...(dimension && row.costCentre ? { dims: { [dimension]: row.costCentre } } : {}),
          currency: doc.currency,
          taxCode: row.taxCode,
          taxTransInfo: row.taxBase ? { account2: row.taxBase.account, baseAmountOre: row.taxBase.amountOre } : null,
          apArInfo:
            row.role === 'receivable'
              ? {
                  apArType: 'R',
                  apArNo: target.apArNo,
                  invoiceNo: String(doc.number),
                  dueDate: doc.dueDate,
                  bacsId: doc.paymentReference,
                  origReference: doc.creditOf?.number ?? null,
                }
              : null,
        })),
      },
    ],
  };
}
