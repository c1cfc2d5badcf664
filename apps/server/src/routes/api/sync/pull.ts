import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PullQuery, PullResponse, SYNC_ROUTES } from '@nota/protocol';
import { errorResponses } from '../../../schemas/admin';
import { readChanges } from '../../../services/change-feed';

const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    SYNC_ROUTES.pull,
    {
      schema: { querystring: PullQuery, response: { 200: PullResponse, ...errorResponses } },
    },
    async (request) =>
      fastify.db.read((db) => readChanges(db, request.registerId!, Number(request.query.cursor), request.query.limit)),
  );
};
export default routes;
