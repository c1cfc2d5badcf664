import { DomainError } from '../errors';
import type { Ore } from '../money';
import { mappingProblems, type AccountingMapping, type MappingProblem } from './accounting-mapping';
import { formatVatRate } from './format';
import type { InvoiceDocument } from './invoice';

/**
 * One bookkeeping row of an invoice's voucher. Debit is positive. An invoice debits the customer
 * ledger with the amount due (and cash or card with what was paid at the register) and credits sales
 * and output VAT per rate and rounding; a credit document books the exact reverse.
 */
export interface VoucherRow {
  role: 'receivable' | 'sales' | 'vat' | 'payment' | 'rounding';
  account: string;
  amountOre: Ore;
  vatRateBp: number | null;
  taxCode: string | null;
  /** VAT rows: the sales account and amount the VAT was computed on (same sign as the sales row). */
  taxBase: { account: string; amountOre: Ore } | null;
  /** The cost centre's ledger code on profit-and-loss rows; null on balance-sheet rows. */
  costCentre: string | null;
  description: string;
}

/** The rows of a document's voucher, or the mapping problems that stop it (none for a complete mapping). */
export function buildVoucher(doc: InvoiceDocument, mapping: AccountingMapping): { ok: true; rows: VoucherRow[] } | { ok: false; problems: MappingProblem[] } {
  const problems = [...mappingProblems(mapping), ...documentMappingProblems(doc, mapping)];
  if (problems.length > 0) return { ok: false, problems };

  const sign = doc.kind === 'credit' ? -1 : 1;
  const description = `${doc.kind === 'credit' ? 'Kreditfaktura' : 'Faktura'} ${doc.number} ${doc.customer.name}`;
  const costCentre = mapping.costCentres.find((c) => c.code === doc.costCentre)?.accountingCode || doc.costCentre;
  const rateOf = (rateBp: number) => mapping.vatRates.find((r) => r.rateBp === rateBp)!;
  const groupAccount = new Map(mapping.productGroups.filter((g) => g.salesAccount).map((g) => [g.groupId, g.salesAccount!]));

  // Sales per (account, rate): a product group with its own account splits its rate's sales.
  const groups = new Map<string, { account: string; rateBp: number; netOre: Ore; vatOre: Ore }>();
  for (const line of doc.lines) {
    const account = (line.productGroupId && groupAccount.get(line.productGroupId)) || rateOf(line.vatRateBp).salesAccount!;
    const key = `${account}\u0000${line.vatRateBp}`;
    const group = groups.get(key) ?? { account, rateBp: line.vatRateBp, netOre: 0, vatOre: 0 };
    group.netOre += line.netOre;
    group.vatOre += line.vatOre;
    groups.set(key, group);
  }

  const row = (r: Pick<VoucherRow, 'role' | 'account' | 'amountOre'> & Partial<VoucherRow>): VoucherRow => ({
    vatRateBp: null,
    taxCode: null,
    taxBase: null,
    costCentre: null,
    description,
    ...r,
  });
  const rows: VoucherRow[] = [row({ role: 'receivable', account: mapping.agresso.customerLedgerAccount!, amountOre: sign * doc.amountDueOre })];
  for (const paid of doc.paidAtRegister) {
    rows.push(row({ role: 'payment', account: mapping.paymentMethods[paid.method]!, amountOre: sign * paid.amountOre }));
  }
  const ordered = [...groups.values()].sort((a, b) => b.rateBp - a.rateBp || a.account.localeCompare(b.account));
  for (const g of ordered) {
    const rate = rateOf(g.rateBp);
    rows.push(row({ role: 'sales', account: g.account, amountOre: -sign * g.netOre, vatRateBp: g.rateBp, taxCode: rate.taxCode, costCentre }));
    if (g.vatOre !== 0) {
      rows.push(
        row({
          role: 'vat',
          account: rate.vatAccount!,
          amountOre: -sign * g.vatOre,
          vatRateBp: g.rateBp,
          taxCode: rate.taxCode,
          taxBase: { account: g.account, amountOre: -sign * g.netOre },
        }),
      );
    }
  }
  if (doc.roundingOre !== 0) {
    rows.push(row({ role: 'rounding', account: mapping.rounding!, amountOre: -sign * doc.roundingOre, costCentre }));
  }
  const balance = rows.reduce((sum, r) => sum + r.amountOre, 0);
  if (balance !== 0) {
    // The document's own totals disagree with its lines: a bug, never something to book.
    throw new DomainError('UNBALANCED_VOUCHER', `Invoice ${doc.number}: the voucher is off by ${balance} öre; its lines, payments and rounding do not add up.`);
  }
  return { ok: true, rows };
}

/** A document can use a VAT rate or payment the mapping has no row for. */
function documentMappingProblems(doc: InvoiceDocument, mapping: AccountingMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  for (const rateBp of new Set(doc.lines.map((l) => l.vatRateBp))) {
    if (!mapping.vatRates.some((r) => r.rateBp === rateBp)) {
      problems.push({ field: 'vatRates', message: `VAT ${formatVatRate(rateBp)} has no accounts or tax code` });
    }
  }
  return problems;
}
