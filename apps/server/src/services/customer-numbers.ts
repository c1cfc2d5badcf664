import { randomUUID } from 'node:crypto';
import { and, eq, gte, lte } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { customerNumberBlocks } from '../db/schema';
import { ensureCounter, takeFromCounter } from './counters';

const COUNTER = 'customer_number';
export const FIRST_CUSTOMER_NUMBER = 10_001;

export async function ensureCustomerNumberCounter(tx: Tx): Promise<void> {
  await ensureCounter(tx, COUNTER, FIRST_CUSTOMER_NUMBER);
}

/** One counter for registers' blocks and head-office numbers, so the two can never overlap. */
export function takeNumbers(tx: Tx, size: number): Promise<{ first: number; last: number }> {
  return takeFromCounter(tx, COUNTER, size);
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
