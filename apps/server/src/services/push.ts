import { eq, inArray, sql } from 'drizzle-orm';
import { SyncEvent, fieldErrorsFromZod, textProblem, type PushEventResult } from '@nota/protocol';
import type { Database, Tx } from '../db/database';
import { customers, processedEvents, registerJournal, registers, sales } from '../db/schema';
import { recordZReport } from './z-reports';
import { applyRegisterEdit, findCustomer, insertCustomer, validated } from './customers';
import { isLeasedTo } from './customer-numbers';
import { FEED_LOCK } from './change-feed';
import { Rejection, sqlState, uniqueViolation } from './errors';
import { insertDrafts, wakeDraftsOfCustomer } from './invoices/drafts';
import { saleInconsistency } from './sale-checks';
import { recordRegisterKey } from './saft/register-keys';

/** Where a refusal's technical details go: the server log, never the reason shown with the event. */
export interface PushLog {
  warn(details: Record<string, unknown>, message: string): void;
}

/** Who pushed: invoice drafts record the register and its cost centre. */
interface Origin {
  registerId: string;
  registerName: string;
  costCentre: string;
}

/**
 * Applies a pushed batch in one transaction, in order. Each event is recorded in processed_events
 * in the same transaction that applies it, so a crash can never apply an event without recording it,
 * or record it without applying; its writes sit in a savepoint, so a rejected event undoes only its
 * own writes and keeps its record. One commit per batch, not per event: a commit is an fsync on
 * PostgreSQL, and a crash before it only means the register pushes the batch again.
 * The ON CONFLICT insert makes a concurrent second delivery wait for the first and then see duplicates.
 * Events arrive as envelopes (PushEnvelope) and are checked here one by one: one the contract refuses,
 * or one the database refuses in its savepoint, is rejected with its reason and the rest go on, so
 * no single event can fail every retry of a register's push.
 */
export async function processBatch(
  db: Database,
  registerId: string,
  batch: { events: readonly { id: string }[]; backlog: number },
  now: Date,
  log: PushLog = { warn: () => undefined },
): Promise<PushEventResult[]> {
  const checked = batch.events.map(checkEvent);
  return db.transaction(async (tx) => {
    const [register] = await tx.select({ name: registers.name, costCentre: registers.costCentre }).from(registers).where(eq(registers.id, registerId));
    if (!register) throw new Error(`register ${registerId} vanished during its push`);
    const origin: Origin = { registerId, registerName: register.name, costCentre: register.costCentre };
    // Customer events write the change feed, whose lock a head-office edit takes after a customer's
    // row lock. Taking it first, before any row lock, keeps the two from deadlocking.
    if (checked.some((e) => e instanceof InvalidEvent || e.type.startsWith('customer.'))) {
      await tx.execute(sql`select pg_advisory_xact_lock(${FEED_LOCK})`);
    }
    const results: PushEventResult[] = [];
    for (let i = 0; i < checked.length; ) {
      // Runs of sales (most of a day's events) go in bulk; sales do not depend on each other.
      let end = i;
      while (end < checked.length && isSale(checked[end]!)) end += 1;
      const item = checked[i]!;
      if (end - i >= 2) {
        results.push(...(await processSaleRun(tx, origin, checked.slice(i, end) as SaleEvent[], now, log)));
        i = end;
      } else {
        results.push(item instanceof InvalidEvent ? await processInvalid(tx, origin, item, now) : await processEvent(tx, origin, item, now, log));
        i += 1;
      }
    }
    await tx.update(registers).set({ lastSeenAt: now, reportedBacklog: batch.backlog }).where(eq(registers.id, registerId));
    return results;
  });
}

type SaleEvent = Extract<SyncEvent, { type: 'sale.completed' }>;

/** A pushed event the contract refuses: rejected on its own, kept as it came. */
class InvalidEvent {
  constructor(
    readonly id: string,
    readonly raw: Record<string, unknown>,
    readonly field: string,
    readonly message: string,
  ) {}

  /** The type column holds the event's own type when it is readable text. */
  get type(): string {
    const { type } = this.raw;
    return typeof type === 'string' && type.length > 0 && !textProblem(type) ? type.slice(0, 100) : 'unknown';
  }
}

function checkEvent(raw: { id: string }): SyncEvent | InvalidEvent {
  const parsed = SyncEvent.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = fieldErrorsFromZod(parsed.error);
  const message = problems.slice(0, 5).map((p) => p.message).join('; ');
  return new InvalidEvent(raw.id, raw as Record<string, unknown>, problems[0]?.field ?? '', `The event does not match the sync contract: ${message}`);
}

