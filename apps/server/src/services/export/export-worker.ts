import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { exportJobs } from '../../db/schema';
import { startLoop, type Loop } from '../background/loop';
import { runExportStep, type ExportJob, type StepContext } from './export-step';

const ACTIVE_STATES = ['pending', 'waiting-customer', 'sent'] as const;

/**
 * Claims the next due job for this worker: SKIP LOCKED lets several workers and server instances
 * look at the queue at once without ever taking the same job, and the lease (not a held row lock)
 * covers the time spent talking to Agresso. A worker that dies loses its lease and another resumes.
 */
export async function claimJob(db: Database, owner: string, now: Date, leaseMs: number): Promise<ExportJob | null> {
  return db.transaction(async (tx) => {
    const [due] = await tx
      .select({ documentId: exportJobs.documentId })
      .from(exportJobs)
      .where(
        and(
          inArray(exportJobs.state, [...ACTIVE_STATES]),
          lte(exportJobs.nextAttemptAt, now),
          // Leases are read and written on the database's clock, so instances whose clocks differ agree.
          or(isNull(exportJobs.leaseExpiresAt), lt(exportJobs.leaseExpiresAt, sql`now()`)),
        ),
      )
      .orderBy(asc(exportJobs.nextAttemptAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!due) return null;
    const [claimed] = await tx
      .update(exportJobs)
      .set({ leaseOwner: owner, leaseExpiresAt: sql`now() + ${leaseMs} * interval '1 millisecond'` })
      .where(eq(exportJobs.documentId, due.documentId))
      .returning();
    return claimed ?? null;
  });
}

export interface ExportWorker {
  nudge(): void;
  stop(): Promise<void>;
}

/** `concurrency` loops, each taking one job at a time. */
export function startExportWorker(
  deps: Omit<StepContext, 'owner'> & { db: Database; concurrency: number; pollMs: number; onError: (error: unknown) => void },
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
      { pollMs: deps.pollMs, onError: deps.onError },
    );
  });
  return {
    nudge: () => loops.forEach((l) => l.nudge()),
    stop: async () => {
      await Promise.all(loops.map((l) => l.stop()));
    },
  };
}
