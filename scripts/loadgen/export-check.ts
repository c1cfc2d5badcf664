import { defaultReferenceDir, loadGl07Schema } from '@nota/agresso';
import type { AdminClient } from './admin-client';

interface InvoiceRow {
  number: number | null;
  saleId: string | null;
  status: string;
  problems: { code: string; message: string }[];
  export: { state: string; batchId: string; error: { code: string; message: string } | null } | null;
}

interface AcceptedImport {
  processId: string;
  document: string;
  vouchers: { batchId: string; status: string }[];
}

export interface ExportCheck {
  invoiceSales: number;
  /** Documents at head office for those sales. */
  documents: number;
  confirmed: number;
  /** Waiting for a person: failed, blocked, or drafts with their reasons. */
  stopped: { number: number | null; state: string; reason: string }[];
  /** Posted vouchers in Agresso for these documents. */
  vouchersPosted: number;
  duplicates: number;
  missing: number;
  /** Every accepted GL07 document of these batches checked again against Unit4's XSD (null: schema not beside the repo). */
  schemaValid: boolean | null;
  /** Every invoice sale is in Agresso exactly once. */
  exactlyOnce: boolean;
  /** From the end of the pushes until the last document settled. */
  settledAfterS: number;
  invoicesPerSecond: number;
}

/**
 * Waits until every invoice sale of the run has a settled document (confirmed, or stopped with a
 * reason) and then proves what Agresso received: each document's batch posted exactly once.
 */
export async function checkExport(
  admin: AdminClient,
  simulatorOrigin: string,
  invoiceSaleIds: ReadonlySet<string>,
  options: { since: Date; timeoutMs: number },
): Promise<ExportCheck> {
  const started = performance.now();
  const deadline = started + options.timeoutMs;
  let mine: InvoiceRow[] = [];
  for (;;) {
    try {
      mine = (await allInvoices(admin, options.since)).filter((i) => i.saleId !== null && invoiceSaleIds.has(i.saleId));
    } catch (error) {
      // The server may be restarting (a fault test kills it); keep asking until the deadline.
      if (performance.now() > deadline) throw error;
    }
    const settled = mine.length === invoiceSaleIds.size && mine.every(isSettled);
    if (settled || performance.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const settledAfterS = (performance.now() - started) / 1000;

  const response = await fetch(`${simulatorOrigin}/simulator/accepted`);
  if (!response.ok) throw new Error(`the simulator answered ${response.status} for /simulator/accepted`);
  const { imports } = (await response.json()) as { imports: AcceptedImport[] };
  const batches = new Set(mine.flatMap((i) => (i.export ? [i.export.batchId] : [])));
  const posted = new Map<string, number>();
  const documents = new Set<string>();
  for (const imp of imports) {
    for (const v of imp.vouchers) {
      if (!batches.has(v.batchId)) continue;
      documents.add(imp.document);
      if (v.status === 'posted') posted.set(v.batchId, (posted.get(v.batchId) ?? 0) + 1);
    }
  }
  const counts = [...batches].map((b) => posted.get(b) ?? 0);
  const confirmed = mine.filter((i) => i.export?.state === 'confirmed').length;
  const schemaValid = validateAll(documents);
  const missing = counts.filter((n) => n === 0).length + (invoiceSaleIds.size - mine.length);
  const duplicates = counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  return {
    invoiceSales: invoiceSaleIds.size,
    documents: mine.length,
    confirmed,
    stopped: mine
      .filter((i) => !(i.export?.state === 'confirmed'))
      .slice(0, 10)
      .map((i) => ({ number: i.number, state: i.export?.state ?? i.status, reason: i.export?.error?.message ?? i.problems.map((p) => p.message).join(' ') })),
    vouchersPosted: counts.reduce((a, b) => a + b, 0),
    duplicates,
    missing,
    schemaValid,
    exactlyOnce: missing === 0 && duplicates === 0 && mine.length === invoiceSaleIds.size && schemaValid !== false,
    settledAfterS: Math.round(settledAfterS * 100) / 100,
    invoicesPerSecond: Math.round((confirmed / Math.max(settledAfterS, 0.001)) * 10) / 10,
  };
}

const isSettled = (i: InvoiceRow) =>
  (i.status === 'draft' && i.problems.length > 0) || (i.export !== null && ['confirmed', 'failed', 'blocked'].includes(i.export.state));

async function allInvoices(admin: AdminClient, since: Date): Promise<InvoiceRow[]> {
  const rows: InvoiceRow[] = [];
  let before: string | null = null;
  do {
    const query: string = `/api/invoices?limit=1000&from=${since.toISOString().slice(0, 10)}${before ? `&before=${encodeURIComponent(before)}` : ''}`;
    const page: { invoices: InvoiceRow[]; next: string | null } = await admin.request('GET', query);
    rows.push(...page.invoices);
    before = page.next;
  } while (before);
  return rows;
}

function validateAll(documents: ReadonlySet<string>): boolean | null {
  const dir = defaultReferenceDir();
  if (!dir) return null;
  const schema = loadGl07Schema(dir);
  try {
    return [...documents].every((xml) => schema.validate(xml).length === 0);
  } finally {
    schema.dispose();
  }
}
