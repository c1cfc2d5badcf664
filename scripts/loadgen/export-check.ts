import { defaultReferenceDir, loadGl07Schema } from '@nota/agresso';
import type { InvoiceSummary } from '@nota/protocol';
import type { AdminClient } from './admin-client';

type InvoiceRow = InvoiceSummary;

interface AcceptedImport {
  processId: string;
  document: string;
  vouchers: { batchId: string; invoiceNo: string | null; status: string }[];
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
  /** Invoices whose state in Nota is not what the simulator says (confirmed but not posted, or posted but not confirmed). */
  statusMismatches: { number: number | null; nota: string; agresso: string }[];
  /** The check stopped waiting before every invoice sale was confirmed posted. */
  gaveUp: boolean;
  /** The run made no invoice sale: nothing was checked, and nothing is claimed. */
  nothingToCheck: boolean;
  /** Every invoice sale is posted in Agresso exactly once and Nota shows it confirmed: nothing less (and never of none). */
  exactlyOnce: boolean;
  /** The verdict in one sentence. */
  verdict: string;
  /** From the end of the pushes until the last document settled. */
  settledAfterS: number;
  invoicesPerSecond: number;
}

/**
 * Waits until every invoice sale of the run has a settled document (confirmed, or stopped with a
 * reason for a person) and then proves what Agresso received: each invoice posted exactly once, and
 * Nota's status equal to Agresso's. A check that gave up waiting says so and is not exactly once.
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
  // This installation's batches (N<installation>-B<n>): the simulator may keep other runs' imports.
  const prefixes = new Set(mine.flatMap((i) => (i.export?.batchId ? [i.export.batchId.replace(/B\d+$/, '')] : [])));
  const numbers = new Set(mine.flatMap((i) => (i.number === null ? [] : [String(i.number)])));
  const posted = new Map<string, number>();
  const documents = new Set<string>();
  for (const imp of imports) {
    for (const v of imp.vouchers) {
      if (!v.invoiceNo || !numbers.has(v.invoiceNo) || ![...prefixes].some((p) => v.batchId.startsWith(p))) continue;
      documents.add(imp.document);
      if (v.status === 'posted') posted.set(v.invoiceNo, (posted.get(v.invoiceNo) ?? 0) + 1);
    }
  }
  const counts = mine.map((i) => posted.get(String(i.number)) ?? 0);
  const confirmed = mine.filter((i) => i.export?.state === 'confirmed').length;
  const statusMismatches = mine
    .filter((i) => (i.export?.state === 'confirmed') !== (posted.get(String(i.number)) ?? 0) > 0)
    .map((i) => ({ number: i.number, nota: i.export?.state ?? i.status, agresso: (posted.get(String(i.number)) ?? 0) > 0 ? 'posted' : 'not posted' }));
  const schemaValid = validateAll(documents);
  const missing = counts.filter((n) => n === 0).length + (invoiceSaleIds.size - mine.length);
  const duplicates = counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  const gaveUp = !(mine.length === invoiceSaleIds.size && mine.every(isSettled));
  const nothingToCheck = invoiceSaleIds.size === 0;
  const exactlyOnce =
    !nothingToCheck && !gaveUp && missing === 0 && duplicates === 0 && confirmed === invoiceSaleIds.size && statusMismatches.length === 0 && schemaValid !== false;
  const verdict = nothingToCheck
    ? 'The run made no invoice sale: there was nothing to check in Agresso, so nothing is proved about the export.'
    : exactlyOnce
    ? `Every one of the ${invoiceSaleIds.size} invoice sales is posted in Agresso exactly once and confirmed in Nota.`
    : [
        gaveUp ? `Gave up after ${Math.round(settledAfterS)} s with ${confirmed} of ${invoiceSaleIds.size} invoice sales confirmed.` : '',
        missing > 0 ? `${missing} not posted in Agresso.` : '',
        duplicates > 0 ? `${duplicates} posted more than once.` : '',
        confirmed < invoiceSaleIds.size ? `${invoiceSaleIds.size - confirmed} not confirmed in Nota.` : '',
        statusMismatches.length > 0 ? `${statusMismatches.length} whose status in Nota differs from Agresso's.` : '',
        schemaValid === false ? 'A GL07 document does not validate against the XSD.' : '',
      ]
        .filter(Boolean)
        .join(' ');
  return {
    invoiceSales: invoiceSaleIds.size,
    documents: mine.length,
    confirmed,
    stopped: mine
      .filter((i) => !(i.export?.state === 'confirmed'))
      .slice(0, 10)
      .map((i) => ({ number: i.number, state: i.export?.state ?? i.status, reason: i.export?.status ?? i.problems.map((p) => p.message).join(' ') })),
    vouchersPosted: counts.reduce((a, b) => a + b, 0),
    duplicates,
    missing,
    schemaValid,
    statusMismatches: statusMismatches.slice(0, 10),
    gaveUp,
    nothingToCheck,
    exactlyOnce,
    verdict,
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
    const page: { invoices: InvoiceRow[]; next: string | null } = await admin.invoices.list({
      query: { limit: 1000, from: since.toISOString().slice(0, 10), ...(before ? { before } : {}) },
    });
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
