import { and, eq, notExists } from 'drizzle-orm';
import type { SellerProfile } from '@nota/domain';
import type { Change } from '@nota/protocol';
import type { Tx } from '../db/database';
import { changeFeed, costCentres } from '../db/schema';
import { appendChanges } from './change-feed';
import { readConfig } from './config/server-config';

// What a register prints at the head of a delivery note: head office's seller and its own store.
// Both go out through the change feed, so a register has them after its pull, offline too.

/** Only what the note shows; bank accounts and payment terms stay at head office. */
export const sellerChange = (seller: Pick<SellerProfile, 'name' | 'orgNumber'>): Change => ({
  entity: 'seller',
  data: { name: seller.name, orgNumber: seller.orgNumber },
});

export const costCentreChange = (costCentre: { code: string; name: string; address: string | null }): Change => ({
  entity: 'cost_centre',
  data: { code: costCentre.code, name: costCentre.name, address: costCentre.address },
});

/**
 * Feeds the seller and cost centres saved before registers were sent them (runs at every start;
 * what is in the feed already is left alone).
 */
export async function feedMissingStoreDetails(tx: Tx): Promise<void> {
  const changes: Change[] = [];
  const [sellerFed] = await tx.select({ seq: changeFeed.seq }).from(changeFeed).where(eq(changeFeed.entity, 'seller'));
  const seller = sellerFed ? null : await readConfig(tx, 'seller');
  if (seller) changes.push(sellerChange(seller));
  const unfed = await tx
    .select({ code: costCentres.code, name: costCentres.name, address: costCentres.address })
    .from(costCentres)
    .where(
      notExists(
        tx.select({ seq: changeFeed.seq }).from(changeFeed).where(and(eq(changeFeed.entity, 'cost_centre'), eq(changeFeed.entityId, costCentres.code))),
      ),
    );
  changes.push(...unfed.map(costCentreChange));
  await appendChanges(tx, changes);
}
