import { createHash, randomBytes, randomInt } from 'node:crypto';

// Tokens and keys carry 256 bits of randomness, so a fast hash is enough to make a stolen table
// useless; a memory-hard hash would only slow every request down.
export const sha256 = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export const newRegisterToken = (): string => `nrt_${randomBytes(32).toString('base64url')}`;
export const newApiKey = (): string => `nak_${randomBytes(32).toString('base64url')}`;

/** No 0/O, 1/I/L: the code is read off a screen and typed at a register. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ENROLMENT_CODE_LENGTH = 8;

export function newEnrolmentCode(): string {
  let code = '';
  for (let i = 0; i < ENROLMENT_CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Cashiers type codes with spaces, dashes or lower case; all of these mean the same code. */
export const normalizeEnrolmentCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');
