import type { FieldError } from '../errors';
import { formatVatRate } from './format';

/**
 * Which account each event is booked on, as head office fills it in on the accounting page:
 * payment methods, VAT rates, product groups and other events, optionally a code per cost centre,
 * plus what Agresso needs to accept a voucher. Defaults follow the Swedish BAS chart of accounts.
 */
export interface AccountingMapping {
  paymentMethods: { cash: string | null; card: string | null };
  vatRates: VatRateMapping[];
  /** Optional: a product group's own sales account instead of its VAT rate's. */
  productGroups: { groupId: string; salesAccount: string | null }[];
  /** Cash rounding (öresavrundning). */
  rounding: string | null;
  /** Optional: the code a cost centre has in the ledger, when it differs from Nota's. */
  costCentres: { code: string; accountingCode: string | null }[];
  agresso: AgressoMapping;
}

export interface VatRateMapping {
  rateBp: number;
  salesAccount: string | null;
  /** Output VAT; not needed for 0 %. */
  vatAccount: string | null;
  /** The rate's tax code in the ledger; Agresso refuses rows with an unknown one. */
  taxCode: string | null;
}

export interface AgressoMapping {
  /** Agresso's company (client) code. */
  companyCode: string | null;
  /** The code of the external system, registered in Agresso (GL07 `Interface`). */
  interface: string | null;
  voucherType: string | null;
  /** The customer-ledger (accounts receivable) account of the AR row. */
  customerLedgerAccount: string | null;
  /** Which of Dim1..Dim7 carries the cost centre; none when null. */
  costCentreDimension: number | null;
  /** The customer group (ApArGroup) of customers Nota creates in Agresso. */
  customerGroup: string | null;
  /**
   * Put before the customer number to make the id of a customer Nota creates in Agresso, so Nota's
   * numbers cannot collide with customers Agresso already has (e.g. 'N' gives N10042). None: the number.
   */
  customerIdPrefix: string | null;
}

export const BAS_DEFAULT_MAPPING: AccountingMapping = {
  paymentMethods: { cash: '1910', card: '1580' },
  vatRates: [
    { rateBp: 2500, salesAccount: '3001', vatAccount: '2611', taxCode: null },
    { rateBp: 1200, salesAccount: '3002', vatAccount: '2621', taxCode: null },
    { rateBp: 600, salesAccount: '3003', vatAccount: '2631', taxCode: null },
    { rateBp: 0, salesAccount: '3004', vatAccount: null, taxCode: null },
  ],
  productGroups: [],
  rounding: '3740',
  costCentres: [],
  agresso: {
    companyCode: null,
    interface: null,
    voucherType: null,
    customerLedgerAccount: '1510',
    costCentreDimension: null,
    customerGroup: null,
    customerIdPrefix: null,
  },
};

export interface MappingProblem {
  field: string;
  message: string;
}

// Ledger codes are Agresso dimension values: at most 25 characters, no surrounding blanks.
const CODE = /^\S(.{0,23}\S)?$/;

/**
 * Every field the export needs that is missing or malformed, each with where it is and what to do.
 * Product groups and cost centres are optional; everything else must be filled in.
 */
