import type { Gl07Batch, Gl07Transaction } from '../gl07/gl07-types';

const row = (t: Partial<Gl07Transaction> & Pick<Gl07Transaction, 'transType' | 'account' | 'amountOre'>): Gl07Transaction => ({
  description: 'Faktura 2026-000123 Åsa Öberg & Söner <Ängelholm>',
  transDate: '2026-01-19',
  externalRef: 'NOTA-2026-000123',
  currency: 'SEK',
  taxCode: null,
  taxTransInfo: null,
  apArInfo: null,
  ...t,
});

/**
 * An invoice of 1 250,00 kr (1 000,00 + 25 % VAT) and its credit note, as the exporter sends them:
 * receivable on the customer ledger, sales with tax code and cost centre, output VAT with its base.
 */
export function invoiceBatch(overrides: { apArNo?: string; batchId?: string; companyCode?: string } = {}): Gl07Batch {
  const apArNo = overrides.apArNo ?? '10042';
  const companyCode = overrides.companyCode ?? '10';
  return {
    interface: 'NO',
    batchId: overrides.batchId ?? 'NOTA-2026-000123',
    reportClient: companyCode,
    vouchers: [
      {
        voucherNo: 1,
        voucherType: 'KF',
        companyCode,
        period: 202601,
        voucherDate: '2026-01-19',
        transactions: [
          row({
            transType: 'AR',
            account: '1510',
            amountOre: 125000,
            apArInfo: { apArType: 'R', apArNo, invoiceNo: '2026000123', dueDate: '2026-02-18', bacsId: '2026000123004', origReference: null },
          }),
          row({ transType: 'GL', account: '3001', amountOre: -100000, dims: { 1: '20600', 2: 'P-17' }, taxCode: '1' }),
          row({ transType: 'TX', account: '2611', amountOre: -25000, taxCode: '1', taxTransInfo: { account2: '3001', baseAmountOre: -100000 } }),
        ],
      },
      {
        voucherNo: 2,
        voucherType: 'KF',
        companyCode,
        period: 202601,
        voucherDate: '2026-01-20',
        transactions: [
          row({
            transType: 'AR',
            description: 'Kreditfaktura 2026-000124 "retur" av 2026-000123',
            externalRef: 'NOTA-2026-000124',
            account: '1510',
            amountOre: -12500,
            apArInfo: { apArType: 'R', apArNo, invoiceNo: '2026000124', dueDate: '2026-02-19', bacsId: null, origReference: 2026000123 },
          }),
          row({ transType: 'GL', externalRef: 'NOTA-2026-000124', account: '3001', amountOre: 10000, dims: { 1: '20600' }, taxCode: '1' }),
          row({ transType: 'TX', externalRef: 'NOTA-2026-000124', account: '2611', amountOre: 2500, taxCode: '1', taxTransInfo: { account2: '3001', baseAmountOre: 10000 } }),
        ],
      },
    ],
  };
}
