import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PushEnvelope, PushResponse, SYNC_ROUTES } from '@nota/protocol';
import { errorResponses } from '../../../schemas/admin';
import { processBatch } from '../../../services/push';

const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    SYNC_ROUTES.push,
    {
      schema: { body: PushEnvelope, response: { 200: PushResponse, ...errorResponses } },
    },
    async (request) => {
      const registerId = request.registerId!;
      const now = fastify.now();
      // In order: a later event may depend on an earlier one (sale → customer).
      const results = await processBatch(fastify.db, registerId, request.body, now, request.log);
      const counts = { applied: 0, duplicate: 0, rejected: 0 };
      for (const r of results) counts[r.status] += 1;
      request.log.info({ registerId, batchId: request.body.batchId, ...counts }, 'push');
      // Invoice sales left drafts behind; activation runs off the push path.
      if (counts.applied > 0) fastify.invoicing.nudge();
      return { results, serverTime: now.toISOString() };
    },
  );
};
export default routes;
