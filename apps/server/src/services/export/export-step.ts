import { and, eq, gt, sql } from 'drizzle-orm';
import { AgressoDocumentError, AgressoError, buildGl07Xml } from '@nota/agresso';
import { backoffDelay, buildVoucher, describeMappingProblems, DomainError, type InvoiceDocument } from '@nota/domain';
import type { Database, Queryable, Tx } from '../../db/database';
import { exportJobs, invoiceDocuments } from '../../db/schema';
import type { SecretBox } from '../config/secret-box';
import { settingsVersion } from '../config/server-config';
import { ensureAgressoCustomer } from './agresso-customer';
import { logExportEvent, type ExportEventOutcome } from './export-jobs';
import { ExportProblem } from './export-problem';
import { completeMapping, connectAgresso, type AgressoClientFactory, type AgressoLink, type ExportSettings } from './export-setup';
import { invoiceBatch } from './invoice-batch';

export type ExportJob = typeof exportJobs.$inferSelect;
/** A job as a worker claims it: without the stored XML. */
export type ClaimedJob = Omit<ExportJob, 'xml'>;

export interface ExportTimings {
  /** How long a claimed job belongs to one worker; renewed to cover the whole send. */
  leaseMs: number;
  /**
   * After an unanswered send, how long before Agresso is asked whether the batch arrived (and sent
   * again if not): long enough for GL07 to have run a queued order, and never less than twice the
   * connection's timeout.
   */
  uncertainMs: number;
  confirmDelayMs: number;
  confirmPollMs: number;
  /** A sent batch that is neither posted nor failed after this long needs a person. */
  confirmTimeoutMs: number;
  customerPollMs: number;
  customerTimeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

export const DEFAULT_TIMINGS: ExportTimings = {
  leaseMs: 120_000,
  uncertainMs: 10 * 60_000,
  confirmDelayMs: 1_000,
  confirmPollMs: 2_000,
  confirmTimeoutMs: 30 * 60_000,
  customerPollMs: 2_000,
  customerTimeoutMs: 30 * 60_000,
  retryBaseMs: 2_000,
  retryMaxMs: 5 * 60_000,
};

export interface StepContext {
  db: Database;
  now: () => Date;
  secrets: SecretBox;
  clientFor?: AgressoClientFactory;
  /** Settings as of the current settings version (createSettingsCache). */
  settings: (db: Queryable) => Promise<ExportSettings>;
  timings: ExportTimings;
  /** This worker's lease owner id. */
  owner: string;
  warn: (message: string, details?: Record<string, unknown>) => void;
}

type JobPatch = Partial<Omit<ExportJob, 'documentId' | 'batchId' | 'createdAt'>>;
type Event = [step: string, outcome: ExportEventOutcome, message: string, orderNumber?: number | null];

/**
 * One step of one export job, claimed by this worker. The states:
 *   pending → (customer ready) → sent (Agresso's order number) → confirmed (posted voucher)
 *   waiting-customer: Agresso is creating the customer; blocked: our configuration is missing;
 *   failed: Agresso said no, or passing faults did not pass; a person retries.
 * Before every send, sendStartedAt is committed; a job found with it set (a timeout, a crash) waits
 * until Agresso has had time to act, then asks about its batch, and sends only if it is not there.
 */
export async function runExportStep(ctx: StepContext, job: ClaimedJob): Promise<void> {
  const now = ctx.now();
  // Their version is noted before any setting is read: a block on settings saved meanwhile is not written.
  const settings = await ctx.db.read((db) => ctx.settings(db));
  const settingsSeen = settings.version;
  let sendingSince: Date | null = null;
  let agresso: AgressoLink | null = null;
  try {
    agresso = connectAgresso(settings, ctx.secrets, ctx.clientFor);
    const link = agresso;
    if (job.state === 'sent') return await confirm(ctx, job, link, now);
    const doc = await loadDocument(ctx.db, job.documentId);

    if (doc.creditOf && !(await originalConfirmed(ctx.db, doc.creditOf.documentId))) {
      const message = `Waits for invoice ${doc.creditOf.number} to be in Agresso before its credit invoice is sent.`;
      await update(
        ctx,
        job,
        { state: 'pending', nextAttemptAt: later(now, ctx.timings.customerPollMs), lastErrorCode: 'WAITING_FOR_ORIGINAL', lastErrorMessage: message },
        job.lastErrorMessage === message ? undefined : ['credit', 'info', message],
      );
      return;
    }

    if (job.sendStartedAt) {
      const askAt = job.sendStartedAt.getTime() + uncertainWait(ctx, link);
      if (now.getTime() < askAt) {
        await update(ctx, job, { nextAttemptAt: new Date(askAt) });
        return;
      }
      const rows = await batchRows(link, job.batchId);
      const orders = orderNumbers(rows);
      if (orders.length > 0) {
        await update(ctx, job, { state: 'sent', sendStartedAt: null, orderNumber: orders[0]!, sentAt: job.sentAt ?? now, nextAttemptAt: now, attempts: 0, lastErrorCode: null, lastErrorMessage: null }, [
          'lookup',
          'ok',
          `Agresso already has batch ${job.batchId} (order ${orders.join(', ')}) although its answer was lost; it is not sent again.`,
          orders[0]!,
        ]);
        return;
      }
      await log(ctx, job, now, 'lookup', 'info', `Agresso has no trace of batch ${job.batchId} ${Math.round((now.getTime() - job.sendStartedAt.getTime()) / 1000)} s after an unanswered send; sending it again.`);
    }

    const mapping = completeMapping(settings);
    const voucher = buildVoucher(doc, mapping);
    if (!voucher.ok) throw new ExportProblem('blocked', 'MAPPING_INCOMPLETE', describeMappingProblems(voucher.problems));

    const customer = await ensureAgressoCustomer(
      {
        db: ctx.db,
        client: link.client,
        mapping,
        cs15: link.connection.cs15,
        currency: doc.currency,
        now,
        uncertainMs: uncertainWait(ctx, link),
        pollMs: ctx.timings.customerPollMs,
        creationTimeoutMs: ctx.timings.customerTimeoutMs,
      },
      doc.customer.id,
    );
    if ('waiting' in customer) {
      await update(
        ctx,
        job,
        { state: 'waiting-customer', nextAttemptAt: later(now, ctx.timings.customerPollMs), attempts: 0 },
        job.state === 'waiting-customer' ? undefined : ['customer', 'info', customer.waiting],
      );
      return;
    }

    const xml = buildGl07Xml(invoiceBatch(doc, voucher.rows, mapping, { apArNo: customer.ready, batchId: job.batchId }));
    sendingSince = await startSending(ctx, job, link, xml, customer.ready);
    if (!sendingSince) return;
    const { orderNumber } = await link.client.executeServerProcess({ serverProcessId: 'GL07', ...link.connection.gl07, xml });
    await recordSent(ctx, job, sendingSince, orderNumber, customer.ready);
  } catch (error) {
    await settleFailure(ctx, job, now, error, sendingSince, agresso, settingsSeen);
  }
}

/**
 * Commits that a send is starting (with a fresh time) and stretches the lease over the whole call,
 * but only while this worker still holds an unexpired lease: a worker that lost its job must not
 * send. Answers the recorded start, or null when the job is no longer ours.
 */
async function startSending(ctx: StepContext, job: ClaimedJob, link: AgressoLink, xml: string, apArNo: string): Promise<Date | null> {
  const startedAt = ctx.now();
  const holdMs = link.connection.timeoutMs + ctx.timings.leaseMs;
  const [held] = await ctx.db.transaction((tx) =>
    tx
      .update(exportJobs)
      .set({ sendStartedAt: startedAt, xml, apArNo, updatedAt: startedAt, leaseExpiresAt: sql`now() + ${holdMs} * interval '1 millisecond'` })
      .where(and(eq(exportJobs.documentId, job.documentId), eq(exportJobs.leaseOwner, ctx.owner), gt(exportJobs.leaseExpiresAt, sql`now()`)))
      .returning({ id: exportJobs.documentId }),
  );
  if (!held) ctx.warn('export job is no longer this worker’s; not sending', { documentId: job.documentId });
  return held ? startedAt : null;
}

/** Agresso's answer is kept whoever holds the job now: it is the only record of that order. */
async function recordSent(ctx: StepContext, job: ClaimedJob, startedAt: Date, orderNumber: number, apArNo: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const [mine] = await tx
      .update(exportJobs)
      .set({
        state: 'sent',
        sendStartedAt: null,
        orderNumber,
        sentAt: now,
        nextAttemptAt: later(now, ctx.timings.confirmDelayMs),
        attempts: 0,
        lastErrorCode: null,
        lastErrorMessage: null,
        leaseOwner: null,
        leaseExpiresAt: null,
        updatedAt: now,
      })
      .where(and(eq(exportJobs.documentId, job.documentId), eq(exportJobs.sendStartedAt, startedAt)))
      .returning({ id: exportJobs.documentId });
    const message = `Sent to Agresso as batch ${job.batchId}: GL07 order ${orderNumber}, customer ${apArNo}.`;
    await logExportEvent(tx, job.documentId, now, 'send', mine ? 'ok' : 'info', mine ? message : `${message} (Another attempt had already moved on.)`, orderNumber);
  });
}

