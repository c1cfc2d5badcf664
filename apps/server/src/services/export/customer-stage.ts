import { and, eq, inArray, lte, not, sql } from 'drizzle-orm';
import { AgressoError, buildCs15Xml, type Cs15Customer } from '@nota/agresso';
import { backoffDelay, type AccountingMapping } from '@nota/domain';
import type { Database } from '../../db/database';
import { exportJobs, invoiceDocuments } from '../../db/schema';
import { settingsVersion } from '../config/server-config';
import { creationNotOrdered, creationOrdered, ensureAgressoCustomer, readCustomers, type CustomerOutcome, type KnownCustomer } from './agresso-customer';
import { applyOutcomes, checkedOnce, inPool, leave, uncertainWait, type JobOutcome, type StepContext } from './batch-step';
import { clock, later } from './batch-rows';
import { ExportProblem } from './export-problem';
import { completeMapping, connectAgresso, type AgressoLink } from './export-setup';

/**
 * Customer lookups in flight at once: GetCustomers answers one customer per call. Measured: 16 in
 * flight took twice as long each as 8 on a busy machine (no more lookups a second) and timed out.
 */
const LOOKUPS = 8;
/**
 * Customers made sure of in one stage round; the rest follow in the next round. A round's new
 * customers go in one CS15 at its end: small enough rounds that, in a burst with hundreds of
 * customers, the new ones are ordered within seconds, not after every other customer was looked up.
 */
const CUSTOMERS_PER_ROUND = 200;

/**
 * The customer of the job's invoice is in Agresso as Nota has them now: an internal customer under
 * their external id, anyone else linked at their current version. Only such jobs are gathered, so a
 * batch never waits for a customer and leaves full.
 */
export const customerReady = sql`exists (
  select 1 from invoice_documents d
  join customers c on c.id = d.customer_id
  join agresso_customers a on a.customer_id = c.id
  where d.id = ${exportJobs.documentId} and a.state = 'ready'
    and case when c.internal then a.apar_no = c.external_id else a.version >= c.version end)`;

interface Waiting {
  customerId: string;
  currency: string;
  jobs: string[];
  attempts: number;
}

/**
 * Due jobs whose customer is not ready in Agresso, by customer (at most CUSTOMERS_PER_ROUND
 * customers). The currency is read from one invoice per customer, not from every waiting invoice's
 * content: in a burst thousands wait, and each content is a document of its own to unpack.
 */
async function waitingCustomers(db: Database, now: Date): Promise<Waiting[]> {
  const rows = await db.read((q) =>
    q
      .select({ id: exportJobs.documentId, customerId: invoiceDocuments.customerId, attempts: exportJobs.attempts })
      .from(exportJobs)
      .innerJoin(invoiceDocuments, eq(invoiceDocuments.id, exportJobs.documentId))
      .where(and(eq(exportJobs.state, 'pending'), lte(exportJobs.nextAttemptAt, now), not(customerReady))),
  );
  const byCustomer = new Map<string, Waiting>();
  for (const r of rows) {
    const w = byCustomer.get(r.customerId);
    if (w) {
      w.jobs.push(r.id);
      w.attempts = Math.max(w.attempts, r.attempts);
    } else if (byCustomer.size < CUSTOMERS_PER_ROUND) {
      byCustomer.set(r.customerId, { customerId: r.customerId, currency: '', jobs: [r.id], attempts: r.attempts });
    }
  }
  const waiting = [...byCustomer.values()];
  if (waiting.length === 0) return waiting;
  const currencies = await db.read((q) =>
    q
      .select({ id: invoiceDocuments.id, currency: sql<string>`${invoiceDocuments.content}->>'currency'` })
      .from(invoiceDocuments)
      .where(inArray(invoiceDocuments.id, waiting.map((w) => w.jobs[0]!))),
  );
  const currencyOf = new Map(currencies.map((c) => [c.id, c.currency]));
  for (const w of waiting) w.currency = currencyOf.get(w.jobs[0]!)!;
  return waiting;
}

/**
 * The customer stage, before gathering: every customer that due invoices wait for is made sure of in
 * Agresso once (looked up; linked when Agresso has them), one CS15 order creates all that are new,
 * and their creation is looked for once the order can have run, one customer of the order first.
 * A customer Agresso refuses holds back only its own invoices, with the reason; a passing fault
 * holds back the invoices of the customers it kept from being asked, and they try again after a backoff.
 * Answers whether anything moved (so the worker comes straight back).
 */
