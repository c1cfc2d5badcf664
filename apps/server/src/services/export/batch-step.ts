import { and, eq, gt, gte, inArray, sql } from 'drizzle-orm';
import { AgressoDocumentError, AgressoError, buildCs15Xml, buildGl07Xml, type Cs15Customer } from '@nota/agresso';
import { backoffDelay, buildVoucher, describeMappingProblems, DomainError, type InvoiceDocument } from '@nota/domain';
import type { Database, Queryable, Tx } from '../../db/database';
import { exportBatches, exportEvents, exportJobs, invoiceDocuments } from '../../db/schema';
import type { SecretBox } from '../config/secret-box';
import { settingsVersion } from '../config/server-config';
import { creationNotOrdered, creationOrdered, ensureAgressoCustomer, readCustomers, type CustomerOutcome } from './agresso-customer';
import { confirmBatch } from './batch-confirm';
import { batchRows, clock, later, orderNumbers, type AgressoRow } from './batch-rows';
import type { ExportEventOutcome } from './export-jobs';
import { ExportProblem } from './export-problem';
import { completeMapping, connectAgresso, type AgressoClientFactory, type AgressoLink, type ExportSettings } from './export-setup';
import type { ExportTimings } from './export-timings';
import { queueEnd } from './order-queue';
import { invoiceBatch, type BatchVoucher } from './invoice-batch';
import { loggableError } from '../loggable-error';

export type BatchRow = typeof exportBatches.$inferSelect;

/** Customer lookups in flight at once for one batch. */
const CUSTOMER_LOOKUPS = 8;
type JobRow = typeof exportJobs.$inferSelect;
type JobPatch = Partial<Omit<JobRow, 'documentId' | 'createdAt'>>;
type BatchPatch = Partial<Omit<BatchRow, 'id' | 'batchId' | 'createdAt'>>;

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
  /**
   * Customer checks under way in this server, shared by its workers: batches prepared side by side
   * hold many of the same customers, and each is asked about in Agresso once, not once per batch.
   */
  customerChecks?: Map<string, Promise<CustomerOutcome>>;
  warn: (message: string, details?: Record<string, unknown>) => void;
  /** Recoveries (a lost answer found in Agresso, a batch sent again) go to the server log. */
  info: (message: string, details?: Record<string, unknown>) => void;
}

/** What a step decides for the jobs of its batch, written in one transaction with the batch. */
export interface JobOutcome {
  ids: string[];
  patch: JobPatch;
  step: string;
  outcome: ExportEventOutcome;
  message: string;
  orderNumber?: number | null;
}

/**
 * One step of one batch, claimed by this worker:
 *   preparing: vouchers built, customers made sure of (the customer stage saw to them before the
 *     invoices were gathered; one changed since is seen to here, one CS15 for all), then the GL07
 *     order sent, with sendStartedAt committed first;
 *   sent: the confirmation template asked, each invoice confirmed or failed by its own voucher.
 * A batch found with sendStartedAt set (an answer lost, a crash) waits until its order can have run,
 * then asks Agresso about it, and is sent again only when Agresso has no trace of it long after.
 */
export async function runBatchStep(ctx: StepContext, batch: BatchRow): Promise<void> {
  const renewal = renewLease(ctx, batch.id);
  try {
    await step(ctx, batch);
  } finally {
    await renewal.stop();
  }
}

/**
 * Keeps the batch this worker's while its step runs, however long preparing a large batch takes: the
 * lease is stretched every third of its length, only while this worker still holds it (never
 * shortened: a send stretches it further), so no other worker takes over a batch being worked on,
 * and one whose worker died is free again within one lease.
 */
function renewLease(ctx: StepContext, batchNo: number): { stop: () => Promise<void> } {
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = ctx.db
      .statement((q) =>
        q
          .update(exportBatches)
          .set({ leaseExpiresAt: sql`greatest(${exportBatches.leaseExpiresAt}, now() + ${ctx.timings.leaseMs} * interval '1 millisecond')` })
          .where(and(eq(exportBatches.id, batchNo), eq(exportBatches.leaseOwner, ctx.owner), gt(exportBatches.leaseExpiresAt, sql`now()`))),
      )
      .catch((error: unknown) => ctx.warn('export batch lease could not be renewed', { batch: batchNo, err: error }));
  }, Math.max(1, Math.floor(ctx.timings.leaseMs / 3)));
  return {
    stop: async () => {
      clearInterval(timer);
      await renewing;
    },
  };
}

