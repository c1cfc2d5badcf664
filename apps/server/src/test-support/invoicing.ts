import { randomUUID } from 'node:crypto';
import { TEST_MAPPING, TEST_SELLER, testSale } from '@nota/domain/test-fixtures';
import type { Customer, PushResponse, Sale } from '@nota/protocol';
import { completed, created, customer } from './fixtures';
import { expectJson, leaseBlock, push, type TestApp } from './test-app';

export interface InvoiceSummaryJson {
  id: string;
  kind: 'invoice' | 'credit';
  status: 'draft' | 'active' | 'transferred';
  number: number | null;
  saleId: string | null;
  customerId: string;
  amountDueOre: number;
  problems: { code: string; message: string }[];
  export: {
    state: string;
    status: string;
    batchId: string | null;
    batch: { number: number; batchId: string; state: string; note: string | null } | null;
    orderNumber: number | null;
    voucherNo: string | null;
    error: { code: string; message: string; permanent: boolean } | null;
  } | null;
}

export const configureSeller = async (t: TestApp, seller = TEST_SELLER) =>
  expectJson(await t.app.inject({ method: 'PUT', url: '/api/invoicing/seller', headers: t.adminHeaders, payload: seller }), 200);

export const configureMapping = async (t: TestApp, mapping = TEST_MAPPING) =>
  expectJson<{ problems: unknown[] }>(await t.app.inject({ method: 'PUT', url: '/api/accounting/mapping', headers: t.adminHeaders, payload: mapping }), 200);

export async function configureAgresso(t: TestApp, connection: { baseUrl: string; username: string; client: string; password: string; timeoutMs?: number; confirmationTemplateId: number }) {
  return expectJson(
    await t.app.inject({ method: 'PUT', url: '/api/agresso/connection', headers: t.adminHeaders, payload: { timeoutMs: 2_000, ...connection } }),
    200,
  );
}

/**
 * A realistic invoice sale as a register sends it: three VAT rates and a discount, priced by the
 * domain's cart rules (the domain fixture), charged to `to`.
 */
export function invoiceSale(receiptNumber: number, to: Customer, options: { split?: boolean; completedAt?: string } = {}): Sale {
  const base = testSale({ id: randomUUID(), customer: { ...to, country: to.billingCountry, paymentTermsDays: null }, ...options });
  const totalDueOre = base.payments.reduce((s, p) => s + p.amountOre, 0);
  return {
    ...base,
    receiptNumber,
    registerId: 'local-register',
    userId: 'u-anna',
    totalDueOre,
    changeOre: 0,
    lines: base.lines.map((l) => ({ ...l })),
    payments: base.payments.map((p) => ({ method: p.method, amountOre: p.amountOre, tenderedOre: p.method === 'cash' ? p.amountOre : null, changeOre: 0 })),
    vatSummary: summarize(base.lines),
    invoice: { ...base.invoice!, deliveryNoteNumber: receiptNumber },
    training: false,
    returnOf: null,
    signature: null,
  };
}

function summarize(lines: readonly { vatRateBp: number; grossOre: number; netOre: number; vatOre: number }[]) {
  const rates = [...new Set(lines.map((l) => l.vatRateBp))].sort((a, b) => b - a);
  return rates.map((rateBp) => {
    const of = lines.filter((l) => l.vatRateBp === rateBp);
    const sum = (pick: (l: (typeof of)[number]) => number) => of.reduce((s, l) => s + pick(l), 0);
    return { rateBp, grossOre: sum((l) => l.grossOre), netOre: sum((l) => l.netOre), vatOre: sum((l) => l.vatOre) };
  });
}

/** A register creates `customers` and charges `perCustomer` invoice sales to each; answers the sales. */
export async function pushInvoiceSales(
  t: TestApp,
  token: string,
  options: { customers?: Customer[]; count: number; firstReceipt: number; overrides?: Partial<Customer> },
): Promise<{ customers: Customer[]; sales: Sale[] }> {
  let customers = options.customers;
  const events = [];
  if (!customers) {
    const block = await leaseBlock(t, token, 10);
    customers = [customer(block.firstNumber, options.overrides)];
    events.push(...customers.map(created));
  }
  const sales = Array.from({ length: options.count }, (_, i) => invoiceSale(options.firstReceipt + i, customers![i % customers!.length]!));
  events.push(...sales.map(completed));
  const res = expectJson<PushResponse>(await push(t, token, events), 200);
  const refused = res.results.filter((r) => r.status === 'rejected');
  if (refused.length > 0) throw new Error(`push refused: ${JSON.stringify(refused)}`);
  return { customers, sales };
}

export async function listInvoices(t: TestApp, query = ''): Promise<InvoiceSummaryJson[]> {
  const res = await t.app.inject({ method: 'GET', url: `/api/invoices?limit=1000${query}`, headers: t.adminHeaders });
  return expectJson<{ invoices: InvoiceSummaryJson[] }>(res, 200).invoices;
}
