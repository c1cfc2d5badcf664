import { createPublicKey } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { SyncEvent } from '@nota/protocol';
import type { Queryable, Tx } from '../../db/database';
import { registerSigningKeys } from '../../db/schema';
import { Rejection } from '../errors';

type RegisterKeyEvent = Extract<SyncEvent, { type: 'register.key' }>;

/**
 * Keeps a register's public signing key (Norway), by version. A register announces its key again when it
 * enrols anew: the same key is a no-op, another key under a version already known is refused, since
 * receipts signed with the first could no longer be verified.
 */
export async function recordRegisterKey(tx: Tx, registerId: string, event: RegisterKeyEvent): Promise<void> {
  assertSigningKey(event.publicKeyPem);
  const inserted = await tx
    .insert(registerSigningKeys)
    .values({ registerId, keyVersion: event.keyVersion, algorithm: event.algorithm, publicKeyPem: event.publicKeyPem })
    .onConflictDoNothing()
    .returning({ version: registerSigningKeys.keyVersion });
  if (inserted.length > 0) return;
  const [known] = await tx
    .select({ pem: registerSigningKeys.publicKeyPem })
    .from(registerSigningKeys)
    .where(and(eq(registerSigningKeys.registerId, registerId), eq(registerSigningKeys.keyVersion, event.keyVersion)));
  if (known?.pem !== event.publicKeyPem) {
    throw new Rejection('SIGNING_KEY_CONFLICT', `Key version ${event.keyVersion} of this register is already recorded with another public key.`);
  }
}

/** Skatteetaten's rule: RSA, 1024 bits, exponent 65537. */
function assertSigningKey(pem: string): void {
  let details;
  try {
    const key = createPublicKey(pem);
    details = key.asymmetricKeyType === 'rsa' ? key.asymmetricKeyDetails : undefined;
  } catch {
    throw new Rejection('SIGNING_KEY_INVALID', 'publicKeyPem: not a readable public key.');
  }
  if (details?.modulusLength !== 1024 || details.publicExponent !== 65537n) {
    throw new Rejection('SIGNING_KEY_INVALID', 'publicKeyPem: a receipt-signing key is RSA with 1024 bits and exponent 65537.');
  }
}

/** Every public key head office holds for these registers, by register and version. */
export async function registerKeys(db: Queryable, registerIds: readonly string[]): Promise<Map<string, Map<number, string>>> {
  const byRegister = new Map<string, Map<number, string>>();
  if (registerIds.length === 0) return byRegister;
  const rows = await db.select().from(registerSigningKeys).where(inArray(registerSigningKeys.registerId, [...registerIds]));
  for (const row of rows) {
    let versions = byRegister.get(row.registerId);
    if (!versions) byRegister.set(row.registerId, (versions = new Map()));
    versions.set(row.keyVersion, row.publicKeyPem);
  }
  return byRegister;
}
