import type { Tx } from '../../db/database';
import { exportEvents, exportJobs } from '../../db/schema';

export type ExportEventOutcome = (typeof exportEvents.$inferInsert)['outcome'];

/**
 * Agresso's batch id for a document: deterministic, so a retry or another server instance asks
 * about the same batch, and prefixed with the installation so it never repeats in Agresso.
 */
export const batchIdFor = (installationId: string, number: number) => `N${installationId}-${number}`;

/** Queued in the transaction that activates the documents: an active document always has its export. */
export async function enqueueExports(tx: Tx, docs: readonly { id: string; number: number }[], installationId: string, now: Date): Promise<void> {
  if (docs.length === 0) return;
  await tx.insert(exportJobs).values(
    docs.map((doc) => ({ documentId: doc.id, state: 'pending' as const, batchId: batchIdFor(installationId, doc.number), nextAttemptAt: now, createdAt: now, updatedAt: now })),
  );
  await tx.insert(exportEvents).values(
    docs.map((doc) => ({
      documentId: doc.id,
      at: now,
      step: 'queued',
      outcome: 'info' as const,
      message: `Queued for export to Agresso as batch ${batchIdFor(installationId, doc.number)}.`,
    })),
  );
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

type JobRow = typeof exportJobs.$inferSelect;

/**
 * Where a stopped job goes on from, without ever sending a batch Agresso may have twice:
 *  - 'automatic' (configuration saved): a job Agresso gave an order number goes back to confirming;
 *    one whose send went unanswered keeps sendStartedAt, so it waits and asks before sending.
 *  - 'person' (retry): the same, except that a job with an order number asks Agresso about its batch
 *    at once. A person retries after fixing or deleting the batch in Agresso, and a batch that is no
 *    longer there is then sent again.
 */
export function resumePatch(job: Pick<JobRow, 'orderNumber' | 'sendStartedAt'>, by: 'automatic' | 'person', now: Date) {
  const base = { attempts: 0, nextAttemptAt: now, lastErrorCode: null, lastErrorMessage: null, updatedAt: now };
  if (job.orderNumber !== null && by === 'automatic') return { ...base, state: 'sent' as const };
  if (job.orderNumber !== null) return { ...base, state: 'pending' as const, sendStartedAt: job.sendStartedAt ?? new Date(0) };
  return { ...base, state: 'pending' as const };
}
