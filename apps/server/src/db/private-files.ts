import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// The server's data holds customers' personal data, PIN hashes and the key that seals the Agresso
// password: none of it is for other users of the machine. Folders 0700, files 0600.
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Makes the folder (and its parents) if missing, and makes it private either way. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  chmodSync(dir, PRIVATE_DIR);
}

/**
 * Takes every right of group and others off a folder and all below it. PGlite sets 0666 on the
 * files it unpacks at its first start, and older installations were left that way.
 */
export function makeTreePrivate(root: string): void {
  const stat = lstatSync(root);
  if (stat.isDirectory()) {
    chmodSync(root, PRIVATE_DIR);
    for (const name of readdirSync(root)) makeTreePrivate(join(root, name));
  } else if (stat.isFile() && (stat.mode & 0o777) !== PRIVATE_FILE) {
    chmodSync(root, PRIVATE_FILE);
  }
}
