import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

// Served by the Nota server at `/` (apps/server/src/plugins/app/backoffice.ts), the API beside it under
// `/api/`. `npm run dev -w @nota/backoffice` proxies the API to a server on NOTA_SERVER (default :8080).
export default defineConfig({
  root: resolve(here, 'src'),
  base: '/',
  publicDir: false,
  // One bundle for a page people keep open all day; the domain's identity-number rules make it ~600 kB (190 kB gzipped).
  build: { outDir: resolve(here, 'dist'), emptyOutDir: true, chunkSizeWarningLimit: 1_000 },
  plugins: [react()],
  server: { proxy: { '/api': process.env.NOTA_SERVER ?? 'http://127.0.0.1:8080' } },
});
