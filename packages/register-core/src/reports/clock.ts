import { journalCodes, type DayNotice } from '@nota/protocol';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { logEvent } from '../journal/journal';
import { periodStart } from './period';

const CLOCK_SET_BACK = 'clock set back';

/**
 * A sale timed before the register's last one means the clock was set back (or drifted): that would
 * blur which day a sale belongs to, so it is logged (once per last sale) for a manager to see. Runs in
 * the sale's transaction, before the sale is written.
 */
export function noticeClockSetBack(tx: Db, at: Date, userId: string): void {
  const iso = at.toISOString();
  const last = tx.get<{ latest: string | null }>(sql`SELECT max(completed_at) AS latest FROM sales`);
  if (!last?.latest || last.latest <= iso) return;
  const detail = `${CLOCK_SET_BACK}: the time is ${iso}, the last sale was at ${last.latest}`;
  const known = tx.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM journal WHERE code = ${journalCodes.other} AND detail LIKE ${`${CLOCK_SET_BACK}:%the last sale was at ${last.latest}`}`,
  );
  if (known && known.n > 0) return;
  logEvent(tx, { code: 'other', at, userId, detail });
}

/** The clock warnings of the open period, for the banner a manager sees. */
export function dayNotices(db: Db): DayNotice[] {
  const { lastJournalSeq } = periodStart(db);
  return db
    .all<{ id: string; occurredAt: string; detail: string }>(
      sql`SELECT id, occurred_at AS occurredAt, detail FROM journal
           WHERE seq > ${lastJournalSeq} AND code = ${journalCodes.other} AND detail LIKE ${`${CLOCK_SET_BACK}:%`} ORDER BY seq`,
    )
    .map((row) => ({ ...row, kind: 'clock-set-back' as const }));
}