async function confirm(ctx: StepContext, job: ClaimedJob, link: AgressoLink, now: Date): Promise<void> {
  const rows = await batchRows(link, job.batchId);
  const orders = orderNumbers(rows);
  const posted = rows.filter((r) => r.status === 'P');
  const failed = rows.filter((r) => r.status === 'E');
  const order = posted[0]?.order_id ?? job.orderNumber ?? '?';
  if (posted.length > 0) {
    const voucherNo = posted.map((r) => r.voucher_no).join(', ');
    await ctx.db.transaction(async (tx) => {
      const [held] = await tx
        .update(exportJobs)
        .set({ state: 'confirmed', voucherNo, confirmedAt: now, updatedAt: now, leaseOwner: null, leaseExpiresAt: null, attempts: 0, lastErrorCode: null, lastErrorMessage: null })
        .where(and(eq(exportJobs.documentId, job.documentId), eq(exportJobs.leaseOwner, ctx.owner)))
        .returning({ id: exportJobs.documentId });
      if (!held) return;
      const [doc] = await tx
        .update(invoiceDocuments)
        .set({ status: 'transferred', transferredAt: now })
        .where(eq(invoiceDocuments.id, job.documentId))
        .returning({ number: invoiceDocuments.number, kind: invoiceDocuments.kind });
      const what = doc?.kind === 'credit' ? 'Credit invoice' : 'Invoice';
      await logExportEvent(tx, job.documentId, now, 'confirm', 'ok', `Posted in Agresso: voucher ${voucherNo} (order ${order}). ${what} ${doc?.number} is transferred.`, Number(order) || null);
      if (orders.length > 1) {
        await logExportEvent(tx, job.documentId, now, 'confirm', 'info', `Agresso received batch ${job.batchId} ${orders.length} times (orders ${orders.join(', ')}); reverse the extra vouchers in Agresso.`);
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
      'GL07_NOT_RUN',
      `Agresso accepted order ${order} but GL07 has not run it after ${Math.round(waited / 60_000)} min: batch ${job.batchId} is neither posted nor in batch input. ` +
        'Check the server process queue in Agresso, then retry.',
    );
  }
  await update(ctx, job, { nextAttemptAt: later(now, ctx.timings.confirmPollMs) });
}

async function settleFailure(
  ctx: StepContext,
  job: ClaimedJob,
  now: Date,
  error: unknown,
  sendingSince: Date | null,
  link: AgressoLink | null,
  settingsSeen: number,
): Promise<void> {
  const step = job.state === 'sent' ? 'confirm' : sendingSince ? 'send' : 'prepare';
  // A job whose send was recorded is settled by matching that send, as recordSent does.
  // A job blocked on settings this attempt read before head office saved new ones would wait for a
  // save that has already happened; such a block is written only if no save came in between.
  const patchJob = (patch: JobPatch, event: Event) => {
    const guard = patch.state === 'blocked' ? settingsSeen : undefined;
    return sendingSince ? settleSend(ctx, job, sendingSince, patch, event, guard) : update(ctx, job, patch, event, guard);
  };

  if (error instanceof ExportProblem) {
    await patchJob({ state: error.kind, lastErrorCode: error.code, lastErrorMessage: error.message, attempts: 0 }, [step, error.kind, error.message]);
    return;
  }
  if (error instanceof DomainError || error instanceof AgressoDocumentError) {
    // The document itself cannot be booked as it is; trying again would give the same answer.
    const message = `Invoice ${job.batchId} cannot be turned into a voucher: ${error.message}`;
    await patchJob({ state: 'failed', lastErrorCode: 'DOCUMENT_INVALID', lastErrorMessage: message, attempts: 0 }, [step, 'failed', message]);
    return;
  }
  // A send Agresso certainly did not act on (refused, or never reached it) can be made again at once.
  const notQueued = sendingSince !== null && error instanceof AgressoError && error.outcomeKnown;
  const sendPatch: JobPatch = notQueued ? { sendStartedAt: null } : {};
  const verdict = error instanceof AgressoError ? error.verdict : null;
  if (verdict?.class === 'credentials') {
    await patchJob({ ...sendPatch, state: 'blocked', lastErrorCode: verdict.code, lastErrorMessage: verdict.reason, attempts: 0 }, [step, 'blocked', verdict.reason]);
    return;
  }
  // The confirmation query only reads: whatever it meets, the job stays sent and asks again.
  const confirming = job.state === 'sent';
  if (verdict && !verdict.transient && !confirming) {
    const unknown = error instanceof AgressoError && !error.outcomeKnown ? ' Whether Agresso queued the batch is unknown; a retry asks it first.' : '';
    const message = `${verdict.reason}${unknown}`;
    await patchJob({ ...sendPatch, state: 'failed', lastErrorCode: verdict.code, lastErrorMessage: message, attempts: 0 }, [step, 'failed', message]);
    return;
  }
  if (!verdict) ctx.warn('export step failed unexpectedly', { documentId: job.documentId, err: error });
  const message = verdict?.reason ?? (error instanceof Error ? error.message : String(error));
  const code = verdict?.code ?? 'EXPORT_ERROR';
  // Passing faults are retried until they pass, however long that takes: nobody has to step in.
  const attempts = job.attempts + 1;
  // An unanswered send waits until Agresso has had time to act on it before anything asks or sends.
  const uncertain = sendingSince && !notQueued ? uncertainWait(ctx, link) : 0;
  const wait = Math.max(backoffDelay(attempts, { baseMs: ctx.timings.retryBaseMs, maxMs: ctx.timings.retryMaxMs }), uncertain);
  await patchJob(
    { ...sendPatch, attempts, nextAttemptAt: later(now, wait), lastErrorCode: code, lastErrorMessage: message },
    [step, 'retry', `${message} Trying again in ${Math.ceil(wait / 1000)} s (attempt ${attempts}).`],
  );
}

/** The end of a send that failed: matched by its recorded start, like its success would be. */
async function settleSend(ctx: StepContext, job: ClaimedJob, startedAt: Date, patch: JobPatch, event: Event, settingsSeen?: number): Promise<boolean> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    [patch, event] = await unlessSettingsChanged(tx, settingsSeen, patch, event, now);
    const [mine] = await tx
      .update(exportJobs)
      .set({ ...patch, updatedAt: now, leaseOwner: null, leaseExpiresAt: null })
      .where(and(eq(exportJobs.documentId, job.documentId), eq(exportJobs.sendStartedAt, startedAt)))
      .returning({ id: exportJobs.documentId });
    if (mine) await logExportEvent(tx, job.documentId, now, event[0], event[1], event[2], event[3] ?? null);
    return mine !== undefined;
  });
}

