import type { Tx } from '../../db/database';
import { ensureCounter, takeFromCounter } from '../counters';

// Invoices and credit invoices share one gapless series, as in the ledger.
const COUNTER = 'invoice_number';
export const FIRST_INVOICE_NUMBER = 1;

export const ensureInvoiceNumberCounter = (tx: Tx) => ensureCounter(tx, COUNTER, FIRST_INVOICE_NUMBER);

/** Numbers for `size` documents activated in this transaction, in order; returned to the series if it rolls back. */
export async function takeInvoiceNumbers(tx: Tx, size: number): Promise<number[]> {
  if (size === 0) return [];
  const { first } = await takeFromCounter(tx, COUNTER, size);
  return Array.from({ length: size }, (_, i) => first + i);
}
