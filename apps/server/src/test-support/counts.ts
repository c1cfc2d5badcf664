import { count } from 'drizzle-orm';
import type { Database } from '../db/database';
import { customers, processedEvents, sales } from '../db/schema';

/** What a rejected request must leave untouched. */
export async function storedCounts(database: Database) {
  return database.read(async (db) => {
    const [s] = await db.select({ n: count() }).from(sales);
    const [c] = await db.select({ n: count() }).from(customers);
    const [p] = await db.select({ n: count() }).from(processedEvents);
    return { sales: s?.n ?? 0, customers: c?.n ?? 0, processedEvents: p?.n ?? 0 };
  });
}
