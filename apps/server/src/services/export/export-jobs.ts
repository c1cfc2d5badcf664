import type { Tx } from '../../db/database';
import { exportEvents, exportJobs } from '../../db/schema';

export type ExportEventOutcome = (typeof exportEvents.$inferInsert)['outcome'];

/** Queued in the transaction that activates the documents: an active document always has its export. */
export async function enqueueExports(tx: Tx, docs: readonly { id: string; number: number }[], now: Date): Promise<void> {
  if (docs.length === 0) return;
  await tx.insert(exportJobs).values(docs.map((doc) => ({ documentId: doc.id, state: 'pending' as const, nextAttemptAt: now, createdAt: now, updatedAt: now })));
  await tx.insert(exportEvents).values(
    docs.map((doc) => ({ documentId: doc.id, at: now, step: 'queued', outcome: 'info' as const, message: 'Queued for export to Agresso; waits to be gathered into a batch.' })),
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
 * Where a stopped job (failed, blocked) goes on from: back to be gathered into a new batch. It never
 * doubles a voucher, because a job whose voucher may already be in Agresso keeps sendStartedAt and
 * its last batch id, and the batch it joins asks Agresso about that batch before sending it again.
 * `by` and the job are kept for the callers' sake: the rule is the same for a person and a save.
 */
export function resumePatch(_job: Pick<JobRow, 'orderNumber' | 'sendStartedAt'>, _by: 'automatic' | 'person', now: Date) {
  return { state: 'pending' as const, batchNo: null, attempts: 0, nextAttemptAt: now, lastErrorCode: null, lastErrorMessage: null, updatedAt: now };
}
