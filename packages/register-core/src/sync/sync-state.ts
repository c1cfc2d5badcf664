import { eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { syncState } from '../db/schema';

/** costCentre: the code of the cost centre the register was enrolled in (whose store it prints). */
export type SyncStateKey = 'serverUrl' | 'token' | 'cursor' | 'lastSyncAt' | 'costCentre';

export function readSyncState(db: Db, key: SyncStateKey): string | null {
  return db.select({ value: syncState.value }).from(syncState).where(eq(syncState.key, key)).get()?.value ?? null;
}

export function writeSyncState(db: Db, key: SyncStateKey, value: string): void {
  db.insert(syncState).values({ key, value }).onConflictDoUpdate({ target: syncState.key, set: { value } }).run();
}
