import { backoffDelay } from '@nota/domain';
import { AgressoError, classifyVoucherError } from '@nota/agresso';
import { batchJobs, confirmedOutcome, finish, leave, writeBatch, type BatchRow, type JobOutcome, type StepContext } from './batch-step';
import { batchRows, clock, later, orderNumbers, type AgressoRow } from './batch-rows';
import type { AgressoLink } from './export-setup';

/**
 * Asks the confirmation template about a sent batch and settles each invoice by its own voucher:
 * posted → confirmed (and the document transferred); in batch input with a reason a person must fix
 * → failed with that reason; with a passing reason → gathered again into a later batch. The others
 * of the batch never wait for a bad one. A query that fails changes no invoice: it is asked again.
 */
export async function confirmBatch(ctx: StepContext, batch: BatchRow, link: AgressoLink, now: Date): Promise<void> {
  let rows: AgressoRow[];
  try {
    rows = await batchRows(link, batch.batchId);
  } catch (error) {
    if (!(error instanceof AgressoError)) throw error;
    const attempts = batch.attempts + 1;
    const next = later(now, backoffDelay(attempts, { baseMs: ctx.timings.retryBaseMs, maxMs: ctx.timings.retryMaxMs }));
    // Only the batch notes it: the invoices stay sent, as they are.
    await writeBatch(ctx, batch, {
      attempts,
      nextAttemptAt: next,
      lastErrorCode: error.verdict.code,
      lastErrorMessage: error.verdict.reason,
      note: `Asking Agresso whether the vouchers were posted failed (${error.verdict.reason}); asking again at ${clock(next)}.`,
    });
    return;
  }
  if (rows.length === 0) {
    const waited = now.getTime() - (batch.sentAt ?? now).getTime();
    if (waited > ctx.timings.confirmTimeoutMs) {
      const jobs = await batchJobs(ctx.db, batch.id, 'sent');
      const message =
        `Agresso accepted GL07 order ${batch.orderNumber} but has not run it after ${Math.round(waited / 60_000)} min: batch ${batch.batchId} is neither posted nor in batch input. ` +
        'Check the server process queue in Agresso, then press Retry (Agresso is asked again before anything is sent).';
      return finish(ctx, batch, now, [leave(jobs.map((j) => j.documentId), 'failed', 'GL07_NOT_RUN', message, 'confirm')]);
    }
    await writeBatch(ctx, batch, {
      attempts: 0,
      nextAttemptAt: later(now, ctx.timings.confirmPollMs),
      lastErrorCode: null,
      lastErrorMessage: null,
      note: `GL07 order ${batch.orderNumber} is queued in Agresso; asking again at ${clock(later(now, ctx.timings.confirmPollMs))}.`,
    });
    return;
  }

  const jobs = await batchJobs(ctx.db, batch.id, 'sent');
  const orders = orderNumbers(rows);
  const byInvoice = new Map<string, AgressoRow[]>();
  for (const row of rows) byInvoice.set(row.ext_inv_ref ?? '', [...(byInvoice.get(row.ext_inv_ref ?? '') ?? []), row]);
  const outcomes: JobOutcome[] = [];
  const posted: JobOutcome[] = [];
  for (const job of jobs) {
    const mine = byInvoice.get(String(job.number)) ?? [];
    const ok = mine.find((r) => r.status === 'P');
    if (ok) {
      posted.push(confirmedOutcome(job.documentId, ok, now, `Posted in Agresso: voucher ${ok.voucher_no} (order ${ok.order_id}). Invoice ${job.number} is transferred.`));
      if (mine.filter((r) => r.status === 'P').length > 1) {
        outcomes.push({ ids: [job.documentId], patch: {}, step: 'confirm', outcome: 'info', message: `Agresso posted invoice ${job.number} more than once (orders ${orders.join(', ')}); reverse the extra vouchers in Agresso.` });
      }
      continue;
    }
    const refused = mine.find((r) => r.status === 'E');
    if (refused) {
      const verdict = classifyVoucherError(refused.error_msg ?? '');
      if (verdict.transient) {
        // GL07 could not post it just then: it goes again in a later batch, asked about here first.
        const attempts = job.attempts + 1;
        const next = later(now, backoffDelay(attempts, { baseMs: ctx.timings.retryBaseMs, maxMs: ctx.timings.retryMaxMs }));
        outcomes.push({
          ids: [job.documentId],
          patch: { state: 'pending', batchNo: null, attempts, nextAttemptAt: next, lastErrorCode: verdict.code, lastErrorMessage: verdict.reason },
          step: 'confirm',
          outcome: 'retry',
          message: `${verdict.reason} Sent again with a later batch from ${clock(next)}.`,
        });
        continue;
      }
      outcomes.push(
        leave(
          [job.documentId],
          'failed',
          verdict.code,
          `${verdict.reason} (The voucher waits in Agresso's batch input, batch ${batch.batchId}, order ${refused.order_id}: correct it there, or delete it there and press Retry here.)`,
          'confirm',
        ),
      );
      continue;
    }
    // GL07 has run the order (it wrote the others) but this voucher is nowhere: a person must look.
    outcomes.push(
      leave(
        [job.documentId],
        'failed',
        'GL07_VOUCHER_MISSING',
        `GL07 ran order ${batch.orderNumber} but Agresso shows no voucher for invoice ${job.number} in batch ${batch.batchId}. Look in Agresso, then press Retry (Agresso is asked again before anything is sent).`,
        'confirm',
      ),
    );
  }
  await finish(ctx, batch, now, [...posted, ...outcomes], orders.length > 1 ? { note: `Agresso received batch ${batch.batchId} ${orders.length} times (orders ${orders.join(', ')}).` } : {});
}
