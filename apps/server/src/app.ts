import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppOptions } from './options';
import './types';
import auth from './plugins/app/auth';
import db from './plugins/app/db';
import invoicing from './plugins/app/invoicing';
import cookie from './plugins/external/cookie';
import errorHandler from './plugins/external/error-handler';
import rateLimit from './plugins/external/rate-limit';
import swagger from './plugins/external/swagger';
import headOfficeRoutes from './routes/groups/head-office';
import publicRoutes from './routes/groups/public';
import syncRoutes from './routes/groups/sync';

/**
 * The whole server as one Fastify plugin: external plugins, then ours, then the routes in three
 * groups by who calls them, each with one guard (routes/groups): public, sync (registers) and
 * head office (people and API keys, with roles declared per route).
 */
export default async function app(fastify: FastifyInstance, opts: AppOptions): Promise<void> {
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);

  await fastify.register(swagger);
  await fastify.register(rateLimit);
  await fastify.register(errorHandler);
  await fastify.register(cookie);

  await fastify.register(db, opts);
  await fastify.register(auth, opts);
  await fastify.register(invoicing, opts);

  await fastify.register(publicRoutes, opts);
  await fastify.register(syncRoutes, { enrolRateLimit: opts.enrolRateLimit ?? 10 });
  await fastify.register(headOfficeRoutes);

  // A route under /api registered outside the groups would have no guard: refuse to start.
  fastify.addHook('onReady', async () => {
    const grouped = new Set(fastify.routeAccess.map((r) => `${r.method} ${r.url}`));
    const loose = fastify.routeTable.filter((r) => r.url.startsWith('/api') && !grouped.has(`${r.method} ${r.url}`));
    if (loose.length > 0) throw new Error(`Routes outside the route groups (no guard): ${loose.map((r) => `${r.method} ${r.url}`).join(', ')}`);
  });
}