async function step(ctx: StepContext, batch: BatchRow): Promise<void> {
  const now = ctx.now();
  const settings = await ctx.db.read((db) => ctx.settings(db));
  let link: AgressoLink;
  try {
    link = connectAgresso(settings, ctx.secrets, ctx.clientFor);
  } catch (error) {
    if (!(error instanceof ExportProblem)) throw error;
    // Nothing can be asked or sent: a batch that may be in Agresso waits; one that is not lets its invoices wait.
    if (batch.state === 'sent' || batch.sendStartedAt) return retryBatch(ctx, batch, now, error.code, error.message);
    return dissolve(ctx, batch, 'blocked', error.code, error.message, settings.version);
  }
  if (batch.state === 'sent') return confirmBatch(ctx, batch, link, now);
  return prepareAndSend(ctx, batch, link, settings, now);
}

async function prepareAndSend(ctx: StepContext, batch: BatchRow, link: AgressoLink, settings: ExportSettings, now: Date): Promise<void> {
  let sending = false;
  let asking = false;
  try {
    if (batch.sendStartedAt) {
      asking = true;
      if ((await askAboutLostSend(ctx, batch, link, now)) !== 'send-again') return;
      asking = false;
    }
    const jobs = await batchJobs(ctx.db, batch.id, 'batched');
    if (jobs.length === 0) return finish(ctx, batch, now, []);
    let mapping;
    try {
      mapping = completeMapping(settings);
    } catch (error) {
      if (error instanceof ExportProblem) return dissolve(ctx, batch, 'blocked', error.code, error.message, settings.version);
      throw error;
    }
    const outcomes: JobOutcome[] = [];
    asking = true;
    const going = await notAlreadyInAgresso(ctx, link, jobs, batch.batchId, now, outcomes);
    asking = false;

    const vouchers: (BatchVoucher & { job: JobRow & { number: number } })[] = [];
    const docs = await loadDocuments(ctx.db, going.map((j) => j.documentId));
    const byCustomer = new Map<string, { doc: InvoiceDocument; job: JobRow & { number: number }; rows: BatchVoucher['rows'] }[]>();
    for (const job of going) {
      const doc = docs.get(job.documentId)!;
      try {
        const voucher = buildVoucher(doc, mapping);
        if (!voucher.ok) {
          outcomes.push(leave([job.documentId], 'blocked', 'MAPPING_INCOMPLETE', describeMappingProblems(voucher.problems), 'prepare'));
          continue;
        }
        const list = byCustomer.get(doc.customer.id) ?? [];
        list.push({ doc, job, rows: voucher.rows });
        byCustomer.set(doc.customer.id, list);
      } catch (error) {
        if (!(error instanceof DomainError || error instanceof AgressoDocumentError)) throw error;
        outcomes.push(leave([job.documentId], 'failed', 'DOCUMENT_INVALID', `Invoice ${doc.number} cannot be turned into a voucher: ${error.message}`, 'prepare'));
      }
    }

    // Customers first: everyone the batch needs, with one CS15 order for all that are missing.
    const cs15: Cs15Customer[] = [];
    const creating: string[] = [];
    const waiting: { ids: string[]; message: string }[] = [];
    // Read in one query; those Agresso must be asked about are looked up a few at a time (each a round trip).
    const known = await readCustomers(ctx.db, [...byCustomer.keys()]);
    const lookups = inPool([...byCustomer], CUSTOMER_LOOKUPS, async ([customerId, entries]) => {
      const ids = entries.map((e) => e.job.documentId);
      try {
        const step = {
          db: ctx.db,
          client: link.client,
          mapping,
          currency: entries[0]!.doc.currency,
          now,
          uncertainMs: uncertainWait(ctx, link),
          pollMs: ctx.timings.customerPollMs,
          creationTimeoutMs: ctx.timings.customerTimeoutMs,
          cs15,
        };
        const outcome = await checkedOnce(ctx, customerId, () => ensureAgressoCustomer(step, customerId, known.get(customerId) ?? {}));
        if ('ready' in outcome) {
          for (const e of entries) vouchers.push({ doc: e.doc, rows: e.rows, apArNo: outcome.ready, job: e.job });
        } else {
          if (outcome.creating) creating.push(customerId);
          waiting.push({ ids, message: outcome.waiting });
        }
      } catch (error) {
        if (!(error instanceof ExportProblem)) throw error;
        outcomes.push(leave(ids, error.kind, error.code, error.message, 'customer'));
      }
    });
    try {
      await lookups;
    } catch (error) {
      // The creations claimed in this step will not be ordered now: left claimed, every export would
      // wait for them as "another export's" until the uncertainty window ran out.
      await creationNotOrdered(ctx.db, creating, now);
      throw error;
    }
    if (cs15.length > 0) {
      const requestedAt = now;
      try {
        const { orderNumber } = await link.client.executeServerProcess({ serverProcessId: 'CS15', ...link.connection.cs15, xml: buildCs15Xml(cs15) });
        await creationOrdered(ctx.db, creating, orderNumber, now);
        for (const w of waiting) w.message = `${w.message.replace(/\.$/, '')}, CS15 order ${orderNumber}.`;
      } catch (error) {
        if (error instanceof AgressoError && error.outcomeKnown) await creationNotOrdered(ctx.db, creating, requestedAt);
        throw error;
      }
    }
    if (waiting.length > 0) {
      const held = now.getTime() - batch.createdAt.getTime() < ctx.timings.customerHoldMs;
      if (held) {
        const note = waiting.map((w) => w.message).join(' ');
        // Logged once per job, when the batch first waits for its customer: the wording of the wait
        // changes as Agresso moves on ("is creating", then "waiting for"), the history does not repeat it.
        const told = await toldOfCustomer(ctx.db, waiting.flatMap((w) => w.ids), batch.createdAt);
        const events = waiting.map((w) => ({ ids: w.ids.filter((id) => !told.has(id)), patch: {}, step: 'customer', outcome: 'info' as const, message: w.message }));
        await writeBatch(ctx, batch, { note, nextAttemptAt: later(now, ctx.timings.customerPollMs), attempts: 0, lastErrorCode: null, lastErrorMessage: null }, [...outcomes, ...events]);
        return;
      }
      // The others have waited long enough: they go now, these go with a later batch.
      for (const w of waiting) {
        outcomes.push({ ids: w.ids, patch: { state: 'pending', batchNo: null, nextAttemptAt: later(now, ctx.timings.customerPollMs) }, step: 'customer', outcome: 'info', message: `${w.message} The invoice goes with a later batch.` });
      }
    }
    if (vouchers.length === 0) return finish(ctx, batch, now, outcomes);

    const xml = buildGl07Xml(invoiceBatch(vouchers, mapping, batch.batchId));
    const startedAt = await startSending(ctx, batch, xml, vouchers.map((v) => v.job.documentId), link, outcomes);
    if (!startedAt) return;
    sending = true;
    batch = { ...batch, sendStartedAt: startedAt, vouchers: vouchers.length };
    const { orderNumber } = await link.client.executeServerProcess({ serverProcessId: 'GL07', ...link.connection.gl07, xml });
    await recordSent(ctx, batch, startedAt, orderNumber, `Sent to Agresso in batch ${batch.id} (${batch.batchId}): GL07 order ${orderNumber} with ${vouchers.length} voucher${vouchers.length === 1 ? '' : 's'}.`);
  } catch (error) {
    // A query that only reads never decides an invoice's fate, whatever it met: it is asked again.
    if (asking && error instanceof AgressoError) {
      await retryBatch(ctx, batch, now, error.verdict.code, `Asking Agresso about an earlier send failed: ${error.verdict.reason}`);
      return;
    }
    await settleFailure(ctx, batch, now, error, sending, link, settings.version);
  }
}

