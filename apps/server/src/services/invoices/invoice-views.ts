import { and, asc, count, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { InvoiceContent } from '@nota/domain';
import type { Queryable } from '../../db/database';
import { exportBatches, exportEvents, exportJobs, invoiceDocuments } from '../../db/schema';
import type { InvoiceCount, InvoiceDetail, InvoiceListQuery, InvoiceSummary } from '@nota/protocol';

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

/** Newest first, paged by an opaque cursor of (created_at, id); `scope` limits it to those cost centres. */
export async function listInvoices(db: Queryable, query: z.infer<typeof InvoiceListQuery>, scope: string[] | null = null) {
  const filter: SQL[] = [];
  if (scope) filter.push(inArray(invoiceDocuments.costCentre, scope));
  if (query.status) filter.push(eq(invoiceDocuments.status, query.status));
  if (query.exportState) filter.push(eq(exportJobs.state, query.exportState));
  if (query.customerId) filter.push(eq(invoiceDocuments.customerId, query.customerId));
  // The invoice date; a draft has none yet, and the day it was made (in Swedish and Norwegian time,
  // which are the same) stands in for it.
  const day = sql<string>`coalesce(${invoiceDocuments.invoiceDate}, to_char(${invoiceDocuments.createdAt} at time zone 'Europe/Stockholm', 'YYYY-MM-DD'))`;
  if (query.from) filter.push(gte(day, query.from));
  if (query.to) filter.push(lte(day, query.to));
  if (query.before) {
    const [at, id] = query.before.split('|');
    const when = new Date(at ?? '');
    if (id && !Number.isNaN(when.getTime())) {
      filter.push(or(lt(invoiceDocuments.createdAt, when), and(eq(invoiceDocuments.createdAt, when), lt(invoiceDocuments.id, id)))!);
    }
  }
  const rows = await db
    .select({ doc: invoiceDocuments, job: exportJobs, batch: exportBatches })
    .from(invoiceDocuments)
    .leftJoin(exportJobs, eq(exportJobs.documentId, invoiceDocuments.id))
    .leftJoin(exportBatches, eq(exportBatches.id, exportJobs.batchNo))
    .where(filter.length ? and(...filter) : undefined)
    .orderBy(desc(invoiceDocuments.createdAt), desc(invoiceDocuments.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    invoices: page.map((r) => summaryView(r.doc, r.job, r.batch)),
    next: rows.length > query.limit && last ? `${last.doc.createdAt.toISOString()}|${last.doc.id}` : null,
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

export async function countInvoices(db: Queryable): Promise<z.infer<typeof InvoiceCount>> {
  const docs = await db.select({ status: invoiceDocuments.status, n: count() }).from(invoiceDocuments).groupBy(invoiceDocuments.status);
  const jobs = await db.select({ state: exportJobs.state, n: count() }).from(exportJobs).groupBy(exportJobs.state);
  const documents = { draft: 0, active: 0, transferred: 0 };
  for (const d of docs) documents[d.status] = d.n;
  const exports = { pending: 0, batched: 0, sent: 0, confirmed: 0, failed: 0, blocked: 0 };
  for (const j of jobs) exports[j.state] = j.n;
  return { documents, exports };
}
