import { journalCodes, type JournalCodeName, type JournalEntry } from '@nota/protocol';
import { asc, desc, gt, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open';
import { journal } from '../db/schema';
import { appendEvent } from '../outbox/outbox';

export interface JournalLine {
  code: JournalCodeName;
  at: Date;
  userId: string | null;
  saleId?: string | null;
  amountOre?: number | null;
  detail?: string | null;
}

/**
 * Writes a line to the journal and its `journal.logged` event together. Pass the transaction of the
 * act it records (a copy with its print, a Z report with its totals), so neither exists without the
 * other; on its own it opens one. The next `seq` is read in the same transaction: no gaps, no doubles.
 */
export function logEvent(db: Db, line: JournalLine): JournalEntry {
  return db.transaction((tx) => {
    const [last] = tx.select({ seq: journal.seq }).from(journal).orderBy(desc(journal.seq)).limit(1).all();
    const entry: JournalEntry = {
      id: randomUUID(),
      seq: (last?.seq ?? 0) + 1,
      code: journalCodes[line.code],
      occurredAt: line.at.toISOString(),
      userId: line.userId,
      saleId: line.saleId ?? null,
      amountOre: line.amountOre ?? null,
      detail: line.detail ?? null,
    };
    tx.insert(journal).values(entry).run();
    appendEvent(tx, { type: 'journal.logged', entry }, entry.occurredAt);
    return entry;
  });
}

/** Journal lines after `afterSeq`, oldest first. */
export function readJournal(db: Db, afterSeq = 0, limit = 500): JournalEntry[] {
  return db
    .select()
    .from(journal)
    .where(gt(journal.seq, afterSeq))
    .orderBy(asc(journal.seq))
    .limit(limit)
    .all() as JournalEntry[];
}

/** How many lines of a kind fall in [from, to): what X and Z reports count (copies, drawer openings). */
export function countJournal(db: Db, code: JournalCodeName, from: string, to: string): number {
  const [row] = db
    .select({ n: sql<number>`count(*)` })
    .from(journal)
    .where(sql`${journal.code} = ${journalCodes[code]} and ${journal.occurredAt} >= ${from} and ${journal.occurredAt} < ${to}`)
    .all();
  return row?.n ?? 0;
}