/**
 * Jobs whose voucher went to Agresso in an earlier batch (a retry, a batch resent after a lost
 * answer) are asked about there first: one posted there is confirmed, not sent again; one whose
 * earlier order may still run waits for it.
 */
async function notAlreadyInAgresso(ctx: StepContext, link: AgressoLink, jobs: (JobRow & { number: number; lastBatchId: string | null })[], currentBatchId: string, now: Date, outcomes: JobOutcome[]) {
  // A batch sent again after a lost answer has just asked about itself.
  const earlier = jobs.filter((j) => j.sendStartedAt !== null && j.lastBatchId !== null && j.lastBatchId !== currentBatchId);
  if (earlier.length === 0) return jobs;
  const going = new Set(jobs.map((j) => j.documentId));
  const batches = new Map<string, (JobRow & { number: number })[]>();
  for (const job of earlier) {
    if (!job.lastBatchId) continue;
    batches.set(job.lastBatchId, [...(batches.get(job.lastBatchId) ?? []), job]);
  }
  for (const [batchId, list] of batches) {
    const rows = await batchRows(link, batchId);
    for (const job of list) {
      const mine = rows.filter((r) => r.ext_inv_ref === String(job.number));
      const posted = mine.find((r) => r.status === 'P');
      if (posted) {
        going.delete(job.documentId);
        outcomes.push(confirmedOutcome(job.documentId, posted, now, `Agresso already has the voucher in batch ${batchId}: posted as voucher ${posted.voucher_no} (order ${posted.order_id}). It is not sent again.`));
      } else if (rows.length === 0 && now.getTime() - job.sendStartedAt!.getTime() < uncertainWait(ctx, link)) {
        // Its earlier order has not run yet, and may still: sending now could post it twice.
        going.delete(job.documentId);
        const askAt = later(job.sendStartedAt!, uncertainWait(ctx, link));
        outcomes.push({
          ids: [job.documentId],
          patch: { state: 'pending', batchNo: null, nextAttemptAt: later(now, ctx.timings.confirmPollMs) },
          step: 'lookup',
          outcome: 'info',
          message: `Agresso has no trace yet of batch ${batchId}, sent at ${clock(job.sendStartedAt!)}; asking again until ${clock(askAt)} before the voucher is sent again.`,
        });
      }
    }
  }
  return jobs.filter((j) => going.has(j.documentId));
}

