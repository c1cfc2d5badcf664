import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eq } from 'drizzle-orm';
import { headOffice } from '@nota/protocol';
import { registers } from '../../../db/schema';
import { HttpError } from '../../../services/errors';
import { assertInScope } from '../../../services/auth/principal';
import { getZReport, listZReports } from '../../../services/z-reports';
import { routeOptions } from '../../route-options';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The register named in the path, when it exists and the caller may see it (a store manager: its own cost centre's). */
async function visibleRegister(fastify: FastifyInstance, request: FastifyRequest, id: string): Promise<void> {
  const [row] = await fastify.db.read((db) => db.select({ costCentre: registers.costCentre }).from(registers).where(eq(registers.id, id)));
  if (!row) throw new HttpError(404, 'UNKNOWN_REGISTER', `Register ${id} does not exist.`);
  assertInScope(request.principal!, row.costCentre);
}

const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.route({
    ...routeOptions(headOffice.registers.zReports),
    handler: async (request) => {
      await visibleRegister(fastify, request, request.params.id);
      return fastify.db.read((db) => listZReports(db, request.params.id, request.query.limit, request.query.before));
    },
  });

  fastify.route({
    ...routeOptions(headOffice.registers.zReport),
    handler: async (request) => {
      const { id, number } = request.params;
      await visibleRegister(fastify, request, id);
      const found = await fastify.db.read((db) => getZReport(db, id, number));
      if (!found) throw new HttpError(404, 'UNKNOWN_Z_REPORT', `Register ${id} has no Z report ${number}.`, 'number');
      return found;
    },
  });
};
export default routes;
