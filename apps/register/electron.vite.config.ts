import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Our workspace packages ship TypeScript sources, so they are bundled; real npm dependencies
// (better-sqlite3 above all, a native addon) stay external and are packaged by electron-builder.
const here = dirname(fileURLToPath(import.meta.url));

const bundled = ['@nota/register-core', '@nota/protocol', '@nota/domain'];

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: bundled },
      rollupOptions: {
        input: {
          index: resolve(here, 'src/main/index.ts'),
          // Runs register-core in Electron's utility process, away from the window's main thread.
          'core-process': resolve(here, 'src/main/core-process.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require nothing but 'electron': one self-contained CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
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
