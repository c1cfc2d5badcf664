import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { InvoiceContent } from '@nota/domain';
import type { Queryable } from '../../db/database';
import { exportBatches, exportEvents, exportJobs, invoiceDocuments } from '../../db/schema';
import type { InvoiceCount, InvoiceDetail, InvoiceListQuery, InvoiceSummary } from '@nota/protocol';
import { INVOICE_COUNT_CAP, type InvoiceSort } from '@nota/protocol';
import { HttpError } from '../errors';
import { rows as resultRows } from '../../db/migrate';

/** The customer's name as the invoice shows it (a draft has only the reference), lower-cased for sorting. */
const CUSTOMER_NAME = sql`lower(coalesce(${invoiceDocuments.content} #>> '{customer,name}', ${invoiceDocuments.content} #>> '{customerRef,name}'))`;

type DocumentRow = typeof invoiceDocuments.$inferSelect;
type JobRow = typeof exportJobs.$inferSelect;
type BatchRow = typeof exportBatches.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function batchView(batch: BatchRow) {
  return {
    number: batch.id,
    batchId: batch.batchId,
    state: batch.state,
    vouchers: batch.vouchers,
    orderNumber: batch.orderNumber,
    sendStartedAt: iso(batch.sendStartedAt),
    sentAt: iso(batch.sentAt),
    doneAt: iso(batch.doneAt),
    nextAttemptAt: batch.state === 'done' ? null : batch.nextAttemptAt.toISOString(),
    note: batch.note,
    error: batch.lastErrorCode ? { code: batch.lastErrorCode, message: batch.lastErrorMessage ?? '' } : null,
    createdAt: batch.createdAt.toISOString(),
  };
}

/** An invoice's export as head office reads it: the facts, and the status in words. */
export function exportView(job: JobRow, batch: BatchRow | null) {
  const current = batch && job.batchNo === batch.id && (job.state === 'batched' || job.state === 'sent') ? batch : null;
  const waitsForPerson = job.state === 'failed' || job.state === 'blocked';
  return {
    state: job.state,
    status: exportStatus(job, current),
    batch: current ? batchView(current) : null,
    batchId: job.batchId,
    attempts: job.attempts,
    nextAttemptAt: job.state === 'pending' ? job.nextAttemptAt.toISOString() : current && current.state !== 'done' ? current.nextAttemptAt.toISOString() : null,
    orderNumber: job.orderNumber,
    voucherNo: job.voucherNo,
    apArNo: job.apArNo,
    error: job.lastErrorCode ? { code: job.lastErrorCode, message: job.lastErrorMessage ?? '', permanent: waitsForPerson } : null,
    sentAt: iso(job.sentAt),
    confirmedAt: iso(job.confirmedAt),
    updatedAt: job.updatedAt.toISOString(),
  };
}

const clock = (at: Date) => `${at.toISOString().slice(11, 19)} UTC`;

function exportStatus(job: JobRow, batch: BatchRow | null): string {
  switch (job.state) {
    case 'pending':
      return job.lastErrorMessage
        ? `Retrying by itself: ${job.lastErrorMessage} Next attempt at ${clock(job.nextAttemptAt)}.`
        : 'Waiting to be gathered into a batch for Agresso.';
    case 'batched': {
      const doing = batch?.note ?? (batch?.lastErrorMessage ? `retrying by itself: ${batch.lastErrorMessage} Next attempt at ${clock(batch.nextAttemptAt)}.` : 'being sent to Agresso.');
      return `In batch ${job.batchNo}: ${doing}`;
    }
    case 'sent': {
      const sent = `Sent at ${job.sentAt ? clock(job.sentAt) : '?'} in batch ${job.batchNo}, GL07 order ${job.orderNumber}`;
      return `${sent}; ${batch?.note ?? 'waiting for Agresso to post it.'}`;
    }
    case 'confirmed':
      return `Posted in Agresso as voucher ${job.voucherNo} (GL07 order ${job.orderNumber}).`;
    case 'failed':
      return `Waits for a person: ${job.lastErrorMessage ?? ''}`;
    case 'blocked':
      return `Waits for the settings: ${job.lastErrorMessage ?? ''}`;
  }
}

