import { and, asc, count, eq, min } from 'drizzle-orm';
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
