import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The register's renderer runs in a browser: its tests get a DOM (jsdom) and React's JSX transform.
// The register in Chromium: its own project, so the renderer is built once before its files run.
const browserTests = ['e2e/register/**/*.test.ts'];
const backofficeBrowserTests = ['e2e/backoffice/**/*.test.ts'];
const rendererTests = ['apps/register/src/renderer/**/*.test.{ts,tsx}', 'packages/web-kit/src/**/*.test.{ts,tsx}', 'apps/backoffice/src/**/*.test.{ts,tsx}'];

export default defineConfig({
  test: {
    // better-sqlite3 and raw sockets are happiest in separate processes.
    pool: 'forks',
    // Vitest's default is one file at a time on a 2-core machine (cores - 1), and most of our files
    // spend their time waiting: on child processes, simulated Agresso pace, sockets. Three at a time
    // keep both cores busy while some wait; VITEST_MAX_WORKERS overrides it.
    maxWorkers: 3,
    testTimeout: 20_000,
    // Suites start embedded PostgreSQL (PGlite) in beforeAll; three files at once on 2 cores stretch that to tens of seconds.
    hookTimeout: 60_000,
    reporters: ['default', './scripts/totals-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'e2e/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...rendererTests, ...browserTests, ...backofficeBrowserTests],
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
      {
        extends: true,
        test: {
          name: 'browser',
          include: browserTests,
          globalSetup: ['e2e/register/support/build-renderer.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The back office in Chromium: its own project, so the app is built once before its file runs.
        extends: true,
        test: {
          name: 'backoffice-browser',
          include: backofficeBrowserTests,
          globalSetup: ['e2e/backoffice/support/build-backoffice.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