/**
 * The batch's send went unanswered (a timeout, a crash): once its order can have run, Agresso is
 * asked. Found: it is not sent again. No trace long after: sent again.
 */
async function askAboutLostSend(ctx: StepContext, batch: BatchRow, link: AgressoLink, now: Date): Promise<'wait' | 'found' | 'send-again'> {
  const sentAt = batch.sendStartedAt!;
  const canHaveRun = canHaveRunAt(ctx, sentAt, batch.vouchers);
  const giveUpAt = later(sentAt, uncertainWait(ctx, link));
  if (now < canHaveRun) {
    await writeBatch(ctx, batch, { nextAttemptAt: canHaveRun, note: lostNote(sentAt, canHaveRun) });
    return 'wait';
  }
  const rows = await batchRows(link, batch.batchId);
  const orders = orderNumbers(rows);
  if (orders.length > 0) {
    const message = `Agresso already has batch ${batch.batchId} (order ${orders.join(', ')}) although its answer was lost at ${clock(sentAt)}; it is not sent again.`;
    ctx.info('export recovered a batch whose answer was lost', { batch: batch.id, batchId: batch.batchId, orderNumber: orders[0] });
    await recordSent(ctx, batch, sentAt, orders[0]!, message, 'lookup', now);
    return 'found';
  }
  if (now < giveUpAt) {
    const next = new Date(Math.min(giveUpAt.getTime(), now.getTime() + ctx.timings.confirmPollMs));
    await writeBatch(ctx, batch, { nextAttemptAt: next, note: `${lostNote(sentAt, next)} Agresso has no trace of it yet; it is sent again only if it has none at ${clock(giveUpAt)}.` });
    return 'wait';
  }
  ctx.info('export sends a batch again: Agresso has no trace of it long after an unanswered send', { batch: batch.id, batchId: batch.batchId });
  await logJobs(ctx, batch.id, now, 'lookup', 'info', `Agresso has no trace of batch ${batch.batchId} ${Math.round((now.getTime() - sentAt.getTime()) / 1000)} s after an unanswered send; sending it again.`);
  return 'send-again';
}

