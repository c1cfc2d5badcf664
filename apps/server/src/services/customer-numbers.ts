import { randomUUID } from 'node:crypto';
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { counters, customerNumberBlocks } from '../db/schema';

const COUNTER = 'customer_number';
export const FIRST_CUSTOMER_NUMBER = 10_001;

export async function ensureCustomerNumberCounter(tx: Tx): Promise<void> {
  await tx.insert(counters).values({ name: COUNTER, next: FIRST_CUSTOMER_NUMBER }).onConflictDoNothing();
}

/**
 * Takes `size` consecutive numbers. The UPDATE locks the single counter row until commit, so blocks
 * and head-office numbers can never overlap, whatever runs concurrently.
 */
export async function takeNumbers(tx: Tx, size: number): Promise<{ first: number; last: number }> {
  const [row] = await tx
    .update(counters)
    .set({ next: sql`${counters.next} + ${size}` })
    .where(eq(counters.name, COUNTER))
    .returning({ next: counters.next });
  if (!row) throw new Error('customer number counter missing: seed did not run');
  return { first: row.next - size, last: row.next - 1 };
}

export async function leaseBlock(tx: Tx, registerId: string, size: number) {
  const { first, last } = await takeNumbers(tx, size);
  const id = randomUUID();
  await tx.insert(customerNumberBlocks).values({ id, registerId, first, last });
  return { id, firstNumber: first, lastNumber: last };
}

export async function isLeasedTo(tx: Tx, registerId: string, customerNumber: number): Promise<boolean> {
  const rows = await tx
    .select({ id: customerNumberBlocks.id })
    .from(customerNumberBlocks)
    .where(
      and(
        eq(customerNumberBlocks.registerId, registerId),
        lte(customerNumberBlocks.first, customerNumber),
        gte(customerNumberBlocks.last, customerNumber),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
