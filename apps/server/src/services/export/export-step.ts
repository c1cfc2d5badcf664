import { and, eq } from 'drizzle-orm';
import { AgressoError, buildGl07Xml } from '@nota/agresso';
import { backoffDelay, buildVoucher, describeMappingProblems, type InvoiceDocument } from '@nota/domain';
import type { Database } from '../../db/database';
import { exportJobs, invoiceDocuments } from '../../db/schema';
import type { SecretBox } from '../config/secret-box';
import { ensureAgressoCustomer } from './agresso-customer';
import { logExportEvent, type ExportEventOutcome } from './export-jobs';
import { ExportProblem } from './export-problem';
import { loadExportSetup, type AgressoClientFactory, type ExportSetup } from './export-setup';
import { invoiceBatch } from './invoice-batch';

export type ExportJob = typeof exportJobs.$inferSelect;

export interface ExportTimings {
  /** How long a claimed job belongs to one worker; longer than any single Agresso call. */
  leaseMs: number;
  /** After an unanswered send, how long before asking Agresso whether it arrived (and sending again if not). */
  uncertainMs: number;
  confirmDelayMs: number;
  confirmPollMs: number;
  /** A sent batch that is neither posted nor failed after this long needs a person. */
  confirmTimeoutMs: number;
  customerPollMs: number;
  customerTimeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Passing faults in a row before the job waits for a person. */
  maxAttempts: number;
}

export const DEFAULT_TIMINGS: ExportTimings = {
  leaseMs: 120_000,
  uncertainMs: 60_000,
  confirmDelayMs: 1_000,
  confirmPollMs: 2_000,
  confirmTimeoutMs: 30 * 60_000,
  customerPollMs: 2_000,
  customerTimeoutMs: 30 * 60_000,
  retryBaseMs: 2_000,
  retryMaxMs: 5 * 60_000,
  maxAttempts: 10,
};

export interface StepContext {
  db: Database;
  now: () => Date;
  secrets: SecretBox;
  clientFor?: AgressoClientFactory;
  timings: ExportTimings;
  /** This worker's lease owner id. */
  owner: string;
  warn: (message: string, details?: Record<string, unknown>) => void;
}

type JobPatch = Partial<Omit<ExportJob, 'documentId' | 'batchId' | 'createdAt'>>;

/**
 * One step of one export job, claimed by this worker. The states:
 *   pending → (customer ready) → sent (Agresso's order number) → confirmed (posted voucher)
 *   waiting-customer: Agresso is creating the customer; blocked: our configuration is missing;
 *   failed: Agresso said no, or passing faults did not pass; a person retries.
 * Before every send, sendStartedAt is committed; a job found with it set (a timeout, a crash) first
 * asks Agresso whether the batch arrived, so nothing is sent twice.
 */
export async function runExportStep(ctx: StepContext, job: ExportJob): Promise<void> {
  const now = ctx.now();
  let sending = false;
  try {
    const doc = await loadDocument(ctx.db, job.documentId);
    const setup = await ctx.db.read((db) => loadExportSetup(db, ctx.secrets, ctx.clientFor));
    if (job.state === 'sent') return await confirm(ctx, job, doc, setup, now);

    if (job.sendStartedAt) {
      const askAt = job.sendStartedAt.getTime() + ctx.timings.uncertainMs;
      if (now.getTime() < askAt) {
        await update(ctx, job, { nextAttemptAt: new Date(askAt) });
        return;
      }
      const rows = await batchRows(setup, job.batchId);
      const first = rows[0];
      if (first) {
        await update(ctx, job, { state: 'sent', sendStartedAt: null, orderNumber: Number(first.order_id) || job.orderNumber, sentAt: job.sentAt ?? now, nextAttemptAt: now, attempts: 0, lastErrorCode: null, lastErrorMessage: null }, [
          'lookup',
          'ok',
          `Agresso already has batch ${job.batchId} (order ${first.order_id}) although its answer was lost; it is not sent again.`,
          Number(first.order_id) || null,
        ]);
        return;
      }
      await log(ctx, job, now, 'lookup', 'info', `Agresso has no trace of batch ${job.batchId} after an unanswered send; sending it again.`);
    }

    const voucher = buildVoucher(doc, setup.mapping);
    if (!voucher.ok) throw new ExportProblem('blocked', 'MAPPING_INCOMPLETE', describeMappingProblems(voucher.problems));

    const customer = await ensureAgressoCustomer(
      {
        db: ctx.db,
        client: setup.client,
        mapping: setup.mapping,
        cs15: setup.connection.cs15,
        now,
        uncertainMs: ctx.timings.uncertainMs,
        creationTimeoutMs: ctx.timings.customerTimeoutMs,
      },
      doc.customer.id,
    );
    if ('waiting' in customer) {
      await update(
        ctx,
        job,
        { state: 'waiting-customer', nextAttemptAt: new Date(now.getTime() + ctx.timings.customerPollMs), attempts: 0 },
        job.state === 'waiting-customer' ? undefined : ['customer', 'info', customer.waiting],
      );
      return;
    }

    const xml = buildGl07Xml(invoiceBatch(doc, voucher.rows, setup.mapping, { apArNo: customer.ready, batchId: job.batchId }));
    // Committed before the call: from here on, Agresso may have the batch whatever happens to us.
    if (!(await update(ctx, job, { sendStartedAt: now, xml, apArNo: customer.ready }, undefined, false))) return;
    sending = true;
    const { orderNumber } = await setup.client.executeServerProcess({ serverProcessId: 'GL07', ...setup.connection.gl07, xml });
    sending = false;
    await update(
      ctx,
      job,
      {
        state: 'sent',
        sendStartedAt: null,
        orderNumber,
        sentAt: now,
        nextAttemptAt: new Date(ctx.now().getTime() + ctx.timings.confirmDelayMs),
        attempts: 0,
        lastErrorCode: null,
        lastErrorMessage: null,
      },
      ['send', 'ok', `Sent to Agresso as batch ${job.batchId}: GL07 order ${orderNumber}, customer ${customer.ready}.`, orderNumber],
    );
  } catch (error) {
    await settleFailure(ctx, job, now, error, sending);
  }
}

