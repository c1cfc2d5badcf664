import { randomBytes } from 'node:crypto';
import { isNull, sql } from 'drizzle-orm';
import { SWEDISH_VAT_RATES } from '@nota/domain';
import type { Change } from '@nota/protocol';
import type { Database } from '../db/database';
import { apiKeys, paymentMethods, serverConfig, vatRates } from '../db/schema';
import { appendChanges } from './change-feed';
import { ensureCustomerNumberCounter } from './customer-numbers';
import { ensureSettingsVersion } from './config/server-config';
import { ensureInvoiceNumberCounter } from './invoices/invoice-numbers';
import { feedMissingPaymentMethods } from './payment-methods';
import { newApiKey, sha256 } from './secrets';
import { feedMissingStoreDetails } from './store-details-feed';

const PAYMENT_METHODS = [
  { id: 'cash', name: 'Kontant', enabled: true },
  { id: 'card', name: 'Kort', enabled: true },
  { id: 'invoice', name: 'Faktura', enabled: true },
] as const;

/** Idempotent: runs at every start, and only what is missing is inserted and fed to registers. */
export async function seed(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await ensureCustomerNumberCounter(tx);
    await ensureInvoiceNumberCounter(tx);
    await ensureSettingsVersion(tx);
    await tx
      .insert(serverConfig)
      .values({ key: 'installation', value: { id: randomBytes(4).toString('hex') }, updatedAt: new Date() })
      .onConflictDoNothing();
    const rates = await tx
      .insert(vatRates)
      .values(SWEDISH_VAT_RATES.map((r) => ({ id: `${r.code}-${r.validFrom}`, ...r })))
      .onConflictDoNothing()
      .returning();
    await tx.insert(paymentMethods).values([...PAYMENT_METHODS]).onConflictDoNothing();
    const changes: Change[] = rates.map((data) => ({ entity: 'vat_rate' as const, data }));
    await appendChanges(tx, changes);
    await feedMissingStoreDetails(tx);
    // Payment methods go to each cost centre's registers with what is active there.
    await feedMissingPaymentMethods(tx);
  });
}

/**
 * There is no default credential: the first start takes the administrator's key from the
 * environment, or makes one and returns it so the caller can show it once.
 */
export async function ensureAdminApiKey(db: Database, fromEnv: string | undefined): Promise<string | null> {
  return db.transaction(async (tx) => {
    // Two instances starting together must not both create a key.
    await tx.execute(sql`select pg_advisory_xact_lock(727003)`);
    const existing = await tx.select({ hash: apiKeys.hash }).from(apiKeys).where(isNull(apiKeys.revokedAt)).limit(1);
    if (existing.length > 0) return null;
    const key = fromEnv ?? newApiKey();
    await tx.insert(apiKeys).values({ hash: sha256(key), name: fromEnv ? 'NOTA_ADMIN_API_KEY' : 'set-up key' });
    return fromEnv ? null : key;
  });
}
