import { randomUUID } from 'node:crypto';
import type { RegisterSettings } from '@nota/protocol';
import type { Db } from '../db/open';
import { settings } from '../db/schema';

const DEFAULTS: Omit<RegisterSettings, 'registerId'> = {
  registerName: 'Kassa 1',
  // Head office's (settings/store-details.ts): unknown until the first pull, never a stand-in.
  storeName: null,
  companyName: null,
  companyOrgNumber: null,
  storeAddress: null,
  country: 'SE',
  language: 'sv',
  printerUrl: null,
  printerTimeoutMs: 3000,
  printerStatusCheck: true,
  deliveryNoteShowPrices: true,
  customerEditRole: 'manager',
};

export function readSettings(db: Db): RegisterSettings {
  const stored = Object.fromEntries(
    db.select().from(settings).all().map((row) => [row.key, row.value]),
  ) as Partial<RegisterSettings>;
  if (!stored.registerId) {
    // The register's identity is born with its database and never changes afterwards.
    const registerId = randomUUID();
    db.insert(settings).values({ key: 'registerId', value: registerId }).onConflictDoNothing().run();
    return readSettings(db);
  }
  return { ...DEFAULTS, ...stored, registerId: stored.registerId };
}

export function writeSettings(db: Db, patch: Partial<Omit<RegisterSettings, 'registerId'>>): RegisterSettings {
  db.transaction((tx) => {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || key === 'registerId') continue;
      tx.insert(settings)
        .values({ key, value })
        .onConflictDoUpdate({ target: settings.key, set: { value } })
        .run();
    }
  });
  return readSettings(db);
}
