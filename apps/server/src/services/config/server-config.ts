import { eq } from 'drizzle-orm';
import { BAS_DEFAULT_MAPPING, type AccountingMapping, type SellerProfile } from '@nota/domain';
import type { Queryable, Tx } from '../../db/database';
import { serverConfig } from '../../db/schema';
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
  seller: SellerProfile;
  'accounting-mapping': AccountingMapping;
  'agresso-connection': AgressoConnectionConfig;
}
export type ConfigKey = keyof ConfigValues;

export async function readConfig<K extends ConfigKey>(db: Queryable, key: K): Promise<ConfigValues[K] | null> {
  const [row] = await db.select({ value: serverConfig.value }).from(serverConfig).where(eq(serverConfig.key, key));
  return row ? (row.value as ConfigValues[K]) : null;
}

export async function writeConfig<K extends ConfigKey>(tx: Tx, key: K, value: ConfigValues[K], now: Date): Promise<void> {
  await tx
    .insert(serverConfig)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: serverConfig.key, set: { value, updatedAt: now } });
}

/** Until head office saves its own, the BAS defaults (with the Agresso-specific fields still empty). */
export async function readMapping(db: Queryable): Promise<AccountingMapping> {
  return (await readConfig(db, 'accounting-mapping')) ?? BAS_DEFAULT_MAPPING;
}
