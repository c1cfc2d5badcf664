import { existsSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppOptions } from '../../options';

/** Where `npm run build` puts the back office (apps/backoffice/dist). */
export const BACKOFFICE_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../backoffice/dist');

/**
 * The built app's own files and nothing else: no inline script or style, no other origin, no framing.
 * The API it calls is on the same origin, so `connect-src 'self'` is all it needs.
 */
export const BACKOFFICE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

/** Paths that belong to the server: never answered with the app's page, so a typo there is a clean 404. */
const SERVER_PATHS = /^\/(api|docs|healthz)(\/|$)/;

const MISSING_BUILD = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Nota back office not built</title></head>
<body><h1>The back office is not built yet</h1><p>Run <code>npm run build</code> in the repository (or start with <code>npm start</code>,
which builds what is missing), then reload this page. The API is served under <code>/api/</code> meanwhile.</p></body></html>`;

/**
 * Serves the back office at `/`: its files as they are, and its page (index.html) for every other address
 * the app routes itself (/customers, /invoices/…). Hashed assets are cached for good; the page never, so a
 * new build is picked up at the next load.
 */
export default fp<AppOptions>(
  async (fastify: FastifyInstance, opts) => {
    const root = resolve(opts.backofficeDir ?? BACKOFFICE_DIST);
    await fastify.register(fastifyStatic, { root, serve: false });

    const built = () => existsSync(resolve(root, 'index.html'));
    const fileIn = (path: string): string | null => {
      const file = resolve(root, `.${path}`);
      if (!file.startsWith(root + sep)) return null;
      return existsSync(file) && statSync(file).isFile() ? file.slice(root.length + 1) : null;
    };

    fastify.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const path = decodeURIComponent(request.url.split('?')[0] ?? '/');
      if (SERVER_PATHS.test(path)) return reply.callNotFound();
      reply.header('content-security-policy', BACKOFFICE_CSP).header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
      if (!built()) return reply.code(404).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(MISSING_BUILD);
      const file = path === '/' ? null : fileIn(path);
      if (file) return reply.sendFile(file, { maxAge: file.startsWith('assets/') ? '365d' : 0, immutable: file.startsWith('assets/') });
      // A file that is not there (an old asset, a typo) is a 404; an app address gets the app's page.
      if (/\.[a-z0-9]+$/i.test(path)) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    });
  },
  { name: 'backoffice' },
);