export function summaryView(row: DocumentRow, job: JobRow | null, batch: BatchRow | null = null): z.infer<typeof InvoiceSummary> {
  // Drafts and active documents both carry the customer as the invoice shows it.
  const content = row.content as InvoiceContent & { customer?: { customerNumber: number; name: string } };
  const customer = content.customer ?? content.customerRef;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    number: row.number,
    customerId: row.customerId,
    customerNumber: customer.customerNumber,
    customerName: customer.name,
    costCentre: row.costCentre,
    invoiceDate: row.invoiceDate,
    dueDate: row.dueDate,
    paymentReference: row.paymentReference,
    totalOre: row.totalOre,
    amountDueOre: row.amountDueOre,
    saleId: row.saleId,
    creditOfId: row.creditOfId,
    problems: (row.problems as { code: string; message: string; field?: string }[] | null) ?? [],
    export: job ? exportView(job, batch) : null,
    createdAt: row.createdAt.toISOString(),
    activatedAt: iso(row.activatedAt),
    transferredAt: iso(row.transferredAt),
  };
}

/**
 * What each sort orders by: an expression an index of migration 0009 is built on, with the creation
 * time and id after it, so ties go newest first and every row has one place (which keyset paging needs).
 * A draft has no number or dates yet: it sorts as 0 or '' there.
 */
const SORT_KEYS: Record<InvoiceSort, { key: SQL; cast: SQL }> = {
  created: { key: sql`${invoiceDocuments.createdAt}`, cast: sql`timestamptz` },
  number: { key: sql`coalesce(${invoiceDocuments.number}, 0)`, cast: sql`integer` },
  invoiceDate: { key: sql`coalesce(${invoiceDocuments.invoiceDate}, '')`, cast: sql`text` },
  dueDate: { key: sql`coalesce(${invoiceDocuments.dueDate}, '')`, cast: sql`text` },
  total: { key: sql`${invoiceDocuments.totalOre}`, cast: sql`bigint` },
  customer: { key: CUSTOMER_NAME, cast: sql`text` },
  costCentre: { key: sql`${invoiceDocuments.costCentre}`, cast: sql`text` },
  status: { key: sql`${invoiceDocuments.status}`, cast: sql`text` },
};

/** The cursor of the row after which the next page starts: its sort value, creation time and id. */
type Cursor = [InvoiceSort, 'asc' | 'desc', string | number, string, string];
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(text: string, sort: InvoiceSort, dir: 'asc' | 'desc'): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const c = parsed as Cursor | null;
  const valid =
    Array.isArray(c) && c.length === 5 && c[0] === sort && c[1] === dir && (typeof c[2] === 'string' || typeof c[2] === 'number') &&
    typeof c[3] === 'string' && !Number.isNaN(new Date(c[3]).getTime()) && typeof c[4] === 'string' && UUID.test(c[4]);
  if (!valid) throw new HttpError(400, 'INVALID_CURSOR', 'This page cursor was not given out for this sort order; start again from the first page.', 'querystring.before');
  return c;
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Local midnight starting a calendar day in Sweden (and Norway: the same offsets). */
const dayStarts = (day: string) => sql`(${day}::date at time zone 'Europe/Stockholm')`;

/**
 * One page in the sort asked for (newest first by default), after an opaque cursor of its last row;
 * `scope` limits it to those cost centres.
 */
