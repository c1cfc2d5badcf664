import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultReferenceDir } from '../reference-dir';

/** The reference folder beside the repository; tests that need Unit4's schema fail loudly without it. */
export function referenceDir(): string {
  const dir = defaultReferenceDir();
  if (dir === null) throw new Error('../shared/reference/agresso (beside the repository) is missing; the GL07 schema tests need it');
  return dir;
}

export function referenceFile(name: string): string {
  return readFileSync(join(referenceDir(), name), 'utf8');
}
