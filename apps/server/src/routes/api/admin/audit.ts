import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { headOffice } from '@nota/protocol';
import { readAudit } from '../../../services/audit';
import { routeOptions } from '../../route-options';

/** Who changed what, newest first: administrators only. */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.route({
    ...routeOptions(headOffice.audit.list),
    handler: async (request) => fastify.db.read((db) => readAudit(db, request.query)),
  });
};
export default routes;