export async function runCustomerStage(ctx: StepContext): Promise<boolean> {
  const now = ctx.now();
  const waiting = await waitingCustomers(ctx.db, now);
  if (waiting.length === 0) return false;
  const settings = await ctx.db.read((db) => ctx.settings(db));
  let link: AgressoLink;
  let mapping: AccountingMapping;
  try {
    link = connectAgresso(settings, ctx.secrets, ctx.clientFor);
    mapping = completeMapping(settings);
  } catch (error) {
    if (!(error instanceof ExportProblem)) throw error;
    await write(ctx, [leave(waiting.flatMap((w) => w.jobs), 'blocked', error.code, error.message, 'customer')], settings.version);
    return true;
  }
  const known = await readCustomers(ctx.db, waiting.map((w) => w.customerId));
  const { first, groups } = lookupOrder(ctx, waiting, known, now);
  const ready = new Set<string>();

  const cs15: Cs15Customer[] = [];
  const creating: Waiting[] = [];
  const outcomes: JobOutcome[] = [];
  let moved = false;
  let fault: AgressoError | null = null;
  // Those a passing fault kept from being made sure of.
  const unasked = new Set<Waiting>();
  const check = async (w: Waiting) => {
    if (fault) {
      unasked.add(w);
      return;
    }
    const step = {
      db: ctx.db,
      client: link.client,
      mapping,
      currency: w.currency,
      now,
      uncertainMs: uncertainWait(ctx, link),
      pollMs: ctx.timings.customerPollMs,
      creationTimeoutMs: ctx.timings.customerTimeoutMs,
      cs15,
    };
    let outcome: CustomerOutcome;
    try {
      outcome = await checkedOnce(ctx, w.customerId, () => ensureAgressoCustomer(step, w.customerId, known.get(w.customerId) ?? {}));
    } catch (error) {
      if (error instanceof ExportProblem) {
        outcomes.push(leave(w.jobs, error.kind, error.code, error.message, 'customer'));
        moved = true;
        return;
      }
      if (!(error instanceof AgressoError)) throw error;
      // One refusal is this customer's; a passing fault or a refused login is Agresso's, and stops the round.
      if (!error.transient && error.verdict.class !== 'credentials') {
        outcomes.push(leave(w.jobs, 'failed', error.verdict.code, error.verdict.reason, 'customer'));
        moved = true;
        return;
      }
      fault ??= error;
      unasked.add(w);
      return;
    }
    if ('ready' in outcome) {
      ready.add(w.customerId);
      moved = true;
    }
    else if (outcome.creating) creating.push(w);
  };
  try {
    await inPool(first, LOOKUPS, check);
    // An order whose first customer is there has run: its other customers are looked up once each.
    await inPool(groups.filter((g) => ready.has(g.sentinel.customerId)).flatMap((g) => g.rest), LOOKUPS, check);
  } catch (error) {
    await creationNotOrdered(ctx.db, creating.map((w) => w.customerId), now);
    throw error;
  }

  if (cs15.length > 0) {
    try {
      const { orderNumber } = await link.client.executeServerProcess({ serverProcessId: 'CS15', ...link.connection.cs15, xml: buildCs15Xml(cs15) });
      await creationOrdered(ctx.db, creating.map((w) => w.customerId), orderNumber, now);
      const names = new Map(cs15.map((c) => [c.externalRef, c]));
      for (const w of creating) {
        const c = names.get(w.customerId)!;
        outcomes.push({ ids: w.jobs, patch: {}, step: 'customer', outcome: 'info', message: `Agresso is creating customer ${c.apArNo} (${c.name}), CS15 order ${orderNumber}; the invoice is gathered into a batch once the customer is there.` });
      }
      moved = true;
    } catch (error) {
      if (!(error instanceof AgressoError)) throw error;
      if (error.outcomeKnown) await creationNotOrdered(ctx.db, creating.map((w) => w.customerId), now);
      // Left claimed when the order may have landed: the next round waits, then looks before creating again.
      if (!error.transient && error.verdict.class !== 'credentials') {
        const unknown = error.outcomeKnown ? '' : ' Whether Agresso queued the creation is unknown; a retry looks for the customer first.';
        outcomes.push(leave(creating.flatMap((w) => w.jobs), 'failed', error.verdict.code, `${error.verdict.reason}${unknown}`, 'customer'));
        moved = true;
      } else {
        fault ??= error;
        for (const w of creating) unasked.add(w);
      }
    }
  }
  if (fault) {
    outcomes.push(...backOff(ctx, [...unasked], fault, now));
    moved = true;
  }
  if (outcomes.length > 0) await write(ctx, outcomes);
  return moved;
}