const isSale = (e: SyncEvent | InvalidEvent): e is SaleEvent => !(e instanceof InvalidEvent) && e.type === 'sale.completed';

/**
 * PostgreSQL's JSON cannot hold a NUL or a broken (unpaired surrogate) character; JSON.stringify
 * writes both as escapes, so such an event is kept as its JSON text (a JSON string), losing nothing.
 * Drizzle's jsonb reader parses a stored string that is JSON text, so the list shows the event itself.
 */
function storablePayload(raw: unknown): unknown {
  const text = JSON.stringify(raw);
  return /\\u0000|\\ud[89a-f]/i.test(text) ? text : raw;
}

/** Signals that a bulk insert met a conflict; the run is then redone one event at a time. */
class TakeSlowPath extends Error {}

/**
 * A run of sale events in two multi-row statements (their processed_events rows, then the sales)
 * instead of about five statements each. Only sales that pass every check go in bulk, inside a
 * savepoint; any conflict rolls the bulk part back and every event takes the one-by-one path, which
 * gives duplicates and rejections their exact answers.
 */
async function processSaleRun(tx: Tx, origin: Origin, run: readonly SaleEvent[], now: Date, log: PushLog): Promise<PushEventResult[]> {
  const { registerId } = origin;
  const customerIds = [...new Set(run.flatMap((e) => (e.sale.invoice ? [e.sale.invoice.customer.id] : [])))];
  const known = new Set(
    customerIds.length
      ? (await tx.select({ id: customers.id }).from(customers).where(inArray(customers.id, customerIds))).map((r) => r.id)
      : [],
  );
  const simple = run.filter((e) => !saleInconsistency(e.sale) && (!e.sale.invoice || known.has(e.sale.invoice.customer.id)));
  let applied = new Set<string>();
  if (simple.length > 0) {
    try {
      applied = await tx.transaction(async (sp) => {
        const fresh = new Set(
          (
            await sp
              .insert(processedEvents)
              .values(simple.map((e) => ({ eventId: e.id, registerId, type: e.type, status: 'applied' as const, payload: e, receivedAt: now })))
              .onConflictDoNothing()
              .returning({ id: processedEvents.eventId })
          ).map((r) => r.id),
        );
        const toInsert = simple.filter((e) => fresh.has(e.id));
        if (toInsert.length === 0) return new Set<string>();
        const inserted = await sp
          .insert(sales)
          .values(toInsert.map((e) => saleRow(registerId, e.sale)))
          .onConflictDoNothing()
          .returning({ id: sales.id });
        if (inserted.length !== toInsert.length) throw new TakeSlowPath();
        await insertDrafts(sp, origin, toInsert.map((e) => e.sale), now);
        return new Set(toInsert.map((e) => e.id));
      });
    } catch (error) {
      // One event the database refuses sinks the bulk insert; one by one, it alone is rejected.
      if (!(error instanceof TakeSlowPath) && !aboutTheEvent(error)) throw error;
      applied = new Set();
    }
  }
  const results: PushEventResult[] = [];
  for (const event of run) {
    results.push(applied.has(event.id) ? { id: event.id, status: 'applied' } : await processEvent(tx, origin, event, now, log));
  }
  return results;
}

function saleRow(registerId: string, sale: SaleEvent['sale'], customerKnown = true) {
  return {
    id: sale.id,
    registerId,
    receiptNumber: sale.receiptNumber,
    completedAt: new Date(sale.completedAt),
    totalOre: sale.totalOre,
    customerId: customerKnown ? (sale.invoice?.customer.id ?? null) : null,
    payload: sale,
  };
}

async function processEvent(tx: Tx, origin: Origin, event: SyncEvent, now: Date, log: PushLog): Promise<PushEventResult> {
  const { registerId } = origin;
  const inserted = await tx
    .insert(processedEvents)
    .values({ eventId: event.id, registerId, type: event.type, status: 'applied', payload: event, receivedAt: now })
    .onConflictDoNothing()
    .returning({ id: processedEvents.eventId });
  if (inserted.length === 0) return earlierAnswer(tx, registerId, event.id);
  try {
    await tx.transaction((sp) => applyEvent(sp, origin, event, now));
    return { id: event.id, status: 'applied' };
  } catch (error) {
    const rejection = asRejection(error, event);
    if (!rejection) throw error;
    if (rejection.code === 'EVENT_NOT_STORABLE') {
      log.warn({ eventId: event.id, type: event.type, registerId, ...databaseFacts(error) }, 'push: the database refused an event');
    }
    await tx
      .update(processedEvents)
      .set({ status: 'rejected', reasonCode: rejection.code, reasonMessage: rejection.message })
      .where(eq(processedEvents.eventId, event.id));
    return rejected(event.id, rejection.code, rejection.message);
  }
}