export async function listInvoices(db: Queryable, query: z.infer<typeof InvoiceListQuery>, scope: string[] | null = null) {
  const sort = query.sort ?? 'created';
  const dir = query.dir ?? 'desc';
  const { key, cast } = SORT_KEYS[sort];
  const filter: SQL[] = [];
  if (scope) filter.push(inArray(invoiceDocuments.costCentre, scope));
  if (query.status) filter.push(eq(invoiceDocuments.status, query.status));
  if (query.exportState) filter.push(eq(exportJobs.state, query.exportState));
  if (query.customerId) filter.push(eq(invoiceDocuments.customerId, query.customerId));
  if (query.costCentre) filter.push(eq(invoiceDocuments.costCentre, query.costCentre));
  // The invoice date; a draft has none yet, and the day it was made (in Swedish and Norwegian time,
  // which are the same) stands in for it. Written so the indexes on both can answer it.
  if (query.from || query.to) {
    const dated: SQL[] = [];
    const made: SQL[] = [];
    if (query.from) {
      dated.push(sql`coalesce(${invoiceDocuments.invoiceDate}, '') >= ${query.from}`);
      made.push(sql`${invoiceDocuments.createdAt} >= ${dayStarts(query.from)}`);
    }
    if (query.to) {
      dated.push(sql`coalesce(${invoiceDocuments.invoiceDate}, '') <= ${query.to}`);
      made.push(sql`${invoiceDocuments.createdAt} < ${dayStarts(query.to)} + interval '1 day'`);
      // Implied, and said for the planner: a document is dated the day it is activated, never before
      // the day it was made, so nothing dated up to `to` was made after it. The newest-first list then
      // starts at that day instead of walking every newer document.
      filter.push(sql`${invoiceDocuments.createdAt} < ${dayStarts(query.to)} + interval '1 day'`);
    }
    filter.push(sql`((${and(...dated)}) or (${invoiceDocuments.invoiceDate} is null and ${and(...made)}))`);
  }
  if (query.before) {
    const [, , value, at, id] = decodeCursor(query.before, sort, dir);
    const after = dir === 'desc' ? sql`<` : sql`>`;
    filter.push(sql`(${key}, ${invoiceDocuments.createdAt}, ${invoiceDocuments.id}) ${after} (${value}::${cast}, ${at}::timestamptz, ${id}::uuid)`);
  }
  const order = dir === 'desc' ? desc : asc;
  const rows = await db
    .select({ doc: invoiceDocuments, job: exportJobs, batch: exportBatches, sortValue: key.mapWith(String) })
    .from(invoiceDocuments)
    .leftJoin(exportJobs, eq(exportJobs.documentId, invoiceDocuments.id))
    .leftJoin(exportBatches, eq(exportBatches.id, exportJobs.batchNo))
    .where(filter.length ? and(...filter) : undefined)
    .orderBy(order(key), order(invoiceDocuments.createdAt), order(invoiceDocuments.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const lastValue = (r: NonNullable<typeof last>) => (sort === 'created' ? r.doc.createdAt.toISOString() : r.sortValue);
  return {
    invoices: page.map((r) => summaryView(r.doc, r.job, r.batch)),
    next: rows.length > query.limit && last ? encodeCursor([sort, dir, lastValue(last), last.doc.createdAt.toISOString(), last.doc.id]) : null,
  };
}

export async function invoiceDetail(db: Queryable, id: string): Promise<z.infer<typeof InvoiceDetail> | null> {
  const [row] = await db
    .select({ doc: invoiceDocuments, job: exportJobs, batch: exportBatches })
    .from(invoiceDocuments)
    .leftJoin(exportJobs, eq(exportJobs.documentId, invoiceDocuments.id))
    .leftJoin(exportBatches, eq(exportBatches.id, exportJobs.batchNo))
    .where(eq(invoiceDocuments.id, id));
  if (!row) return null;
  const events = await db.select().from(exportEvents).where(eq(exportEvents.documentId, id)).orderBy(asc(exportEvents.id));
  const creditOfId = row.doc.creditOfId;
  const related = await db
    .select({ id: invoiceDocuments.id, number: invoiceDocuments.number, creditOfId: invoiceDocuments.creditOfId })
    .from(invoiceDocuments)
    .where(creditOfId ? or(eq(invoiceDocuments.creditOfId, id), eq(invoiceDocuments.id, creditOfId)) : eq(invoiceDocuments.creditOfId, id));
  const ref = (r: (typeof related)[number] | undefined) => (r ? { id: r.id, number: r.number } : null);
  return {
    ...summaryView(row.doc, row.job, row.batch),
    creditOf: ref(related.find((r) => r.id === creditOfId)),
    creditedBy: ref(related.find((r) => r.creditOfId === id)),
    content: row.doc.content as Record<string, unknown>,
    events: events.map((e) => ({ at: e.at.toISOString(), step: e.step, outcome: e.outcome, message: e.message, orderNumber: e.orderNumber })),
  };
}

/**
 * Each status and export state counted from its index, up to INVOICE_COUNT_CAP and no further (one
 * statement): the export queue polls this, and a million transferred invoices are not worth recounting.
 */
export async function countInvoices(db: Queryable): Promise<z.infer<typeof InvoiceCount>> {
  const upTo = INVOICE_COUNT_CAP + 1;
  const result = await db.execute(sql`
    select 'document' as kind, s as key, (select count(*) from (select 1 from ${invoiceDocuments} where ${invoiceDocuments.status} = s limit ${upTo}) x)::int as n
      from unnest(array['draft', 'active', 'transferred']) s
    union all
    select 'export', s, (select count(*) from (select 1 from ${exportJobs} where ${exportJobs.state} = s limit ${upTo}) x)::int
      from unnest(array['pending', 'batched', 'sent', 'confirmed', 'failed', 'blocked']) s`);
  const counted = resultRows<{ kind: 'document' | 'export'; key: string; n: number }>(result);
  const documents: Record<string, number> = {};
  const exports: Record<string, number> = {};
  const over: string[] = [];
  for (const c of counted) {
    (c.kind === 'document' ? documents : exports)[c.key] = Math.min(c.n, INVOICE_COUNT_CAP);
    if (c.n > INVOICE_COUNT_CAP) over.push(c.key);
  }
  return { documents, exports, over } as z.infer<typeof InvoiceCount>;
}