/** The earliest an order sent at `sentAt` can have run on Agresso's process server: its start cost plus its vouchers'. */
const canHaveRunAt = (ctx: StepContext, sentAt: Date, vouchers: number) => later(sentAt, ctx.timings.gl07StartMs + ctx.timings.gl07PerVoucherMs * vouchers);

const lostNote = (sentAt: Date, askAt: Date) => `Sent at ${clock(sentAt)}, answer lost; asking Agresso at ${clock(askAt)}.`;

/**
 * Commits that a send is starting (with a fresh time) and stretches the lease over the whole call,
 * only while this worker still holds the batch; the jobs that go are marked as possibly in Agresso,
 * the decisions made for the others are written with it. Answers the recorded start, or null.
 */
async function startSending(ctx: StepContext, batch: BatchRow, xml: string, ids: string[], link: AgressoLink, outcomes: JobOutcome[]): Promise<Date | null> {
  const startedAt = ctx.now();
  const holdMs = link.connection.timeoutMs + ctx.timings.leaseMs;
  const held = await ctx.db.transaction(async (tx) => {
    const [mine] = await tx
      .update(exportBatches)
      .set({ sendStartedAt: startedAt, xml, vouchers: ids.length, note: null, updatedAt: startedAt, leaseExpiresAt: sql`now() + ${holdMs} * interval '1 millisecond'` })
      .where(and(eq(exportBatches.id, batch.id), eq(exportBatches.leaseOwner, ctx.owner), gt(exportBatches.leaseExpiresAt, sql`now()`)))
      .returning({ id: exportBatches.id });
    if (!mine) return false;
    await tx.update(exportJobs).set({ sendStartedAt: startedAt, batchId: batch.batchId, updatedAt: startedAt }).where(inArray(exportJobs.documentId, ids));
    await applyOutcomes(tx, outcomes, startedAt);
    return true;
  });
  if (!held) ctx.warn('export batch is no longer this worker’s; not sending', { batch: batch.id });
  return held ? startedAt : null;
}

/** Agresso took the order: the batch and its vouchers are sent, whoever holds the batch now (it is the only record of that order). */
async function recordSent(ctx: StepContext, batch: BatchRow, startedAt: Date, orderNumber: number, message: string, step = 'send', sentAt?: Date): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const runsBy = await queueEnd(tx, now, ctx.timings, batch.id);
    const [mine] = await tx
      .update(exportBatches)
      .set({
        state: 'sent',
        orderNumber,
        sentAt: sentAt ?? now,
        // Not asked before its order can have run, behind our orders queued before it: a burst's last
        // order is not asked about every second for minutes while the process server works through the others.
        nextAttemptAt: new Date(Math.max(later(now, ctx.timings.confirmDelayMs).getTime(), canHaveRunAt(ctx, startedAt, batch.vouchers).getTime(), runsBy)),
        attempts: 0,
        note: null,
        lastErrorCode: null,
        lastErrorMessage: null,
        leaseOwner: null,
        leaseExpiresAt: null,
        updatedAt: now,
      })
      .where(and(eq(exportBatches.id, batch.id), eq(exportBatches.sendStartedAt, startedAt)))
      .returning({ id: exportBatches.id });
    const ids = (
      await tx
        .update(exportJobs)
        .set({ state: 'sent', orderNumber, sentAt: sentAt ?? now, attempts: 0, lastErrorCode: null, lastErrorMessage: null, updatedAt: now })
        .where(and(eq(exportJobs.batchNo, batch.id), eq(exportJobs.state, 'batched'), eq(exportJobs.sendStartedAt, startedAt)))
        .returning({ id: exportJobs.documentId })
    ).map((r) => r.id);
    await insertEvents(tx, ids, now, step, mine ? 'ok' : 'info', mine ? message : `${message} (Another attempt had already moved on.)`, orderNumber);
  });
}

/**
 * A step that failed: by the fault table, a passing fault is tried again (after the order can have
 * run, if the send may have reached Agresso); a refusal lets every job of the batch wait for a person
 * with the reason; wrong credentials block them until the connection is saved.
 */