async function confirm(ctx: StepContext, job: ExportJob, doc: InvoiceDocument, setup: ExportSetup, now: Date): Promise<void> {
  const rows = await batchRows(setup, job.batchId);
  const posted = rows.filter((r) => r.status === 'P');
  const failed = rows.filter((r) => r.status === 'E');
  const order = job.orderNumber ?? posted[0]?.order_id ?? '?';
  if (posted.length > 0) {
    const voucherNo = posted.map((r) => r.voucher_no).join(', ');
    await ctx.db.transaction(async (tx) => {
      const [held] = await tx
        .update(exportJobs)
        .set({ state: 'confirmed', voucherNo, confirmedAt: now, updatedAt: now, leaseOwner: null, leaseExpiresAt: null, attempts: 0, lastErrorCode: null, lastErrorMessage: null })
        .where(and(eq(exportJobs.documentId, job.documentId), eq(exportJobs.leaseOwner, ctx.owner)))
        .returning({ id: exportJobs.documentId });
      if (!held) return;
      await tx.update(invoiceDocuments).set({ status: 'transferred', transferredAt: now }).where(eq(invoiceDocuments.id, job.documentId));
      await logExportEvent(tx, job.documentId, now, 'confirm', 'ok', `Posted in Agresso: voucher ${voucherNo} (order ${order}). Invoice ${doc.number} is transferred.`, job.orderNumber);
      if (posted.length > 1) {
        await logExportEvent(tx, job.documentId, now, 'confirm', 'info', `Agresso shows batch ${job.batchId} posted ${posted.length} times (vouchers ${voucherNo}); reverse the extra ones in Agresso.`);
      }
    });
    return;
  }
  if (failed.length > 0) {
    const reasons = [...new Set(failed.map((r) => r.error_msg).filter(Boolean))].join('; ');
    throw new ExportProblem(
      'failed',
      'GL07_REJECTED',
      `GL07 did not post order ${order}: ${reasons || 'no reason given'}. The voucher waits in Agresso's batch input: correct it there, or delete it there and retry here.`,
    );
  }
  const waited = now.getTime() - (job.sentAt ?? now).getTime();
  if (waited > ctx.timings.confirmTimeoutMs) {
    throw new ExportProblem(
      'failed',
      rows.length > 0 ? 'GL07_NOT_RUN' : 'BATCH_NOT_FOUND',
      rows.length > 0
        ? `GL07 has not run order ${order} after ${Math.round(waited / 60_000)} min; its voucher is still waiting in batch input. Check the server process queue in Agresso, then retry.`
        : `Agresso accepted order ${order} but batch ${job.batchId} has not appeared after ${Math.round(waited / 60_000)} min. Check the order in Agresso, then retry.`,
    );
  }
  await update(ctx, job, { nextAttemptAt: new Date(now.getTime() + ctx.timings.confirmPollMs) });
}

