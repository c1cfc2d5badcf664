// vitest globalSetup of the back office's browser suite: one build before any test file runs.
import { ensureBackofficeBuilt } from '@nota/backoffice/build';

export default function setup(): void {
  ensureBackofficeBuilt();
}
