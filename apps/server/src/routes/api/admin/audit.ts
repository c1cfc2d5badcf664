import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINISTRATION_ROUTES, AuditPage, AuditQuery } from '@nota/protocol';
import { errorResponses } from '../../../schemas/admin';
import { readAudit } from '../../../services/audit';
import { ADMINISTRATORS } from '../../../services/auth/principal';

/** Who changed what, newest first: administrators only. */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    ADMINISTRATION_ROUTES.audit.path,
    { config: { roles: ADMINISTRATORS }, schema: { querystring: AuditQuery, response: { 200: AuditPage, ...errorResponses } } },
    async (request) => fastify.db.read((db) => readAudit(db, request.query)),
  );
};
export default routes;
