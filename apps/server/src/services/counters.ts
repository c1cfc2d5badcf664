import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { counters } from '../db/schema';

export async function ensureCounter(tx: Tx, name: string, first: number): Promise<void> {
  await tx.insert(counters).values({ name, next: first }).onConflictDoNothing();
}

/**
 * Takes `size` consecutive numbers. The UPDATE locks the counter row until commit, so concurrent
 * takers queue and never overlap, and a rolled-back transaction gives its numbers back: no gaps.
 */
export async function takeFromCounter(tx: Tx, name: string, size: number): Promise<{ first: number; last: number }> {
  const [row] = await tx
    .update(counters)
    .set({ next: sql`${counters.next} + ${size}` })
    .where(eq(counters.name, name))
    .returning({ next: counters.next });
  if (!row) throw new Error(`counter '${name}' missing: seed did not run`);
  return { first: row.next - size, last: row.next - 1 };
}