async function settleFailure(ctx: StepContext, batch: BatchRow, now: Date, error: unknown, sending: boolean, link: AgressoLink, settingsSeen: number): Promise<void> {
  const verdict = error instanceof AgressoError ? error.verdict : null;
  // A send Agresso certainly did not act on can be made again at once, or its jobs released.
  const notQueued = sending && error instanceof AgressoError && error.outcomeKnown;
  const current: BatchRow = sending && notQueued ? { ...batch, sendStartedAt: null } : batch;
  if (sending && notQueued) await ctx.db.transaction((tx) => tx.update(exportJobs).set({ sendStartedAt: null }).where(and(eq(exportJobs.batchNo, batch.id), eq(exportJobs.state, 'batched'))));
  if (error instanceof ExportProblem && error.kind === 'blocked') return dissolve(ctx, current, 'blocked', error.code, error.message, settingsSeen);
  if (verdict?.class === 'credentials') {
    if (current.sendStartedAt) return retryBatch(ctx, current, now, verdict.code, verdict.reason);
    return dissolve(ctx, current, 'blocked', verdict.code, verdict.reason, settingsSeen);
  }
  if (verdict && !verdict.transient) {
    const unknown = sending && !notQueued;
    const message = unknown ? `${verdict.reason} Whether Agresso queued the batch is unknown; a retry asks it first.` : verdict.reason;
    return dissolve(ctx, current, 'failed', verdict.code, message);
  }
  if (!verdict) ctx.warn('export batch step failed unexpectedly', { batch: batch.id, err: error });
  // Shown in the export queue: a database error's message must not carry the statement's values.
  const message = verdict?.reason ?? loggableError(error).message;
  return retryBatch(ctx, current, now, verdict?.code ?? 'EXPORT_ERROR', message, sending && !notQueued ? link : null);
}

/** A passing fault: the batch tries again after a backoff; its invoices stay in it. */
async function retryBatch(ctx: StepContext, batch: BatchRow, now: Date, code: string, message: string, lostSend: AgressoLink | null = null): Promise<void> {
  const attempts = batch.attempts + 1;
  let wait = backoffDelay(attempts, { baseMs: ctx.timings.retryBaseMs, maxMs: ctx.timings.retryMaxMs });
  let note: string | null = null;
  if (lostSend && batch.sendStartedAt) {
    // Asked as soon as the order can have run, not before.
    const askAt = canHaveRunAt(ctx, batch.sendStartedAt, batch.vouchers);
    wait = Math.max(wait, askAt.getTime() - now.getTime());
    note = lostNote(batch.sendStartedAt, later(now, wait));
  }
  await writeBatch(
    ctx,
    batch,
    { sendStartedAt: batch.sendStartedAt, attempts, nextAttemptAt: later(now, wait), lastErrorCode: code, lastErrorMessage: message, note },
    [{ ids: await jobIds(ctx.db, batch), patch: {}, step: batch.state === 'sent' ? 'confirm' : 'send', outcome: 'retry', message: `${message} Trying again at ${clock(later(now, wait))} (attempt ${attempts}).` }],
  );
}

/**
 * The batch ends without sending: its waiting invoices leave it, each with the state and reason given.
 * Blocked invoices wait for a settings save, so a block is written only if none came in since the
 * settings were read (the version is read with a share lock: a save in progress is waited for and seen).
 */
async function dissolve(ctx: StepContext, batch: BatchRow, state: 'failed' | 'blocked', code: string, message: string, settingsSeen?: number): Promise<void> {
  const ids = await jobIds(ctx.db, batch);
  const now = ctx.now();
  const outcome = leave(ids, state, code, message, batch.state === 'sent' ? 'confirm' : 'send', batch.sendStartedAt === null);
  const guard = state === 'blocked' && settingsSeen !== undefined ? settingsSeen : undefined;
  await writeBatch(ctx, batch, { state: 'done', doneAt: now, note: null, lastErrorCode: code, lastErrorMessage: message }, [outcome], guard);
}

export function leave(ids: string[], state: 'failed' | 'blocked', code: string, message: string, step: string, notInAgresso = false): JobOutcome {
  return {
    ids,
    patch: { state, batchNo: null, lastErrorCode: code, lastErrorMessage: message, attempts: 0, ...(notInAgresso ? { sendStartedAt: null } : {}) },
    step,
    outcome: state,
    message,
  };
}

