import { generateKeyPairSync } from 'node:crypto';
import { desc } from 'drizzle-orm';
import type { Db } from '../db/open';
import { signingKeys } from '../db/schema';
import { appendEvent } from '../outbox/outbox';

/** Skatteetaten's rule: RSA with a 1024-bit modulus and exponent 65537, SHA-1 digest. */
const MODULUS_BITS = 1024;
const PUBLIC_EXPONENT = 65537;

export interface SigningKey {
  version: number;
  privateKeyPem: string;
  publicKeyPem: string;
}

/** The register's current (highest) key version, or null before it has one. */
export function currentSigningKey(db: Db): SigningKey | null {
  const row = db.select().from(signingKeys).orderBy(desc(signingKeys.version)).limit(1).get();
  return row ? { version: row.version, privateKeyPem: row.privateKeyPem, publicKeyPem: row.publicKeyPem } : null;
}

/**
 * Makes key version 1 if the register has no key yet, and (made now or earlier) queues its public half
 * for head office in a `register.key` event: at enrolment, so each server the register joins gets it.
 * Run it inside a transaction, so the key and its event exist together.
 */
export function ensureSigningKey(db: Db, at: Date, announce: boolean): SigningKey {
  let key = currentSigningKey(db);
  if (!key) {
    const pair = generateKeyPairSync('rsa', {
      modulusLength: MODULUS_BITS,
      publicExponent: PUBLIC_EXPONENT,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    key = { version: 1, privateKeyPem: pair.privateKey, publicKeyPem: pair.publicKey };
    db.insert(signingKeys).values({ ...key, createdAt: at.toISOString() }).run();
    announce = true;
  }
  if (announce) announceKey(db, key, at);
  return key;
}

function announceKey(db: Db, key: SigningKey, at: Date): void {
  // Only these three fields: the event is built here, so the private key cannot ride along.
  appendEvent(db, { type: 'register.key', keyVersion: key.version, algorithm: 'RSA-SHA1', publicKeyPem: key.publicKeyPem }, at.toISOString());
}
