import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';

const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/healthz',
    {
      schema: {
        security: [],
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async () => {
      await fastify.db.read((db) => db.execute(sql`select 1`));
      return { status: 'ok' as const, database: fastify.db.kind };
    },
  );
  fastify.get('/docs/json', { schema: { hide: true } }, async () => fastify.swagger());
};
export default routes;