export function confirmedOutcome(id: string, row: AgressoRow, now: Date, message: string): JobOutcome {
  return {
    ids: [id],
    patch: { state: 'confirmed', voucherNo: row.voucher_no ?? null, apArNo: row.apar_id || null, orderNumber: Number(row.order_id) || null, confirmedAt: now, lastErrorCode: null, lastErrorMessage: null, attempts: 0 },
    step: 'confirm',
    outcome: 'ok',
    message,
    orderNumber: Number(row.order_id) || null,
  };
}

/** The batch is done (every voucher settled, or nothing left to send). */
export async function finish(ctx: StepContext, batch: BatchRow, now: Date, outcomes: JobOutcome[], extra: BatchPatch = {}): Promise<void> {
  await writeBatch(ctx, batch, { state: 'done', doneAt: now, note: null, ...extra }, outcomes);
}

/**
 * Writes the batch's next state and its jobs' outcomes and ends the lease, if this worker still
 * holds it. Answers false when the batch is no longer ours (the lease ran out).
 */
export async function writeBatch(ctx: StepContext, batch: BatchRow, patch: BatchPatch, outcomes: JobOutcome[] = [], settingsSeen?: number): Promise<boolean> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    if (settingsSeen !== undefined && (await settingsVersion(tx, true)) !== settingsSeen) {
      // Saved meanwhile: the block may be solved already; the batch tries again at once.
      [patch, outcomes] = [{ nextAttemptAt: now }, []];
    }
    const [held] = await tx
      .update(exportBatches)
      .set({ ...patch, updatedAt: now, leaseOwner: null, leaseExpiresAt: null })
      .where(and(eq(exportBatches.id, batch.id), eq(exportBatches.leaseOwner, ctx.owner), gt(exportBatches.leaseExpiresAt, sql`now()`)))
      .returning({ id: exportBatches.id });
    if (!held) {
      ctx.warn('export batch was taken over by another worker; its step is dropped', { batch: batch.id });
      return false;
    }
    await applyOutcomes(tx, outcomes, now);
    return true;
  });
}

export async function applyOutcomes(tx: Tx, outcomes: JobOutcome[], now: Date): Promise<void> {
  const confirmed = outcomes.filter((o) => o.patch.state === 'confirmed' && o.ids.length > 0);
  await confirmAll(tx, confirmed, now);
  for (const o of outcomes) {
    if (o.ids.length === 0 || o.patch.state === 'confirmed') continue;
    if (Object.keys(o.patch).length > 0) await tx.update(exportJobs).set({ ...o.patch, updatedAt: now }).where(inArray(exportJobs.documentId, o.ids));
  }
  const events = outcomes.flatMap((o) => o.ids.map((documentId) => ({ documentId, at: now, step: o.step, outcome: o.outcome, message: o.message, orderNumber: o.orderNumber ?? null })));
  // In slices: a statement has at most 65 535 parameters.
  for (let i = 0; i < events.length; i += 5_000) await tx.insert(exportEvents).values(events.slice(i, i + 5_000));
}

/** Confirmed invoices in two statements however many: each job its voucher, every document transferred. */
async function confirmAll(tx: Tx, confirmed: JobOutcome[], now: Date): Promise<void> {
  if (confirmed.length === 0) return;
  const at = now.toISOString();
  const values = sql.join(
    confirmed.map((o) => sql`(${o.ids[0]}::uuid, ${o.patch.voucherNo ?? null}::text, ${o.patch.apArNo ?? null}::text, ${o.patch.orderNumber ?? null}::bigint)`),
    sql`, `,
  );
  await tx.execute(sql`
    update ${exportJobs} set state = 'confirmed', voucher_no = v.voucher_no, apar_no = coalesce(v.apar_no, ${exportJobs.apArNo}),
      order_number = coalesce(v.order_number, ${exportJobs.orderNumber}), confirmed_at = ${at}::timestamptz, updated_at = ${at}::timestamptz,
      attempts = 0, last_error_code = null, last_error_message = null
    from (values ${values}) as v(id, voucher_no, apar_no, order_number)
    where ${exportJobs.documentId} = v.id`);
  await tx.update(invoiceDocuments).set({ status: 'transferred', transferredAt: now }).where(inArray(invoiceDocuments.id, confirmed.map((o) => o.ids[0]!)));
}

