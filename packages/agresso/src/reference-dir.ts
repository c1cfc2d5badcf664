import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `<repo>/../shared/reference/agresso`, where Unit4's GL07 schema lives beside the repository (it
 * is not ours to copy into it). Null when that folder is not there.
 */
export function defaultReferenceDir(): string | null {
  // This file is <repo>/packages/agresso/src/reference-dir.ts.
  const dir = fileURLToPath(new URL('../../../../shared/reference/agresso/', import.meta.url));
  return existsSync(dir) ? dir : null;
}
