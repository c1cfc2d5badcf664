import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Sale } from '@nota/protocol';
import type { Database } from '../../db/database';
import { invoiceDocuments, registers, sales } from '../../db/schema';
import { readConfig, writeConfig } from '../config/server-config';
import { insertDrafts } from './drafts';

const BATCH = 500;

/**
 * Invoice sales recorded before this server made invoice documents (an upgrade from an earlier
 * version) get their drafts, so no invoice sale is left without one. Runs at start until it has
 * once gone through every sale; from then on every invoice sale gets its draft when it is pushed,
 * and a start does not read the sales table again.
 */
export async function backfillDrafts(db: Database, now: Date): Promise<number> {
  if (await db.read((q) => readConfig(q, 'drafts-backfilled'))) return 0;
  let made = 0;
  for (;;) {
    const created = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ payload: sales.payload, registerId: sales.registerId, registerName: registers.name, costCentre: registers.costCentre })
        .from(sales)
        .innerJoin(registers, eq(registers.id, sales.registerId))
        .leftJoin(invoiceDocuments, eq(invoiceDocuments.saleId, sales.id))
        .where(and(isNull(invoiceDocuments.id), sql`jsonb_typeof(${sales.payload}->'invoice') = 'object'`))
        .limit(BATCH);
      let inserted = 0;
      for (const row of rows) {
        inserted += await insertDrafts(tx, { registerId: row.registerId, registerName: row.registerName, costCentre: row.costCentre }, [row.payload as Sale], now);
      }
      return { seen: rows.length, inserted };
    });
    made += created.inserted;
    // A sale with an invoice but nothing charged by invoice has no document to make; stop on a batch of those.
    if (created.seen < BATCH || created.inserted === 0) break;
  }
  await db.transaction((tx) => writeConfig(tx, 'drafts-backfilled', { at: now.toISOString() }, now));
  return made;
}
