import { asc, eq } from 'drizzle-orm';
import type { ApiKeyView, CreateApiKeyRequest } from '@nota/protocol';
import type { Queryable } from '../../db/database';
import { apiKeys } from '../../db/schema';
import { newApiKey, sha256 } from '../secrets';
import { checkedCostCentres } from './users';

type KeyRow = typeof apiKeys.$inferSelect;

export const toApiKeyView = (k: KeyRow): ApiKeyView => ({
  id: k.id,
  name: k.name,
  role: k.role,
  costCentres: k.costCentres,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null,
});

export async function listApiKeys(db: Queryable): Promise<ApiKeyView[]> {
  return (await db.select().from(apiKeys).orderBy(asc(apiKeys.createdAt))).map(toApiKeyView);
}

/** The key is returned once; only its SHA-256 is kept (256 random bits need no slow hash). */
export async function createApiKey(tx: Queryable, input: CreateApiKeyRequest, now: Date): Promise<{ row: KeyRow; key: string }> {
  const costCentres = await checkedCostCentres(tx, input.role, input.costCentres);
  const key = newApiKey();
  const [row] = await tx.insert(apiKeys).values({ hash: sha256(key), name: input.name, role: input.role, costCentres, createdAt: now }).returning();
  return { row: row!, key };
}

export async function findApiKey(db: Queryable, id: string): Promise<KeyRow | null> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id)).for('update');
  return row ?? null;
}

export async function revokeApiKey(tx: Queryable, id: string, now: Date): Promise<KeyRow> {
  const [row] = await tx.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id)).returning();
  return row!;
}
