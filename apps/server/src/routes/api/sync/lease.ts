import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LeaseNumbersRequest, LeaseNumbersResponse, SYNC_ROUTES } from '@nota/protocol';
import { errorResponses } from '../../../schemas/admin';
import { leaseBlock } from '../../../services/customer-numbers';

const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    SYNC_ROUTES.leaseNumbers,
    {
      schema: { body: LeaseNumbersRequest, response: { 200: LeaseNumbersResponse, ...errorResponses } },
    },
    async (request) => {
      const registerId = request.registerId!;
      const block = await fastify.db.transaction((tx) => leaseBlock(tx, registerId, request.body.size));
      request.log.info({ registerId, block }, 'customer numbers leased');
      return { block };
    },
  );
};
export default routes;
