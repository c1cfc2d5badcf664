import { asc, gt, sql } from 'drizzle-orm';
import type { Change, PullResponse } from '@nota/protocol';
import type { Queryable, Tx } from '../db/database';
import { changeFeed } from '../db/schema';

// Every feed writer holds this lock from taking its seq until commit, so seqs become visible in
// increasing order and a reader paging by `seq > cursor` never skips a row committed late.
export const FEED_LOCK = 727_002;
const CHUNK = 1_000;

export async function appendChanges(tx: Tx, changes: readonly Change[]): Promise<void> {
  if (changes.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${FEED_LOCK})`);
  for (let i = 0; i < changes.length; i += CHUNK) {
    const rows = changes.slice(i, i + CHUNK).map((c) => ({ entity: c.entity, entityId: entityId(c), data: c.data }));
    await tx
      .insert(changeFeed)
      .values(rows)
      .onConflictDoUpdate({
        target: [changeFeed.entity, changeFeed.entityId],
        set: { seq: sql`excluded.seq`, data: sql`excluded.data` },
      });
  }
}

function entityId(change: Change): string {
  switch (change.entity) {
    case 'setting':
      return change.data.key;
    case 'seller': // one seller per head office
      return 'seller';
    case 'cost_centre':
      return change.data.code;
    default:
      return change.data.id;
  }
}

export async function readChanges(db: Queryable, cursor: number, limit: number): Promise<PullResponse> {
  const rows = await db
    .select({ entity: changeFeed.entity, seq: changeFeed.seq, data: changeFeed.data })
    .from(changeFeed)
    .where(gt(changeFeed.seq, cursor))
    .orderBy(asc(changeFeed.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    changes: page.map((r) => ({ entity: r.entity, data: r.data }) as Change),
    cursor: String(last ? last.seq : cursor),
    hasMore: rows.length > limit,
  };
}
