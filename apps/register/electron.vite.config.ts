import { cpSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = dirname(fileURLToPath(import.meta.url));

// Our workspace packages ship TypeScript sources, so they are bundled; the app's npm dependencies
// (better-sqlite3 above all, a native addon rebuilt for Electron) stay external and are packaged
// by electron-builder.
const bundled = ['@nota/register-core', '@nota/protocol', '@nota/domain'];

/**
 * register-core finds its SQLite migrations at '../../drizzle' from its own code. Bundled into
 * a chunk in out/main/chunks/, that is out/drizzle: copy them there.
 */
function coreMigrations(): Plugin {
  return {
    name: 'nota-core-migrations',
    closeBundle() {
      cpSync(resolve(here, '../../packages/register-core/drizzle'), resolve(here, 'out/drizzle'), { recursive: true });
    },
  };
}

export default defineConfig({
  main: {
    plugins: [coreMigrations()],
    build: {
      externalizeDeps: { exclude: bundled },
      rolldownOptions: {
        input: {
          index: resolve(here, 'src/main/index.ts'),
          // register-core, run in Electron's utility process away from the window's main process.
          'core/core-process': resolve(here, 'src/main/core-process.ts'),
        },
        output: {
          // CommonJS, the format every Electron version runs in its main and utility processes.
          format: 'cjs',
          entryFileNames: '[name].cjs',
          chunkFileNames: 'chunks/[name]-[hash].cjs',
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require nothing but 'electron': one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(here, 'src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(here, 'src/renderer'),
    base: './',
    build: { outDir: resolve(here, 'out/renderer') },
    plugins: [react()],
  },
});
