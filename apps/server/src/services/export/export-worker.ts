import { randomBytes } from 'node:crypto';
import { and, asc, getTableColumns, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database';
import { exportJobs } from '../../db/schema';
import { startLoop, type Loop } from '../background/loop';
import { runExportStep, type ClaimedJob, type StepContext } from './export-step';

const ACTIVE_STATES = ['pending', 'waiting-customer', 'sent'] as const;

/**
 * Claims the next due job for this worker in one statement: SKIP LOCKED lets several workers and
 * server instances look at the queue at once without ever taking the same job, and the lease (not a
 * held row lock) covers the time spent talking to Agresso. A worker that dies loses its lease and
 * another resumes. Leases are read and written on the database's clock, so instances whose clocks
 * differ agree on them.
 */
export async function claimJob(db: Database, owner: string, now: Date, leaseMs: number): Promise<ClaimedJob | null> {
  const due = (q: Executor) =>
    q
    .select({ id: exportJobs.documentId })
    .from(exportJobs)
    .where(
      and(
        inArray(exportJobs.state, [...ACTIVE_STATES]),
        lte(exportJobs.nextAttemptAt, now),
        or(isNull(exportJobs.leaseExpiresAt), lt(exportJobs.leaseExpiresAt, sql`now()`)),
      ),
    )
    .orderBy(asc(exportJobs.nextAttemptAt))
    .limit(1)
    .for('update', { skipLocked: true });
  const [claimed] = await db.statement((q) =>
    q
      .update(exportJobs)
      .set({ leaseOwner: owner, leaseExpiresAt: sql`now() + ${leaseMs} * interval '1 millisecond'` })
      .where(inArray(exportJobs.documentId, due(q)))
      .returning(CLAIMED_COLUMNS),
  );
  return claimed ?? null;
}

// Everything but the stored XML, which a step never needs back.
const { xml: _xml, ...CLAIMED_COLUMNS } = getTableColumns(exportJobs);

export interface ExportWorker {
  nudge(): void;
  stop(): Promise<void>;
}

/** `concurrency` loops, each taking one job at a time. */
export function startExportWorker(
  deps: Omit<StepContext, 'owner'> & { db: Database; concurrency: number; pollMs: number; onError: (error: unknown) => void; turn?: () => Promise<void> },
): ExportWorker {
  const loops: Loop[] = Array.from({ length: deps.concurrency }, () => {
    const ctx: StepContext = { ...deps, owner: `w-${randomBytes(6).toString('hex')}` };
    return startLoop(
      async () => {
        const job = await claimJob(deps.db, ctx.owner, deps.now(), deps.timings.leaseMs);
        if (!job) return false;
        await runExportStep(ctx, job);
        return true;
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
