import type { Gl07Batch, Gl07Transaction } from '@nota/agresso';
import { periodOf, type AccountingMapping, type InvoiceDocument, type VoucherRow } from '@nota/domain';

const TRANS_TYPE: Record<VoucherRow['role'], Gl07Transaction['transType']> = {
  receivable: 'AR',
  vat: 'TX',
  sales: 'GL',
  payment: 'GL',
  rounding: 'GL',
};

export interface BatchVoucher {
  doc: InvoiceDocument;
  rows: readonly VoucherRow[];
  apArNo: string;
}

/**
 * Invoices as one GL07 batch, one voucher each. The AR row carries the customer, our invoice
 * number (how the confirmation template tells the vouchers of a batch apart), due date and payment
 * reference (and, for a credit, the original's number); GL rows per sales account and rate carry tax
 * codes and the cost centre; TX rows carry output VAT with its base.
 */
export function invoiceBatch(vouchers: readonly BatchVoucher[], mapping: AccountingMapping, batchId: string): Gl07Batch {
  const a = mapping.agresso;
  const dimension = a.costCentreDimension as 1 | 2 | 3 | 4 | 5 | 6 | 7 | null;
  return {
    interface: a.interface!,
    batchId,
    reportClient: a.companyCode!,
    vouchers: vouchers.map(({ doc, rows, apArNo }) => ({
        voucherType: a.voucherType!,
        companyCode: a.companyCode!,
        period: periodOf(doc.invoiceDate),
        voucherDate: doc.invoiceDate,
        transactions: rows.map((row, i) => ({
          transType: TRANS_TYPE[row.role],
          description: row.description,
          transDate: doc.invoiceDate,
          // Deterministic per row, so a voucher seen in Agresso can be traced to the document and row.
          externalRef: `${doc.number}-${i + 1}`,
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
                  apArNo,
                  invoiceNo: String(doc.number),
                  dueDate: doc.dueDate,
                  bacsId: doc.paymentReference,
                  origReference: doc.creditOf?.number ?? null,
                }
              : null,
        })),
    })),
  };
}