/**
 * Who is looked up now and who after: a customer whose CS15 order cannot have run yet is not asked
 * about; of an order that can have, one customer is asked first (at most every customerPollMs), and
 * the others only once that one is there (until then asking each would find nothing).
 */
function lookupOrder(ctx: StepContext, waiting: Waiting[], known: Map<string, KnownCustomer>, now: Date) {
  const first: Waiting[] = [];
  const orders = new Map<number, Waiting[]>();
  for (const w of waiting) {
    const { link: l, customer: c } = known.get(w.customerId) ?? {};
    if (l?.state === 'creating' && l.orderNumber !== null && l.requestedAt && c && l.version === c.version) orders.set(l.orderNumber, [...(orders.get(l.orderNumber) ?? []), w]);
    else first.push(w);
  }
  const groups: { sentinel: Waiting; rest: Waiting[] }[] = [];
  for (const members of orders.values()) {
    const requestedAt = known.get(members[0]!.customerId)!.link!.requestedAt!;
    // Agresso's process server runs CS15 like GL07: a start cost, then each record.
    const canHaveRun = later(requestedAt, ctx.timings.gl07StartMs + ctx.timings.gl07PerVoucherMs * members.length);
    // Long overdue: each is asked, so each missing one gets its own reason.
    if (now.getTime() - requestedAt.getTime() >= ctx.timings.customerTimeoutMs) first.push(...members);
    else if (now >= canHaveRun && !members.some((w) => now.getTime() - known.get(w.customerId)!.link!.updatedAt.getTime() < ctx.timings.customerPollMs)) {
      // The one looked at longest ago: one that Agresso refused is not asked about forever in the others' stead.
      const lookedAt = (w: Waiting) => known.get(w.customerId)!.link!.updatedAt.getTime();
      const sentinel = members.reduce((a, b) => (lookedAt(b) < lookedAt(a) ? b : a));
      first.push(sentinel);
      groups.push({ sentinel, rest: members.filter((w) => w !== sentinel) });
    }
  }
  return { first, groups };
}

/** A passing fault: the invoices of the customers it kept from being made sure of try again after a backoff. */
function backOff(ctx: StepContext, held: Waiting[], fault: AgressoError, now: Date): JobOutcome[] {
  const attempts = Math.max(0, ...held.map((w) => w.attempts)) + 1;
  const next = later(now, backoffDelay(attempts, { baseMs: ctx.timings.retryBaseMs, maxMs: ctx.timings.retryMaxMs }));
  const ids = held.flatMap((w) => w.jobs);
  return [
    {
      ids,
      patch: { attempts, nextAttemptAt: next, lastErrorCode: fault.verdict.code, lastErrorMessage: `Making sure of the customer in Agresso failed: ${fault.verdict.reason}` },
      step: 'customer',
      outcome: 'retry',
      message: `Making sure of the customer in Agresso failed: ${fault.verdict.reason} Trying again at ${clock(next)} (attempt ${attempts}).`,
    },
  ];
}

/**
 * The stage's decisions, for jobs still pending (a job a person or another instance moved meanwhile
 * keeps its state). A block is written only if no settings save came in since they were read.
 */
async function write(ctx: StepContext, outcomes: JobOutcome[], settingsSeen?: number): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    if (settingsSeen !== undefined && (await settingsVersion(tx, true)) !== settingsSeen) return;
    const ids = outcomes.flatMap((o) => o.ids);
    const pending = new Set<string>();
    for (let i = 0; i < ids.length; i += 5_000) {
      const rows = await tx
        .select({ id: exportJobs.documentId })
        .from(exportJobs)
        .where(and(inArray(exportJobs.documentId, ids.slice(i, i + 5_000)), eq(exportJobs.state, 'pending')))
        .for('update');
      for (const r of rows) pending.add(r.id);
    }
    await applyOutcomes(tx, outcomes.map((o) => ({ ...o, ids: o.ids.filter((id) => pending.has(id)) })), now);
  });
}
