import { eq, sql } from 'drizzle-orm';
import { BAS_DEFAULT_MAPPING, type AccountingMapping, type SellerProfile } from '@nota/domain';
import type { Queryable, Tx } from '../../db/database';
import { counters, serverConfig } from '../../db/schema';
import { ensureCounter } from '../counters';
import type { SealedSecret } from './secret-box';

/** The stored Agresso connection; the password only ever sealed. */
export interface AgressoConnectionConfig {
  baseUrl: string;
  username: string;
  client: string;
  password: SealedSecret;
  timeoutMs: number;
  gl07: { menuId: string; variant: number };
  cs15: { menuId: string; variant: number };
  confirmationTemplateId: number;
}

interface ConfigValues {
  /** Made once per database; keeps batch ids unique in Agresso even if numbering ever restarts. */
  installation: { id: string };
  /** Set once every invoice sale recorded before invoicing existed has its draft (backfill.ts). */
  'drafts-backfilled': { at: string };
  seller: SellerProfile;
  'accounting-mapping': AccountingMapping;
  'agresso-connection': AgressoConnectionConfig;
}
export type ConfigKey = keyof ConfigValues;

export async function readConfig<K extends ConfigKey>(db: Queryable, key: K): Promise<ConfigValues[K] | null> {
  const [row] = await db.select({ value: serverConfig.value }).from(serverConfig).where(eq(serverConfig.key, key));
  return row ? (row.value as ConfigValues[K]) : null;
}

/**
 * Every settings save bumps one counter in its transaction. An export step notes it before reading
 * the settings; if it has moved by the time the step would block a job on what it read, a save came
 * in between and the job is tried again instead (the counter's row lock orders the two).
 */
const SETTINGS_VERSION = 'settings_version';
export const ensureSettingsVersion = (tx: Tx) => ensureCounter(tx, SETTINGS_VERSION, 1);

export async function settingsVersion(db: Queryable, lock = false): Promise<number> {
  const query = db.select({ next: counters.next }).from(counters).where(eq(counters.name, SETTINGS_VERSION));
  const [row] = lock ? await query.for('share') : await query;
  return row?.next ?? 0;
}

export async function writeConfig<K extends ConfigKey>(tx: Tx, key: K, value: ConfigValues[K], now: Date): Promise<void> {
  await tx.update(counters).set({ next: sql`${counters.next} + 1` }).where(eq(counters.name, SETTINGS_VERSION));
  await tx
    .insert(serverConfig)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: serverConfig.key, set: { value, updatedAt: now } });
}

/** Until head office saves its own, the BAS defaults (with the Agresso-specific fields still empty). */
export async function readMapping(db: Queryable): Promise<AccountingMapping> {
  return (await readConfig(db, 'accounting-mapping')) ?? BAS_DEFAULT_MAPPING;
}
