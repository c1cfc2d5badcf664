import { backoffDelay } from '@nota/domain';
import type { EnrolResponse } from '@nota/protocol';
import { randomUUID } from 'node:crypto';
import { count, sql } from 'drizzle-orm';
import type { CoreContext } from '../context';
import { addNumberBlock, numbersRemaining } from '../customers/customer-numbers';
import { customerNumberBlocks, sales } from '../db/schema';
import { CoreError } from '../errors';
import { outboxStatus, pendingEvents, recordFailedAttempt, recordOutcomes } from '../outbox/outbox';
import { writeSettings } from '../settings/settings';
import { ensureSigningKey } from '../signing/signing-key';
import { joinCostCentre } from '../settings/store-details';
import { applyChangePage } from './apply-page';
import { markReported, openSetAsideCount, unreportedSetAside } from './set-aside';
import { createSyncClient, SyncError, type SyncClient } from './sync-client';
import { readSyncState, writeSyncState } from './sync-state';

export interface SyncEngineOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  batchSize?: number;
  pullPageSize?: number;
  /** Lease a new block of customer numbers when fewer than this remain. */
  refillNumbersBelow?: number;
  numberBlockSize?: number;
  intervalMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  random?: () => number;
  clientVersion?: string;
}

export interface SyncReport {
  pushed: number;
  rejected: number;
  pulled: number;
  leasedNumbers: number;
  /** Records of the change feed this round could not apply, set aside with their reasons. */
  setAside: number;
}

export interface SyncStatus {
  state: 'not-enrolled' | 'idle' | 'syncing' | 'offline' | 'refused';
  serverUrl: string | null;
  pending: number;
  rejected: number;
  /** Change-feed records set aside and not yet overtaken by a later version that applied. */
  setAside: number;
  oldestPendingAt: string | null;
  lastSyncAt: string | null;
  lastError: string | null;
  nextAttemptAt: string | null;
}

/**
 * Moves the outbox to the server and the server's changes to the register. It runs beside selling,
 * never in front of it: a sale only ever waits for its own SQLite commit. Pushing is in outbox order
 * and safe to repeat, because the server answers an event it already has as a duplicate.
 */
export class SyncEngine {
  readonly #ctx: CoreContext;
  readonly #opts: Required<Omit<SyncEngineOptions, 'fetch'>> & { fetch?: typeof fetch };
  #running: Promise<SyncReport> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #started = false;
  #failures = 0;
  #state: SyncStatus['state'] = 'idle';
  #lastError: string | null = null;
  #nextAttemptAt: Date | null = null;

