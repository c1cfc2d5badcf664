import { randomBytes, scryptSync } from 'node:crypto';

// Must produce exactly register-core's users/pin.ts format, since registers verify these hashes.
// Copied rather than imported: the server does not depend on register-core.
const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, KEY_LENGTH, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}
