import { count, desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { processedEvents, sales } from '../../../db/schema';
import { CountQuery, RejectedEvent, SaleRow, SalesQuery, errorResponses } from '../../../schemas/admin';

const routes: FastifyPluginAsyncZod = async (fastify) => {
  const auth = { onRequest: [fastify.requireApiKey] };

  fastify.get(
    '/api/sync/rejected-events',
    { ...auth, schema: { response: { 200: z.object({ events: z.array(RejectedEvent) }), ...errorResponses } } },
    async () => {
      const rows = await fastify.db.read((db) =>
        db
          .select()
          .from(processedEvents)
          .where(eq(processedEvents.status, 'rejected'))
          .orderBy(desc(processedEvents.receivedAt))
          .limit(1_000),
      );
      return {
        events: rows.map((r) => ({
          eventId: r.eventId,
          registerId: r.registerId,
          type: r.type,
          reason: { code: r.reasonCode ?? '', message: r.reasonMessage ?? '' },
          payload: r.payload,
          receivedAt: r.receivedAt.toISOString(),
        })),
      };
    },
  );

  fastify.get(
    '/api/sales',
    { ...auth, schema: { querystring: SalesQuery, response: { 200: z.object({ sales: z.array(SaleRow) }), ...errorResponses } } },
    async (request) => {
      const { registerId, limit } = request.query;
      const rows = await fastify.db.read((db) =>
        db
          .select({
            id: sales.id,
            registerId: sales.registerId,
            receiptNumber: sales.receiptNumber,
            completedAt: sales.completedAt,
            totalOre: sales.totalOre,
            customerId: sales.customerId,
          })
          .from(sales)
          .where(registerId ? eq(sales.registerId, registerId) : undefined)
          .orderBy(desc(sales.completedAt))
          .limit(limit),
      );
      return { sales: rows.map((r) => ({ ...r, completedAt: r.completedAt.toISOString() })) };
    },
  );

  fastify.get(
    '/api/sales/count',
    { ...auth, schema: { querystring: CountQuery, response: { 200: z.object({ count: z.int() }), ...errorResponses } } },
    async (request) => {
      const { registerId } = request.query;
      const [row] = await fastify.db.read((db) =>
        db.select({ n: count() }).from(sales).where(registerId ? eq(sales.registerId, registerId) : undefined),
      );
      return { count: row?.n ?? 0 };
    },
  );
};
export default routes;
