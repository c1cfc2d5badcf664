import type { Tx } from '../../db/database';
import { exportEvents, exportJobs } from '../../db/schema';

export type ExportState = (typeof exportJobs.$inferSelect)['state'];
export type ExportEventOutcome = (typeof exportEvents.$inferInsert)['outcome'];

/**
 * Agresso's batch id for a document: deterministic, so a retry or another server instance asks
 * about the same batch, and prefixed with the installation so it never repeats in Agresso.
 */
export const batchIdFor = (installationId: string, number: number) => `N${installationId}-${number}`;

/** Queued in the transaction that activates the document: an active document always has its export. */
export async function enqueueExport(tx: Tx, doc: { id: string; number: number }, installationId: string, now: Date): Promise<void> {
  await tx.insert(exportJobs).values({
    documentId: doc.id,
    state: 'pending',
    batchId: batchIdFor(installationId, doc.number),
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
  });
  await logExportEvent(tx, doc.id, now, 'queued', 'info', `Queued for export to Agresso as batch ${batchIdFor(installationId, doc.number)}.`);
}

export async function logExportEvent(
  tx: Tx,
  documentId: string,
  at: Date,
  step: string,
  outcome: ExportEventOutcome,
  message: string,
  orderNumber: number | null = null,
): Promise<void> {
  await tx.insert(exportEvents).values({ documentId, at, step, outcome, message, orderNumber });
}
