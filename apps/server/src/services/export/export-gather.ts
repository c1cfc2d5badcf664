import { and, asc, eq, inArray, isNotNull, lte, not, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database';
import { exportBatches, exportEvents, exportJobs, invoiceDocuments } from '../../db/schema';
import { readConfig } from '../config/server-config';
import { customerReady } from './customer-stage';
import { lastBatchDone, queueEnd } from './order-queue';
import type { ExportTimings } from './export-timings';

/** Agresso's batch id for batch N: deterministic, and prefixed with the installation so it never repeats in Agresso. */
export const batchIdFor = (installationId: string, batchNo: number) => `N${installationId}-B${batchNo}`;

// A credit invoice references its original in Agresso, so it waits until the original is there.
const creditReady = sql`not exists (
  select 1 from invoice_documents d join export_jobs o on o.document_id = d.credit_of_id
  where d.id = ${exportJobs.documentId} and o.state <> 'confirmed')`;

/**
 * More invoices are on their way to a batch: pushed drafts wait to be activated (during a burst the
 * activation can fall behind the pushes for longer than batchWaitMs, and a smaller batch sent then
 * is an order too many), or due invoices wait for their customers in Agresso (being looked up or
 * created). One whose customer is in a passing fault's backoff holds nobody back: the others would
 * wait out its backoff. A draft that waits for a person has no activation due and holds nobody back.
 */
async function moreOnTheirWay(tx: Tx, now: Date): Promise<boolean> {
  const [draft] = await tx
    .select({ id: invoiceDocuments.id })
    .from(invoiceDocuments)
    .where(and(eq(invoiceDocuments.status, 'draft'), isNotNull(invoiceDocuments.activationDueAt)))
    .limit(1);
  if (draft) return true;
  const [one] = await tx
    .select({ id: exportJobs.documentId })
    .from(exportJobs)
    .where(and(eq(exportJobs.state, 'pending'), lte(exportJobs.nextAttemptAt, now), not(customerReady)))
    .limit(1);
  return one !== undefined;
}

/**
 * Gathers pending invoices whose customers Agresso has (the customer stage sees to them) into a new
 * batch: as many as batchSize, or fewer once the oldest has waited batchWaitMs and Agresso's process
 * server is about to run out of our orders (a smaller batch sent earlier would only queue behind them,
 * while it can still fill) and, for at most customerHoldMs, no invoice arrived in the last batchWaitMs
 * and none waits for its customer. So a burst goes out in full GL07 orders and a lone sale still leaves within
 * seconds. SKIP LOCKED lets several workers and instances gather at once without sharing an invoice.
 * Answers the new batch's number, or null when nothing is ready to go.
 */
export async function gatherBatch(
  db: Database,
  now: Date,
  limits: Pick<ExportTimings, 'batchSize' | 'batchWaitMs'> & Partial<Pick<ExportTimings, 'gl07StartMs' | 'gl07PerVoucherMs' | 'customerHoldMs'>>,
): Promise<number | null> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: exportJobs.documentId, due: exportJobs.nextAttemptAt })
      .from(exportJobs)
      .where(and(eq(exportJobs.state, 'pending'), lte(exportJobs.nextAttemptAt, now), creditReady, customerReady))
      .orderBy(asc(exportJobs.nextAttemptAt))
      .limit(limits.batchSize)
      .for('update', { skipLocked: true });
    if (due.length === 0) return null;
    if (due.length < limits.batchSize) {
      const oldestWaited = now.getTime() - due[0]!.due.getTime();
      if (oldestWaited < limits.batchWaitMs) return null;
      const { gl07StartMs, gl07PerVoucherMs, customerHoldMs } = limits;
      if (gl07StartMs !== undefined && (await queueEnd(tx, now, { gl07StartMs, gl07PerVoucherMs: gl07PerVoucherMs ?? 0 })) - now.getTime() > gl07StartMs) return null;
      // More is on its way (invoices still arriving or being activated, or waiting for their customers): it waits to fill, a while.
      // The while counts from when the batch could have left: its oldest invoice's arrival, or our last
      // order's end if later. In a long burst the process server, not the batch, keeps invoices waiting
      // for minutes; counted from their arrival alone, the hold ran out mid-burst and every gap between
      // orders let a smaller batch go.
      const lastDone = customerHoldMs === undefined ? null : await lastBatchDone(tx);
      const heldFor = now.getTime() - Math.max(due[0]!.due.getTime(), lastDone?.getTime() ?? 0);
      if (customerHoldMs !== undefined && heldFor < customerHoldMs) {
        if (now.getTime() - due.at(-1)!.due.getTime() < limits.batchWaitMs) return null;
        if (await moreOnTheirWay(tx, now)) return null;
      }
    }

    const installation = await readConfig(tx, 'installation');
    if (!installation) throw new Error('installation id missing: seed did not run');
    const result = (await tx.execute(sql`select nextval(pg_get_serial_sequence('export_batches', 'id'))::integer as id`)) as unknown as { rows: { id: number }[] };
    const next = result.rows[0];
    const batchNo = Number(next!.id);
    const batchId = batchIdFor(installation.id, batchNo);
    await tx.insert(exportBatches).values({ id: batchNo, batchId, state: 'preparing', vouchers: due.length, nextAttemptAt: now, createdAt: now, updatedAt: now });
    const ids = due.map((d) => d.id);
    await tx.update(exportJobs).set({ state: 'batched', batchNo, updatedAt: now }).where(inArray(exportJobs.documentId, ids));
    await tx.insert(exportEvents).values(
      ids.map((documentId) => ({ documentId, at: now, step: 'batch', outcome: 'info' as const, message: `In batch ${batchNo} (${batchId}) with ${due.length} voucher${due.length === 1 ? '' : 's'}.` })),
    );
    return batchNo;
  });
}
