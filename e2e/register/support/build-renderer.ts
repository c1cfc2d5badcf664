// vitest globalSetup of the register's browser suite: one renderer build before any test file runs
// (test files run in parallel and must not build at the same time).
import { ensureRendererBuilt } from '@nota/register/shell';

export default function setup(): void {
  ensureRendererBuilt();
}
