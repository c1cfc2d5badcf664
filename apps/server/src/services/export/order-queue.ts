import { desc, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { exportBatches } from '../../db/schema';

/** What a GL07 order costs on Agresso's process server: a start, then each voucher. */
export interface OrderCosts {
  gl07StartMs: number;
  gl07PerVoucherMs: number;
}

/**
 * When Agresso's process server can have run our GL07 orders that are sent or about to be, on the
 * clock of `now`: they run one after another, each its start cost and a cost per voucher, the sent
 * ones in the order they were sent, those being prepared after them. With `through`, only as far as
 * that batch: when its own order can have run, behind the ones queued before it. Agresso also runs
 * others' jobs, so this is the earliest, never a promise.
 */
export async function queueEnd(q: Queryable, now: Date, costs: OrderCosts, through?: number): Promise<number> {
  const open = await q
    .select({ id: exportBatches.id, sendStartedAt: exportBatches.sendStartedAt, vouchers: exportBatches.vouchers })
    .from(exportBatches)
    .where(inArray(exportBatches.state, ['preparing', 'sent']));
  const start = (b: (typeof open)[number]) => b.sendStartedAt?.getTime() ?? now.getTime();
  let end = 0;
  for (const b of open.sort((a, b) => start(a) - start(b) || a.id - b.id)) {
    end = Math.max(end, start(b)) + costs.gl07StartMs + costs.gl07PerVoucherMs * b.vouchers;
    if (b.id === through) break;
  }
  return end;
}

/**
 * When our process-server queue last ran dry, as far as Nota saw: the latest batch that was done (its
 * vouchers settled), among the last few batches (ids are handed out in order, so these are the
 * latest; no scan of the whole history). Null when none is.
 */
export async function lastBatchDone(q: Queryable): Promise<Date | null> {
  const recent = await q.select({ doneAt: exportBatches.doneAt }).from(exportBatches).orderBy(desc(exportBatches.id)).limit(20);
  const done = recent.flatMap((b) => (b.doneAt ? [b.doneAt.getTime()] : []));
  return done.length > 0 ? new Date(Math.max(...done)) : null;
}
