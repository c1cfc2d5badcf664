import { randomBytes } from 'node:crypto';
import { and, asc, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database';
import { exportBatches } from '../../db/schema';
import { startLoop, type Loop } from '../background/loop';
import { runBatchStep, type BatchRow, type StepContext } from './batch-step';
import { runCustomerStage } from './customer-stage';
import { gatherBatch } from './export-gather';

/**
 * Claims the next due batch for this worker in one statement: SKIP LOCKED lets several workers and
 * server instances look at the queue at once without ever taking the same batch, and the lease (not
 * a held row lock) covers the time spent talking to Agresso. A worker that dies loses its lease and
 * another resumes. Leases are read and written on the database's clock, so instances whose clocks
 * differ agree on them.
 */
export async function claimBatch(db: Database, owner: string, now: Date, leaseMs: number): Promise<BatchRow | null> {
  const due = (q: Executor) =>
    q
      .select({ id: exportBatches.id })
      .from(exportBatches)
      .where(
        and(
          inArray(exportBatches.state, ['preparing', 'sent']),
          lte(exportBatches.nextAttemptAt, now),
          or(isNull(exportBatches.leaseExpiresAt), lt(exportBatches.leaseExpiresAt, sql`now()`)),
        ),
      )
      .orderBy(asc(exportBatches.nextAttemptAt))
      .limit(1)
      .for('update', { skipLocked: true });
  const [claimed] = await db.statement((q) =>
    q
      .update(exportBatches)
      .set({ leaseOwner: owner, leaseExpiresAt: sql`now() + ${leaseMs} * interval '1 millisecond'` })
      .where(inArray(exportBatches.id, due(q)))
      .returning(),
  );
  return claimed ?? null;
}

export interface ExportWorker {
  nudge(): void;
  stop(): Promise<void>;
}

/**
 * `concurrency` loops, each taking one batch step at a time; when no batch is due, making sure of
 * the customers that waiting invoices need (the customer stage), then gathering the invoices whose
 * customers are ready into a new batch. Several batches can be on their way at once: Agresso queues their
 * orders and runs them one after another.
 */
export function startExportWorker(
  deps: Omit<StepContext, 'owner'> & { db: Database; concurrency: number; pollMs: number; onError: (error: unknown) => void; turn?: () => Promise<void> },
): ExportWorker {
  const customerChecks = new Map();
  // One customer stage at a time in this server: each customer is looked up once, not once per loop.
  // One gathering at a time too: loops gathering side by side would split the ready invoices between
  // them (SKIP LOCKED), each a smaller batch, and each scan of the queue costs the database the same.
  const once = <T,>(run: (ctx: StepContext) => Promise<T>, idle: T) => {
    let running = false;
    return async (ctx: StepContext) => {
      if (running) return idle;
      running = true;
      try {
        return await run(ctx);
      } finally {
        running = false;
      }
    };
  };
  const stage = once(runCustomerStage, false);
  const gather = once(async () => (await gatherBatch(deps.db, deps.now(), deps.timings)) !== null, false);
  const loops: Loop[] = Array.from({ length: deps.concurrency }, () => {
    const ctx: StepContext = { ...deps, owner: `w-${randomBytes(6).toString('hex')}`, customerChecks };
    return startLoop(
      async () => {
        const batch = await claimBatch(deps.db, ctx.owner, deps.now(), deps.timings.leaseMs);
        if (batch) {
          await runBatchStep(ctx, batch);
          return true;
        }
        if (await stage(ctx)) return true;
        return gather(ctx);
      },
      { pollMs: deps.pollMs, onError: deps.onError, ...(deps.turn ? { turn: deps.turn } : {}) },
    );
  });
  return {
    nudge: () => loops.forEach((l) => l.nudge()),
    stop: async () => {
      await Promise.all(loops.map((l) => l.stop()));
    },
  };
}
