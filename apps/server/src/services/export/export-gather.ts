import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { exportBatches, exportEvents, exportJobs } from '../../db/schema';
import { readConfig } from '../config/server-config';

/** Agresso's batch id for batch N: deterministic, and prefixed with the installation so it never repeats in Agresso. */
export const batchIdFor = (installationId: string, batchNo: number) => `N${installationId}-B${batchNo}`;

// A credit invoice references its original in Agresso, so it waits until the original is there.
const creditReady = sql`not exists (
  select 1 from invoice_documents d join export_jobs o on o.document_id = d.credit_of_id
  where d.id = ${exportJobs.documentId} and o.state <> 'confirmed')`;

/**
 * Gathers pending invoices into a new batch: as many as batchSize, or fewer once the oldest has
 * waited batchWaitMs, so a burst goes out in few GL07 orders and a lone sale still leaves within
 * seconds. SKIP LOCKED lets several workers and instances gather at once without sharing an invoice.
 * Answers the new batch's number, or null when nothing is ready to go.
 */
export async function gatherBatch(db: Database, now: Date, limits: { batchSize: number; batchWaitMs: number }): Promise<number | null> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: exportJobs.documentId, due: exportJobs.nextAttemptAt })
      .from(exportJobs)
      .where(and(eq(exportJobs.state, 'pending'), lte(exportJobs.nextAttemptAt, now), creditReady))
      .orderBy(asc(exportJobs.nextAttemptAt))
      .limit(limits.batchSize)
      .for('update', { skipLocked: true });
    if (due.length === 0) return null;
    if (due.length < limits.batchSize && now.getTime() - due[0]!.due.getTime() < limits.batchWaitMs) return null;

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
