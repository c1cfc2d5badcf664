import { and, asc, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { customerNumberBlocks, customers } from '../db/schema';
import { CoreError } from '../errors';

export interface NumberBlock {
  id: string;
  firstNumber: number;
  lastNumber: number;
}

/**
 * Records a block of customer numbers leased from the server. Idempotent by block id, so a lease
 * answer that arrives twice is harmless; a block overlapping another is refused.
 */
export function addNumberBlock(db: Db, block: NumberBlock, leasedAt: string): void {
  if (!Number.isSafeInteger(block.firstNumber) || block.firstNumber < 1 || block.lastNumber < block.firstNumber) {
    throw new CoreError('INVALID_NUMBER_BLOCK', `Block ${block.firstNumber}–${block.lastNumber} is not a valid range.`);
  }
  db.transaction((tx) => {
    const existing = tx.select().from(customerNumberBlocks).all();
    if (existing.some((b) => b.id === block.id)) return;
    const overlapping = existing.find(
      (b) => b.firstNumber <= block.lastNumber && block.firstNumber <= b.lastNumber,
    );
    if (overlapping) {
      throw new CoreError(
        'INVALID_NUMBER_BLOCK',
        `Block ${block.firstNumber}–${block.lastNumber} overlaps block ${overlapping.firstNumber}–${overlapping.lastNumber}.`,
      );
    }
    tx.insert(customerNumberBlocks)
      .values({ ...block, nextNumber: block.firstNumber, leasedAt })
      .run();
  });
}

/** Takes the next leased number; call inside the transaction that inserts the customer. */
export function takeCustomerNumber(db: Db): number {
  for (;;) {
    const block = db
      .select()
      .from(customerNumberBlocks)
      .where(lte(customerNumberBlocks.nextNumber, customerNumberBlocks.lastNumber))
      .orderBy(asc(customerNumberBlocks.firstNumber))
      .limit(1)
      .get();
    if (!block) {
      throw new CoreError(
        'CUSTOMER_NUMBERS_EXHAUSTED',
        'This register has no customer numbers left. Connect to the server so it can lease a new block, then save again.',
      );
    }
    db.update(customerNumberBlocks)
      .set({ nextNumber: block.nextNumber + 1 })
      .where(and(sql`${customerNumberBlocks.id} = ${block.id}`))
      .run();
    // A number already used (e.g. pulled from the server) is skipped rather than collided with.
    const taken = db.select({ n: customers.customerNumber }).from(customers).where(sql`${customers.customerNumber} = ${block.nextNumber}`).get();
    if (!taken) return block.nextNumber;
  }
}

export function numbersRemaining(db: Db): { remaining: number; nextNumber: number | null } {
  const row = db
    .select({
      remaining: sql<number>`coalesce(sum(${customerNumberBlocks.lastNumber} - ${customerNumberBlocks.nextNumber} + 1), 0)`,
      next: sql<number | null>`min(${customerNumberBlocks.nextNumber})`,
    })
    .from(customerNumberBlocks)
    .where(lte(customerNumberBlocks.nextNumber, customerNumberBlocks.lastNumber))
    .get();
  return { remaining: Number(row?.remaining ?? 0), nextNumber: row?.next ?? null };
}
