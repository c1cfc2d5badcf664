import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { numberSeries } from '../db/schema';

export type SeriesName = 'receipt' | 'delivery-note' | 'z-report';

/**
 * Takes the next number of a per-register series. Must run inside the transaction that uses the
 * number: a rollback then returns it, so the series never has a gap.
 */
export function takeNextNumber(db: Db, name: SeriesName): number {
  const row = db
    .update(numberSeries)
    .set({ nextNumber: sql`${numberSeries.nextNumber} + 1` })
    .where(eq(numberSeries.name, name))
    .returning({ taken: sql<number>`${numberSeries.nextNumber} - 1` })
    .get();
  if (row) return row.taken;
  db.insert(numberSeries).values({ name, nextNumber: 2 }).run();
  return 1;
}
