/** One row of a GL07 voucher. Amounts are integer öre in company currency; debit is positive. */
export interface Gl07Transaction {
  transType: 'GL' | 'AR' | 'AP' | 'TX';
  /** Cut to 255 characters when written. */
  description: string;
  /** YYYY-MM-DD */
  transDate: string;
  /** At most 255 characters. */
  externalRef: string;
  /** Written as both Amount and CurrAmount, e.g. -492375 -> "-4923.75". */
  amountOre: number;
  account: string;
  dims?: Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, string>>;
  currency: string;
  /** The element is left out when null or undefined; an empty string writes an empty TaxCode. */
  taxCode?: string | null;
  /** TX rows: the account and base the tax was computed from. */
  taxTransInfo?: { account2: string; baseAmountOre: number } | null;
  /** AR/AP rows. */
  apArInfo?: {
    apArType: 'R' | 'P';
    apArNo: string;
    invoiceNo: string;
    dueDate: string;
    /** Payment reference (OCR/KID). */
    bacsId?: string | null;
    /** A credit note's original invoice. */
    origReference?: number | null;
  } | null;
}

export interface Gl07Voucher {
  voucherNo?: number;
  voucherType: string;
  companyCode: string;
  /** YYYYMM */
  period: number;
  voucherDate: string;
  transactions: Gl07Transaction[];
}

export interface Gl07Batch {
  interface: string;
  /** At most 25 characters. */
  batchId: string;
  reportClient?: string;
  vouchers: Gl07Voucher[];
}

export const GL07_NAMESPACE = 'http://services.agresso.com/schema/ABWTransaction/2011/11/14';
export const GL07_LIB_NAMESPACE = 'http://services.agresso.com/schema/ABWSchemaLib/2011/11/14';
export const TRANS_TYPES: readonly Gl07Transaction['transType'][] = ['GL', 'AR', 'AP', 'TX'];
export const DIM_NUMBERS = [1, 2, 3, 4, 5, 6, 7] as const;