export function mappingProblems(mapping: AccountingMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const need = (field: string, value: string | null | undefined, what: string) => {
    if (value == null || value.trim() === '') problems.push({ field, message: `${what} is missing.` });
    else if (!CODE.test(value)) problems.push({ field, message: `${what} '${value}' is not a valid code (1-25 characters, no surrounding spaces).` });
  };
  need('paymentMethods.cash', mapping.paymentMethods.cash, 'The account for cash payments');
  need('paymentMethods.card', mapping.paymentMethods.card, 'The account for card payments');
  need('rounding', mapping.rounding, 'The account for cash rounding');
  const seen = new Set<number>();
  mapping.vatRates.forEach((r, i) => {
    const rate = formatVatRate(r.rateBp);
    if (seen.has(r.rateBp)) problems.push({ field: `vatRates[${i}].rateBp`, message: `VAT ${rate} is mapped twice.` });
    seen.add(r.rateBp);
    need(`vatRates[${i}].salesAccount`, r.salesAccount, `The sales account for VAT ${rate}`);
    if (r.rateBp !== 0) need(`vatRates[${i}].vatAccount`, r.vatAccount, `The output VAT account for VAT ${rate}`);
    need(`vatRates[${i}].taxCode`, r.taxCode, `The tax code for VAT ${rate}`);
  });
  mapping.productGroups.forEach((g, i) => {
    if (g.salesAccount != null && g.salesAccount !== '') need(`productGroups[${i}].salesAccount`, g.salesAccount, `The sales account for product group '${g.groupId}'`);
  });
  mapping.costCentres.forEach((c, i) => {
    if (c.accountingCode != null && c.accountingCode !== '') need(`costCentres[${i}].accountingCode`, c.accountingCode, `The code for cost centre '${c.code}'`);
  });
  const a = mapping.agresso;
  need('agresso.companyCode', a.companyCode, 'The Agresso company code');
  need('agresso.interface', a.interface, 'The Agresso interface code');
  need('agresso.voucherType', a.voucherType, 'The Agresso voucher type');
  need('agresso.customerLedgerAccount', a.customerLedgerAccount, 'The customer-ledger account');
  if (a.customerIdPrefix != null && !/^[A-Za-z0-9_-]{0,10}$/.test(a.customerIdPrefix)) {
    problems.push({ field: 'agresso.customerIdPrefix', message: `The customer-id prefix '${a.customerIdPrefix}' may hold at most 10 letters, digits, '-' or '_'.` });
  }
  if (a.costCentreDimension !== null && !(Number.isInteger(a.costCentreDimension) && a.costCentreDimension >= 1 && a.costCentreDimension <= 7)) {
    problems.push({ field: 'agresso.costCentreDimension', message: `The cost-centre dimension must be 1 to 7, or none; it is ${a.costCentreDimension}.` });
  }
  return problems;
}

// Accounts in the Swedish BAS chart (and Norway's NS 4102) are four digits.
const ACCOUNT = /^\d{4}$/;

/**
 * What cannot be saved at all, unlike the gaps mappingProblems lists: an account that is not four
 * digits, or a VAT rate, product group or cost centre mapped twice (which of the two would apply?).
 * An empty account is a gap, not an error: head office fills the mapping in over time.
 */
export function mappingInputErrors(mapping: AccountingMapping): FieldError[] {
  const errors: FieldError[] = [];
  const account = (field: string, value: string | null) => {
    if (value != null && value.trim() !== '' && !ACCOUNT.test(value)) {
      errors.push({ field, code: 'INVALID_ACCOUNT', message: `${field}: '${value}' is not an account number (four digits, as in the BAS chart of accounts)` });
    }
  };
  const once = <T>(list: readonly T[], key: (item: T) => string | number, field: (i: number) => string, what: (item: T) => string) => {
    const seen = new Set<string | number>();
    list.forEach((item, i) => {
      if (seen.has(key(item))) errors.push({ field: field(i), code: 'DUPLICATE', message: `${field(i)}: ${what(item)} is mapped twice` });
      seen.add(key(item));
    });
  };
  account('paymentMethods.cash', mapping.paymentMethods.cash);
  account('paymentMethods.card', mapping.paymentMethods.card);
  mapping.vatRates.forEach((r, i) => {
    account(`vatRates[${i}].salesAccount`, r.salesAccount);
    account(`vatRates[${i}].vatAccount`, r.vatAccount);
  });
  once(mapping.vatRates, (r) => r.rateBp, (i) => `vatRates[${i}].rateBp`, (r) => `VAT ${formatVatRate(r.rateBp)}`);
  mapping.productGroups.forEach((g, i) => account(`productGroups[${i}].salesAccount`, g.salesAccount));
  once(mapping.productGroups, (g) => g.groupId, (i) => `productGroups[${i}].groupId`, (g) => `product group '${g.groupId}'`);
  once(mapping.costCentres, (c) => c.code, (i) => `costCentres[${i}].code`, (c) => `cost centre '${c.code}'`);
  account('rounding', mapping.rounding);
  account('agresso.customerLedgerAccount', mapping.agresso.customerLedgerAccount);
  return errors;
}

/** One sentence naming every missing field, for a failed export's reason. */
export function describeMappingProblems(problems: readonly MappingProblem[]): string {
  return `The chart-of-accounts mapping is incomplete: ${problems.map((p) => p.message.replace(/\.$/, '')).join('; ')}.`;
}