async function settleFailure(ctx: StepContext, job: ExportJob, now: Date, error: unknown, wasSending: boolean): Promise<void> {
  const step = job.state === 'sent' ? 'confirm' : wasSending ? 'send' : 'prepare';
  if (error instanceof ExportProblem && error.kind !== 'retry') {
    await update(
      ctx,
      job,
      { state: error.kind, lastErrorCode: error.code, lastErrorMessage: error.message, attempts: 0 },
      [step, error.kind, error.message],
    );
    return;
  }
  if (error instanceof AgressoError && !error.transient) {
    // Agresso refused outright (a SOAP fault): nothing was queued, so a retry may send again at once.
    const message = `Agresso refused: ${error.message}`;
    await update(ctx, job, { state: 'failed', sendStartedAt: wasSending ? null : job.sendStartedAt, lastErrorCode: 'AGRESSO_REFUSED', lastErrorMessage: message, attempts: 0 }, [step, 'failed', message]);
    return;
  }
  const known = error instanceof AgressoError || error instanceof ExportProblem;
  if (!known) ctx.warn('export step failed unexpectedly', { documentId: job.documentId, err: error });
  const message = error instanceof Error ? error.message : String(error);
  const attempts = job.attempts + 1;
  if (attempts >= ctx.timings.maxAttempts) {
    const reason = `Gave up after ${attempts} attempts in a row: ${message}`;
    await update(ctx, job, { state: 'failed', attempts, lastErrorCode: 'AGRESSO_UNAVAILABLE', lastErrorMessage: reason }, [step, 'failed', reason]);
    return;
  }
  // An unanswered send waits long enough for Agresso to have acted on it before we ask.
  const wait = Math.max(backoffDelay(attempts, { baseMs: ctx.timings.retryBaseMs, maxMs: ctx.timings.retryMaxMs }), wasSending ? ctx.timings.uncertainMs : 0);
  await update(
    ctx,
    job,
    { attempts, nextAttemptAt: new Date(now.getTime() + wait), lastErrorCode: known ? 'AGRESSO_UNAVAILABLE' : 'EXPORT_ERROR', lastErrorMessage: message },
    [step, 'retry', `${message} Trying again in ${Math.ceil(wait / 1000)} s (attempt ${attempts} of ${ctx.timings.maxAttempts}).`],
  );
}

/**
 * Writes the job's next state if this worker still holds its lease, and ends the lease unless told
 * to keep it. Answers false when another worker has taken the job over (our lease ran out).
 */
async function update(
  ctx: StepContext,
  job: ExportJob,
  patch: JobPatch,
  event?: [step: string, outcome: ExportEventOutcome, message: string, orderNumber?: number | null],
  release = true,
): Promise<boolean> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [held] = await tx
      .update(exportJobs)
      .set({ ...patch, updatedAt: now, ...(release ? { leaseOwner: null, leaseExpiresAt: null } : {}) })
      .where(and(eq(exportJobs.documentId, job.documentId), eq(exportJobs.leaseOwner, ctx.owner)))
      .returning({ id: exportJobs.documentId });
    if (!held) {
      ctx.warn('export job was taken over by another worker; its step is dropped', { documentId: job.documentId });
      return false;
    }
    if (event) await logExportEvent(tx, job.documentId, now, event[0], event[1], event[2], event[3] ?? null);
    return true;
  });
}

async function log(ctx: StepContext, job: ExportJob, now: Date, step: string, outcome: ExportEventOutcome, message: string) {
  await ctx.db.transaction((tx) => logExportEvent(tx, job.documentId, now, step, outcome, message));
}

async function loadDocument(db: Database, id: string): Promise<InvoiceDocument> {
  const [row] = await db.read((q) => q.select({ status: invoiceDocuments.status, content: invoiceDocuments.content }).from(invoiceDocuments).where(eq(invoiceDocuments.id, id)));
  if (!row || row.status === 'draft') throw new ExportProblem('failed', 'DOCUMENT_NOT_ACTIVE', `Document ${id} is not an active invoice.`);
  return row.content as InvoiceDocument;
}

/** What Agresso's confirmation template knows of a batch: one row per voucher, in batch input or posted. */
function batchRows(setup: ExportSetup, batchId: string): Promise<Record<string, string>[]> {
  return setup.client.getTemplateResult({ templateId: setup.connection.confirmationTemplateId, criteria: [{ column: 'batch_id', value: batchId }] });
}
