import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'e2e/**/*.test.ts'],
    // better-sqlite3 and raw sockets are happiest in separate processes.
    pool: 'forks',
    testTimeout: 20_000,
    // Suites start embedded PostgreSQL (PGlite) in beforeAll; on a busy 2-core machine that alone takes seconds.
    hookTimeout: 30_000,
    reporters: ['default', './scripts/totals-reporter.ts'],
  },
});