/**
 * Writes the job's next state and ends the lease, if this worker still holds an unexpired lease.
 * Answers false when the job is no longer ours (the lease ran out).
 */
async function update(ctx: StepContext, job: ClaimedJob, patch: JobPatch, event?: Event, settingsSeen?: number): Promise<boolean> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    if (event) [patch, event] = await unlessSettingsChanged(tx, settingsSeen, patch, event, now);
    const [held] = await tx
      .update(exportJobs)
      .set({ ...patch, updatedAt: now, leaseOwner: null, leaseExpiresAt: null })
      .where(and(eq(exportJobs.documentId, job.documentId), eq(exportJobs.leaseOwner, ctx.owner), gt(exportJobs.leaseExpiresAt, sql`now()`)))
      .returning({ id: exportJobs.documentId });
    if (!held) {
      ctx.warn('export job was taken over by another worker; its step is dropped', { documentId: job.documentId });
      return false;
    }
    if (event) await logExportEvent(tx, job.documentId, now, event[0], event[1], event[2], event[3] ?? null);
    return true;
  });
}

async function log(ctx: StepContext, job: ClaimedJob, now: Date, step: string, outcome: ExportEventOutcome, message: string) {
  await ctx.db.transaction((tx) => logExportEvent(tx, job.documentId, now, step, outcome, message));
}

