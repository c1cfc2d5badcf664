import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// Argon2id (the library's default algorithm) with OWASP's minimum: 19 MiB, 2 passes, 1 lane.
// Memory-hard, so a stolen table costs an attacker memory per guess, not just GPU time.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

let dummy: Promise<string> | null = null;

/**
 * Whether `password` matches `stored`. With no stored hash (an unknown user) a dummy hash is
 * checked all the same, so the answer takes as long and says nothing about which usernames exist.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    dummy ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await dummy, password);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    // A hash the library cannot read matches nothing.
    return false;
  }
}