async function insertEvents(tx: Tx, ids: readonly string[], at: Date, step: string, outcome: ExportEventOutcome, message: string, orderNumber: number | null): Promise<void> {
  if (ids.length === 0) return;
  await tx.insert(exportEvents).values(ids.map((documentId) => ({ documentId, at, step, outcome, message, orderNumber })));
}

async function logJobs(ctx: StepContext, batchNo: number, now: Date, step: string, outcome: ExportEventOutcome, message: string): Promise<void> {
  const ids = (await ctx.db.read((db) => db.select({ id: exportJobs.documentId }).from(exportJobs).where(eq(exportJobs.batchNo, batchNo)))).map((r) => r.id);
  await ctx.db.transaction((tx) => insertEvents(tx, ids, now, step, outcome, message, null));
}

async function jobIds(db: Database, batch: BatchRow): Promise<string[]> {
  const state = batch.state === 'sent' ? 'sent' : 'batched';
  return (await batchJobs(db, batch.id, state)).map((j) => j.documentId);
}

/** The jobs of a batch in one state, with their invoice numbers (how the template names their vouchers). */
export async function batchJobs(db: Database, batchNo: number, state: 'batched' | 'sent') {
  const rows = await db.read((q) =>
    q
      .select({ job: exportJobs, number: invoiceDocuments.number })
      .from(exportJobs)
      .innerJoin(invoiceDocuments, eq(invoiceDocuments.id, exportJobs.documentId))
      .where(and(eq(exportJobs.batchNo, batchNo), eq(exportJobs.state, state))),
  );
  // batchId is the batch the voucher was last sent in: where it may already be.
  return rows.map((r) => ({ ...r.job, number: r.number ?? 0, lastBatchId: r.job.batchId }));
}

/** The jobs whose history already tells of a customer wait since `since` (the batch was made). */
async function toldOfCustomer(db: Database, ids: readonly string[], since: Date): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.read((q) =>
    q
      .selectDistinct({ id: exportEvents.documentId })
      .from(exportEvents)
      .where(and(inArray(exportEvents.documentId, [...ids]), eq(exportEvents.step, 'customer'), gte(exportEvents.at, since))),
  );
  return new Set(rows.map((r) => r.id));
}

async function loadDocuments(db: Database, ids: readonly string[]): Promise<Map<string, InvoiceDocument>> {
  if (ids.length === 0) return new Map();
  const rows = await db.read((q) => q.select({ id: invoiceDocuments.id, content: invoiceDocuments.content }).from(invoiceDocuments).where(inArray(invoiceDocuments.id, [...ids])));
  return new Map(rows.map((r) => [r.id, r.content as InvoiceDocument]));
}

export function uncertainWait(ctx: StepContext, link: AgressoLink | null): number {
  return Math.max(ctx.timings.uncertainMs, 2 * (link?.connection.timeoutMs ?? 0));
}

/**
 * The customer's check, or the one another worker of this server has under way for them. Its
 * creation belongs to that worker's batch (it sends the CS15); this batch waits for it like any other.
 */
export async function checkedOnce(ctx: StepContext, customerId: string, check: () => Promise<CustomerOutcome>): Promise<CustomerOutcome> {
  const running = ctx.customerChecks?.get(customerId);
  if (running) {
    const outcome = await running;
    return 'ready' in outcome ? outcome : { waiting: outcome.waiting };
  }
  const mine = check();
  ctx.customerChecks?.set(customerId, mine);
  try {
    return await mine;
  } finally {
    ctx.customerChecks?.delete(customerId);
  }
}

/**
 * Runs `work` over `items`, at most `size` at a time. The first error stops it from starting more;
 * it is thrown once the items under way have finished, so nothing runs on behind the caller's back.
 */
export async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: { error: unknown } | null = null;
  const worker = async () => {
    while (!failed && next < items.length) {
      try {
        await work(items[next++]!);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  if (failed) throw (failed as { error: unknown }).error;
}
