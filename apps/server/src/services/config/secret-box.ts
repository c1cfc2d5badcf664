import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { makePrivateDir } from '../../db/private-files';

/** A secret as stored: AES-256-GCM, so a copy of the database alone does not reveal it. */
export interface SealedSecret {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}

/** The stored secret was sealed with another key: another instance's, or one that was replaced. */
export class SecretKeyMismatch extends Error {
  constructor() {
    super(
      'A stored secret cannot be decrypted: this server runs with another secret key than the one it was saved with. ' +
        'Give every instance the same NOTA_SECRET_KEY, or save the Agresso connection again with its password.',
    );
    this.name = 'SecretKeyMismatch';
  }
}

export interface SecretBox {
  seal(plain: string): SealedSecret;
  open(sealed: SealedSecret): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error(`The secret key must be 32 bytes; it is ${key.length}.`);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return { v: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    },
    open(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretKeyMismatch();
      }
    },
  };
}

/**
 * The key that seals stored credentials: NOTA_SECRET_KEY (base64, 32 bytes) when set, which every
 * instance sharing a database must use; otherwise a key file made once beside the embedded data.
 */
export function loadSecretKey(options: { fromEnv?: string; keyFile?: string }): Buffer {
  if (options.fromEnv) {
    const key = Buffer.from(options.fromEnv, 'base64');
    if (key.length !== 32) throw new Error('NOTA_SECRET_KEY must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`).');
    return key;
  }
  if (!options.keyFile) return randomBytes(32);
  // The key lives beside the data it protects; both are the server user's alone.
  makePrivateDir(dirname(options.keyFile));
  if (existsSync(options.keyFile)) {
    chmodSync(options.keyFile, 0o600);
    return Buffer.from(readFileSync(options.keyFile, 'utf8').trim(), 'base64');
  }
  const key = randomBytes(32);
  writeFileSync(options.keyFile, key.toString('base64'), { mode: 0o600 });
  return key;
}
