import type { Change } from '@nota/protocol';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { settings } from '../db/schema';
import { readSyncState, writeSyncState } from '../sync/sync-state';

// Who the register sells for, as its delivery notes say: head office's seller and the register's own
// store (its cost centre). They come from head office, never from defaults: until the pull has
// brought them they are unknown (no row), and a note leaves them out rather than print a stand-in.

type StoreDetailsChange = Extract<Change, { entity: 'seller' | 'cost_centre' }>;

function put(db: Db, key: 'storeName' | 'storeAddress' | 'companyName' | 'companyOrgNumber', value: string | null): void {
  if (value === null) db.delete(settings).where(eq(settings.key, key)).run();
  else db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}

/** Applies a seller or cost-centre record of the change feed; other registers' cost centres are ignored. */
export function applyStoreDetails(db: Db, change: StoreDetailsChange): void {
  if (change.entity === 'seller') {
    put(db, 'companyName', change.data.name);
    put(db, 'companyOrgNumber', change.data.orgNumber);
  } else if (change.data.code === readSyncState(db, 'costCentre')) {
    put(db, 'storeName', change.data.name);
    put(db, 'storeAddress', change.data.address);
  }
}

/** At enrolment: the store the register now belongs to. Its address comes with the pull that follows. */
export function joinCostCentre(db: Db, costCentre: { code: string; name: string }): void {
  writeSyncState(db, 'costCentre', costCentre.code);
  put(db, 'storeName', costCentre.name);
  put(db, 'storeAddress', null);
}
