import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The register's renderer runs in a browser: its tests get a DOM (jsdom) and React's JSX transform.
const rendererTests = ['apps/register/src/renderer/**/*.test.{ts,tsx}', 'packages/web-kit/src/**/*.test.{ts,tsx}'];

export default defineConfig({
  test: {
    // better-sqlite3 and raw sockets are happiest in separate processes.
    pool: 'forks',
    testTimeout: 20_000,
    // Suites start embedded PostgreSQL (PGlite) in beforeAll; on a busy 2-core machine that alone takes seconds.
    hookTimeout: 30_000,
    reporters: ['default', './scripts/totals-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'e2e/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...rendererTests],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'renderer',
          include: rendererTests,
          environment: 'jsdom',
          setupFiles: ['apps/register/src/renderer/test-setup.ts'],
        },
      },
    ],
  },
});