/** An event pushed before, by this register or (a bug or an attack) by another. */
async function earlierAnswer(tx: Tx, registerId: string, eventId: string): Promise<PushEventResult> {
  const [first] = await tx
    .select({ registerId: processedEvents.registerId, status: processedEvents.status, reasonCode: processedEvents.reasonCode, reasonMessage: processedEvents.reasonMessage })
    .from(processedEvents)
    .where(eq(processedEvents.eventId, eventId));
  if (first && first.registerId !== registerId) {
    // Cannot be stored: the id is taken. UUIDs do not collide by chance, so this is a bug or an attack.
    return rejected(eventId, 'EVENT_ID_REUSED', `Event id ${eventId} was already used by another register.`);
  }
  // A retry of an event rejected before gets the same rejection: "duplicate" would tell the
  // register it landed, and it would stop showing a sale that never reached the books.
  if (first?.status === 'rejected') {
    return rejected(eventId, first.reasonCode ?? 'REJECTED', first.reasonMessage ?? 'Rejected earlier.');
  }
  return { id: eventId, status: 'duplicate' };
}

/** Stores an event the contract refuses as rejected, with its reason, so it is listed and never retried in vain. */
async function processInvalid(tx: Tx, origin: Origin, event: InvalidEvent, now: Date): Promise<PushEventResult> {
  const code = 'EVENT_INVALID';
  const inserted = await tx
    .insert(processedEvents)
    .values({
      eventId: event.id,
      registerId: origin.registerId,
      type: event.type,
      status: 'rejected',
      reasonCode: code,
      reasonMessage: event.message,
      payload: storablePayload(event.raw),
      receivedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: processedEvents.eventId });
  if (inserted.length === 0) return earlierAnswer(tx, origin.registerId, event.id);
  return { id: event.id, status: 'rejected', reason: { code, message: event.message, field: event.field } };
}

const rejected = (id: string, code: string, message: string): PushEventResult => ({
  id,
  status: 'rejected',
  reason: { code, message },
});

/**
 * Whether a database error is about the event being written rather than about the moment. The
 * moment's troubles (lost connection, deadlock, serialization, resources, shutdown, internal
 * errors, or no SQLSTATE at all) fail the batch so the register retries it; anything else the
 * database refused in the event's savepoint (bad data, a constraint, a trigger) would fail every
 * retry, so the event is rejected and the rest go on.
 */
function aboutTheEvent(error: unknown): boolean {
  const state = sqlState(error);
  return state !== null && !/^(08|40|53|57|58|XX)/.test(state);
}

/**
 * What the log may keep of a database refusal: its SQL state and where it happened, never its message,
 * which can quote the event's values (a check's failing row, a trigger's text).
 */
function databaseFacts(error: unknown): Record<string, string> {
  for (let e = error as Record<string, unknown> | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string') {
      const facts: Record<string, string> = {};
      for (const key of ['code', 'constraint', 'table', 'column', 'routine'] as const) if (typeof e[key] === 'string') facts[key] = e[key];
      return facts;
    }
  }
  return {};
}

/** Why the database refused an event, in words, by its SQL state's class: the values stay out of it. */
function refusalInWords(state: string | null): string {
  if (state?.startsWith('22')) return 'one of its values is out of range or in a form the database cannot store';
  if (state?.startsWith('23')) return 'it breaks one of the database’s integrity rules';
  if (state?.startsWith('P0')) return 'a rule in the database (a trigger) refused it';
  return 'the database could not store it';
}

