import { and, asc, count, eq, inArray, min, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { SyncEvent } from '@nota/protocol';
import type { Db } from '../db/open';
import { outbox } from '../db/schema';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewEvent = DistributiveOmit<SyncEvent, 'id' | 'v' | 'occurredAt'>;

/**
 * Appends a sync event. Call it inside the transaction that writes the data it describes, so the
 * data and its event become durable together or not at all.
 */
export function appendEvent(db: Db, event: NewEvent, occurredAt: string): SyncEvent {
  const full = { ...event, v: 1, id: randomUUID(), occurredAt } as SyncEvent;
  db.insert(outbox)
    .values({ id: full.id, type: full.type, payload: full, createdAt: occurredAt })
    .run();
  return full;
}

export function pendingEvents(db: Db, limit: number): SyncEvent[] {
  return db
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(eq(outbox.status, 'pending'))
    .orderBy(asc(outbox.seq))
    .limit(limit)
    .all()
    .map((row) => row.payload as SyncEvent);
}

export function outboxStatus(db: Db): { pending: number; rejected: number; oldestPendingAt: string | null } {
  const [pending] = db
    .select({ n: count(), oldest: min(outbox.createdAt) })
    .from(outbox)
    .where(eq(outbox.status, 'pending'))
    .all();
  const [rejected] = db
    .select({ n: count() })
    .from(outbox)
    .where(and(eq(outbox.status, 'rejected')))
    .all();
  return { pending: pending?.n ?? 0, rejected: rejected?.n ?? 0, oldestPendingAt: pending?.oldest ?? null };
}

export interface EventOutcome {
  id: string;
  status: 'applied' | 'duplicate' | 'rejected';
  reason?: { code: string; message: string } | undefined;
}

/**
 * Records the server's answer per event. Applied and duplicate both mean the server has it; a rejected
 * event is kept, with the reason, for a person to see: it is never deleted.
 */
export function recordOutcomes(db: Db, outcomes: readonly EventOutcome[], at: string): void {
  db.transaction((tx) => {
    for (const outcome of outcomes) {
      tx.update(outbox)
        .set(
          outcome.status === 'rejected'
            ? { status: 'rejected', lastError: `${outcome.reason?.code ?? 'REJECTED'}: ${outcome.reason?.message ?? ''}`, acknowledgedAt: at }
            : { status: 'acknowledged', lastError: null, acknowledgedAt: at },
        )
        .where(and(eq(outbox.id, outcome.id), eq(outbox.status, 'pending')))
        .run();
    }
  });
}

export function recordFailedAttempt(db: Db, ids: readonly string[], error: string): void {
  if (!ids.length) return;
  db.update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error })
    .where(inArray(outbox.id, [...ids]))
    .run();
}

export function rejectedEvents(db: Db, limit: number) {
  return db
    .select({ id: outbox.id, type: outbox.type, createdAt: outbox.createdAt, reason: outbox.lastError, payload: outbox.payload })
    .from(outbox)
    .where(eq(outbox.status, 'rejected'))
    .orderBy(asc(outbox.seq))
    .limit(limit)
    .all()
    .map((row) => ({ ...row, reason: row.reason ?? '', payload: row.payload as SyncEvent }));
}
