import { desc } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IsoDateTime, SetAsideChange, SetAsideReport, SetAsideReportResponse, SYNC_ROUTES } from '@nota/protocol';
import { setAsideChanges } from '../../../db/schema';
import { errorResponses } from '../../../schemas/admin';

/** Head office's list; registers report at SYNC_ROUTES.setAside, with their own token. */
const SetAsideChangeView = SetAsideChange.extend({ registerId: Id, receivedAt: IsoDateTime });

/**
 * Records of the change feed a register could not apply: registers report them, head office lists
 * them (next to the rejected events) to fix the record, whose next version then reaches the register.
 */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    SYNC_ROUTES.setAside,
    {
      onRequest: [fastify.requireRegister, fastify.requireProtocol],
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

  fastify.get(
    '/api/sync/set-aside-changes',
    {
      onRequest: [fastify.requireApiKey],
      schema: { response: { 200: z.object({ changes: z.array(SetAsideChangeView) }), ...errorResponses } },
    },
    async () => {
      const rows = await fastify.db.read((db) => db.select().from(setAsideChanges).orderBy(desc(setAsideChanges.receivedAt)).limit(1_000));
      return {
        changes: rows.map((r) => ({ ...r, setAsideAt: r.setAsideAt.toISOString(), receivedAt: r.receivedAt.toISOString() })),
      };
    },
  );
};
export default routes;