function asRejection(error: unknown, event: SyncEvent): Rejection | null {
  if (error instanceof Rejection) return error;
  const constraint = uniqueViolation(error);
  if (constraint === null) {
    if (!aboutTheEvent(error)) return null;
    return new Rejection('EVENT_NOT_STORABLE', `The server could not store this event: ${refusalInWords(sqlState(error))}. The server log has the technical details.`);
  }
  // Lost a race with a concurrent writer of the same unique value.
  if (event.type === 'sale.completed') {
    return new Rejection('RECEIPT_NUMBER_CONFLICT', `Receipt number ${event.sale.receiptNumber} is already recorded for this register.`);
  }
  if (event.type === 'z-report.closed') {
    return new Rejection('Z_REPORT_CONFLICT', `Z report ${event.report.number} is already recorded for this register.`);
  }
  if (event.type === 'journal.logged') {
    return new Rejection('JOURNAL_LINE_CONFLICT', `Journal line ${event.entry.seq} is already recorded for this register with another content.`);
  }
  return new Rejection('CUSTOMER_NUMBER_CONFLICT', 'The customer number or id is already taken.');
}

async function applyEvent(tx: Tx, origin: Origin, event: SyncEvent, now: Date): Promise<void> {
  const { registerId } = origin;
  switch (event.type) {
    case 'customer.created':
      await createCustomer(tx, registerId, event);
      // An invoice sale that arrived before its customer (reordered delivery) can now be activated.
      return wakeDraftsOfCustomer(tx, event.customer.id, now);
    case 'customer.updated':
      await applyRegisterEdit(
        tx,
        {
          customerId: event.customer.id,
          baseVersion: event.baseVersion,
          incoming: event.customer,
          changedFields: event.changedFields,
          registerId,
          eventId: event.id,
        },
        now,
      );
      return wakeDraftsOfCustomer(tx, event.customer.id, now);
    case 'sale.completed':
      return recordSale(tx, origin, event, now);
    case 'journal.logged': {
      const { entry } = event;
      await tx.insert(registerJournal).values({ id: entry.id, registerId, seq: entry.seq, code: entry.code, occurredAt: new Date(entry.occurredAt), payload: entry });
      return;
    }
    case 'register.key':
      return recordRegisterKey(tx, registerId, event);
    case 'z-report.closed':
      return recordZReport(tx, registerId, event);
  }
}

async function createCustomer(tx: Tx, registerId: string, event: Extract<SyncEvent, { type: 'customer.created' }>) {
  const { customer } = event;
  const fields = validated(customer);
  if (await findCustomer(tx, customer.id)) {
    throw new Rejection('CUSTOMER_EXISTS', `Customer ${customer.id} already exists (created by another event).`);
  }
  if (!(await isLeasedTo(tx, registerId, customer.customerNumber))) {
    throw new Rejection(
      'CUSTOMER_NUMBER_CONFLICT',
      `Customer number ${customer.customerNumber} is not in a block leased to this register.`,
    );
  }
  const taken = await tx.select({ id: customers.id }).from(customers).where(eq(customers.customerNumber, customer.customerNumber));
  if (taken.length > 0) {
    throw new Rejection('CUSTOMER_NUMBER_CONFLICT', `Customer number ${customer.customerNumber} is already taken.`);
  }
  await insertCustomer(tx, fields, {
    id: customer.id,
    customerNumber: customer.customerNumber,
    createdAt: new Date(customer.createdAt),
  }, registerId);
}

async function recordSale(tx: Tx, origin: Origin, event: Extract<SyncEvent, { type: 'sale.completed' }>, now: Date) {
  const { sale } = event;
  const problem = saleInconsistency(sale);
  if (problem) throw new Rejection('SALE_INCONSISTENT', `Sale ${sale.id}: ${problem}.`);
  // A sale charged to a customer head office does not have (their registration was rejected, or
  // arrives later) is still a sale: it is recorded, and its invoice waits as a draft that says why.
  const customerId = sale.invoice?.customer.id ?? null;
  const customerKnown = !customerId || (await findCustomer(tx, customerId)) !== undefined;
  const inserted = await tx
    .insert(sales)
    .values(saleRow(origin.registerId, sale, customerKnown))
    .onConflictDoNothing()
    .returning({ id: sales.id });
  if (inserted.length > 0) {
    await insertDrafts(tx, origin, [sale], now);
    return;
  }
  const [existing] = await tx.select({ id: sales.id }).from(sales).where(eq(sales.id, sale.id));
  if (existing) throw new Rejection('SALE_ALREADY_RECORDED', `Sale ${sale.id} was already recorded by another event.`);
  throw new Rejection('RECEIPT_NUMBER_CONFLICT', `Receipt number ${sale.receiptNumber} is already recorded for this register.`);
}
