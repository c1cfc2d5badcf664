import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SetAsideReport, SetAsideReportResponse, SYNC_ROUTES } from '@nota/protocol';
import { setAsideChanges } from '../../../db/schema';
import { errorResponses } from '../../../schemas/admin';

/**
 * Records of the change feed a register could not apply: registers report them here; head office lists
 * them (admin/reports.ts, next to the rejected events) to fix the record, whose next version then reaches the register.
 */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    SYNC_ROUTES.setAside,
    {
      schema: { body: SetAsideReport, response: { 200: SetAsideReportResponse, ...errorResponses } },
    },
    async (request) => {
      const registerId = request.registerId!;
      const rows = request.body.changes.map((c) => ({ ...c, registerId, setAsideAt: new Date(c.setAsideAt), receivedAt: fastify.now() }));
      await fastify.db.statement((db) => db.insert(setAsideChanges).values(rows).onConflictDoNothing());
      request.log.warn({ registerId, count: rows.length }, 'register set change-feed records aside');
      return { received: rows.length };
    },
  );
};
export default routes;