const later = (now: Date, ms: number) => new Date(now.getTime() + ms);

/**
 * The settings version is read with a share lock: a save in progress is waited for and then seen,
 * so the job is tried again instead of blocked; a save that starts later waits for this block to be
 * written, and then unblocks it.
 */
async function unlessSettingsChanged(tx: Tx, seen: number | undefined, patch: JobPatch, event: Event, now: Date): Promise<[JobPatch, Event]> {
  if (seen === undefined || (await settingsVersion(tx, true)) === seen) return [patch, event];
  return [{ nextAttemptAt: now }, [event[0], 'info', 'The settings changed during this attempt; trying again with the new ones.']];
}

function uncertainWait(ctx: StepContext, link: AgressoLink | null): number {
  return Math.max(ctx.timings.uncertainMs, 2 * (link?.connection.timeoutMs ?? 0));
}

async function loadDocument(db: Database, id: string): Promise<InvoiceDocument> {
  const [row] = await db.read((q) => q.select({ status: invoiceDocuments.status, content: invoiceDocuments.content }).from(invoiceDocuments).where(eq(invoiceDocuments.id, id)));
  if (!row || row.status === 'draft') throw new ExportProblem('failed', 'DOCUMENT_NOT_ACTIVE', `Document ${id} is not an active invoice.`);
  return row.content as InvoiceDocument;
}

/** A credit invoice references its original in Agresso, so the original must be there first. */
async function originalConfirmed(db: Database, originalId: string): Promise<boolean> {
  const [row] = await db.read((q) => q.select({ state: exportJobs.state }).from(exportJobs).where(eq(exportJobs.documentId, originalId)));
  return row?.state === 'confirmed';
}

/** What Agresso's confirmation template knows of a batch: one row per voucher, in batch input or posted. */
function batchRows(link: AgressoLink, batchId: string): Promise<Record<string, string>[]> {
  return link.client.getTemplateResult({ templateId: link.connection.confirmationTemplateId, criteria: [{ column: 'batch_id', value: batchId }] });
}

/** The distinct orders a batch arrived with: more than one means it was received more than once. */
function orderNumbers(rows: readonly Record<string, string>[]): number[] {
  return [...new Set(rows.map((r) => Number(r.order_id)).filter((n) => Number.isSafeInteger(n) && n > 0))];
}