  constructor(ctx: CoreContext, options: SyncEngineOptions = {}) {
    this.#ctx = ctx;
    this.#opts = {
      timeoutMs: 15_000,
      batchSize: 100,
      pullPageSize: 2_000,
      refillNumbersBelow: 200,
      numberBlockSize: 1_000,
      intervalMs: 5_000,
      backoff: { baseMs: 1_000, maxMs: 60_000 },
      random: Math.random,
      clientVersion: 'nota-register/0.1.0',
      ...options,
    };
  }

  #client(): SyncClient | null {
    const serverUrl = readSyncState(this.#ctx.db, 'serverUrl');
    const token = readSyncState(this.#ctx.db, 'token');
    if (!serverUrl || !token) return null;
    return createSyncClient({ serverUrl, token, timeoutMs: this.#opts.timeoutMs, ...(this.#opts.fetch ? { fetch: this.#opts.fetch } : {}) });
  }

  /** Exchanges a one-time enrolment code for this register's token, then takes the server's identity. */
  async enrol(serverUrl: string, code: string): Promise<EnrolResponse> {
    // A round still talking to the old server must not write its cursor or answers after the switch.
    const wasStarted = this.#started;
    await this.stop();
    try {
      return await this.#enrol(serverUrl, code);
    } finally {
      if (wasStarted) this.start();
    }
  }

  async #enrol(serverUrl: string, code: string): Promise<EnrolResponse> {
    const client = createSyncClient({ serverUrl, timeoutMs: this.#opts.timeoutMs, ...(this.#opts.fetch ? { fetch: this.#opts.fetch } : {}) });
    let answer: EnrolResponse;
    try {
      answer = await client.enrol({ code, clientVersion: this.#opts.clientVersion });
    } catch (err) {
      if (err instanceof SyncError) throw new CoreError(err.code ?? 'ENROLMENT_FAILED', err.message, 'code');
      throw err;
    }
    const { db } = this.#ctx;
    const [sold] = db.select({ n: count() }).from(sales).all();
    db.transaction((tx) => {
      writeSyncState(tx, 'serverUrl', serverUrl);
      writeSyncState(tx, 'token', answer.token);
      writeSyncState(tx, 'cursor', '0');
      joinCostCentre(tx, answer.costCentre);
      // Unused numbers were leased by whichever server enrolled us before; this one leases its own.
      tx.update(customerNumberBlocks).set({ lastNumber: sql`${customerNumberBlocks.nextNumber} - 1` }).run();
      // Norway's receipt-signing key is born here; its public half goes to the server just joined.
      ensureSigningKey(tx, this.#ctx.now(), true);
    });
    // A register that has not sold yet takes the id head office gave it, so both sides say the same.
    writeSettings(db, { registerName: answer.registerName });
    if ((sold?.n ?? 0) === 0) {
      this.#ctx.store.sqlite.prepare("UPDATE settings SET value = json_quote(?) WHERE key = 'registerId'").run(answer.registerId);
    }
    this.#state = 'idle';
    this.#lastError = null;
    return answer;
  }

  status(): SyncStatus {
    const outbox = outboxStatus(this.#ctx.db);
    const serverUrl = readSyncState(this.#ctx.db, 'serverUrl');
    return {
      state: serverUrl ? (this.#running ? 'syncing' : this.#state) : 'not-enrolled',
      serverUrl,
      ...outbox,
      setAside: openSetAsideCount(this.#ctx.db),
      lastSyncAt: readSyncState(this.#ctx.db, 'lastSyncAt'),
      lastError: this.#lastError,
      nextAttemptAt: this.#nextAttemptAt?.toISOString() ?? null,
    };
  }

  /** One full round: push everything pending, top up customer numbers, pull every page. */
  syncOnce(): Promise<SyncReport> {
    this.#running ??= this.#round().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #round(): Promise<SyncReport> {
    const client = this.#client();
    if (!client) throw new CoreError('NOT_ENROLLED', 'This register is not connected to a server yet. Enrol it with a code from the back office.');
    const report: SyncReport = { pushed: 0, rejected: 0, pulled: 0, leasedNumbers: 0, setAside: 0 };
    try {
      await this.#push(client, report);
      await this.#refillNumbers(client, report);
      await this.#pull(client, report);
      await this.#reportSetAside(client);
      writeSyncState(this.#ctx.db, 'lastSyncAt', this.#ctx.now().toISOString());
      this.#failures = 0;
      this.#state = 'idle';
      this.#lastError = null;
      return report;
    } catch (err) {
      this.#failures += 1;
      this.#lastError = err instanceof Error ? err.message : String(err);
      this.#state = err instanceof SyncError && !err.retryable ? 'refused' : 'offline';
      throw err;
    }
  }

  async #push(client: SyncClient, report: SyncReport): Promise<void> {
    const { db } = this.#ctx;
    for (;;) {
      const events = pendingEvents(db, this.#opts.batchSize);
      if (!events.length) return;
      const backlog = Math.max(0, outboxStatus(db).pending - events.length);
      let answer;
      try {
        answer = await client.push({ batchId: randomUUID(), events, backlog });
      } catch (err) {
        recordFailedAttempt(db, events.map((e) => e.id), err instanceof Error ? err.message : String(err));
        throw err;
      }
      const known = new Set(events.map((e) => e.id));
      const outcomes = answer.results.filter((r) => known.has(r.id));
      recordOutcomes(db, outcomes, this.#ctx.now().toISOString());
      report.pushed += outcomes.filter((o) => o.status !== 'rejected').length;
      report.rejected += outcomes.filter((o) => o.status === 'rejected').length;
      // An answer that leaves events of the batch unaccounted for would loop forever; stop and retry later.
      if (outcomes.length < events.length) throw new SyncError('protocol', `The server answered ${outcomes.length} of ${events.length} events.`);
    }
  }

  async #refillNumbers(client: SyncClient, report: SyncReport): Promise<void> {
    const { db } = this.#ctx;
    if (numbersRemaining(db).remaining >= this.#opts.refillNumbersBelow) return;
    const { block } = await client.leaseNumbers(this.#opts.numberBlockSize);
    addNumberBlock(db, block, this.#ctx.now().toISOString());
    report.leasedNumbers += block.lastNumber - block.firstNumber + 1;
  }

  async #pull(client: SyncClient, report: SyncReport): Promise<void> {
    const { db, store } = this.#ctx;
    let next = client.pull(readSyncState(db, 'cursor') ?? '0', this.#opts.pullPageSize);
    for (;;) {
      const page = await next;
      // Ask for the following page before applying this one, so the server works while SQLite does.
      if (page.hasMore) {
        next = client.pull(page.cursor, this.#opts.pullPageSize);
        next.catch(() => undefined); // awaited on the next turn; a failure there is reported then
      }
      const outcome = applyChangePage(store.sqlite, db, page.changes, page.cursor, this.#ctx.now().toISOString());
      report.pulled += outcome.applied;
      report.setAside += outcome.setAside;
      if (!page.hasMore) return;
    }
  }

  /** Tells head office about records this register set aside, so someone there can fix them. */
  async #reportSetAside(client: SyncClient): Promise<void> {
    const { db } = this.#ctx;
    for (;;) {
      const changes = unreportedSetAside(db, 500);
      if (!changes.length) return;
      await client.reportSetAside({ changes });
      markReported(db, changes.map((c) => c.id), this.#ctx.now().toISOString());
    }
  }

  /** Keeps syncing in the background: every interval when healthy, with jittered backoff when not. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#schedule(0);
  }

  /** Asks for a round soon, e.g. right after a sale, without waiting for the interval. */
  kick(): void {
    if (this.#started && !this.#running && this.#failures === 0) this.#schedule(0);
  }

  get busy(): boolean {
    return this.#running !== null;
  }

  async stop(): Promise<void> {
    this.#started = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
  }

  #schedule(delayMs: number): void {
    if (!this.#started) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#nextAttemptAt = new Date(Date.now() + delayMs);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (!readSyncState(this.#ctx.db, 'serverUrl')) return this.#schedule(this.#opts.intervalMs);
      this.syncOnce().then(
        () => this.#schedule(this.#opts.intervalMs),
        () => this.#schedule(Math.max(250, backoffDelay(this.#failures, this.#opts.backoff, this.#opts.random))),
      );
    }, delayMs);
    this.#timer.unref?.();
  }
}
