import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Change, PullResponse } from '@nota/protocol';
import type { Queryable, Tx } from '../db/database';
import { changeFeed, registers } from '../db/schema';

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

/**
 * Changes only the registers of `costCentre` pull (see readChanges). `entityId` tells one cost
 * centre's row from another's of the same record, as `register_user` rows do with `id@code`.
 */
export async function appendCostCentreChanges(tx: Tx, costCentre: string, changes: readonly { entityId: string; change: Change }[]): Promise<void> {
  if (changes.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${FEED_LOCK})`);
  await tx
    .insert(changeFeed)
    .values(changes.map(({ entityId, change }) => ({ entity: change.entity, entityId, data: change.data, costCentre })))
    .onConflictDoUpdate({
      target: [changeFeed.entity, changeFeed.entityId],
      set: { seq: sql`excluded.seq`, data: sql`excluded.data`, costCentre: sql`excluded.cost_centre` },
    });
}

type RegisterUserChange = Extract<Change, { entity: 'register_user' }>['data'];

/**
 * A register user (and the PIN hash it signs in with) reaches the registers of its cost centre
 * only. When it moves, the registers of the cost centre it left get it once more, blanked and
 * inactive, in a row of their own, so it disappears there and no PIN hash stays behind.
 */
export async function appendRegisterUser(tx: Tx, user: RegisterUserChange, costCentre: string, left: string | null): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${FEED_LOCK})`);
  const rows = [{ entity: 'register_user', entityId: user.id, data: user, costCentre }];
  if (left !== null && left !== costCentre) {
    rows.push({ entity: 'register_user', entityId: `${user.id}@${left}`, data: { ...user, pinHash: '', active: false }, costCentre: left });
  }
  await tx
    .insert(changeFeed)
    .values(rows)
    .onConflictDoUpdate({
      target: [changeFeed.entity, changeFeed.entityId],
      set: { seq: sql`excluded.seq`, data: sql`excluded.data`, costCentre: sql`excluded.cost_centre` },
    });
  // Back where it was blanked: the live row serves that cost centre again.
  await tx.delete(changeFeed).where(and(eq(changeFeed.entity, 'register_user'), eq(changeFeed.entityId, `${user.id}@${costCentre}`)));
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

/** One register's page of the feed: the rows for every register and those for its cost centre. */
export async function readChanges(db: Queryable, registerId: string, cursor: number, limit: number): Promise<PullResponse> {
  const ownCostCentre = db.select({ code: registers.costCentre }).from(registers).where(eq(registers.id, registerId));
  const rows = await db
    .select({ entity: changeFeed.entity, seq: changeFeed.seq, data: changeFeed.data })
    .from(changeFeed)
    .where(and(gt(changeFeed.seq, cursor), or(isNull(changeFeed.costCentre), eq(changeFeed.costCentre, ownCostCentre))))
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
