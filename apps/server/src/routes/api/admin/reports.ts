import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { headOffice } from '@nota/protocol';
import type { Executor } from '../../../db/database';
import { processedEvents, registers, sales, setAsideChanges } from '../../../db/schema';
import { assertInScope, scopeOf, type Principal } from '../../../services/auth/principal';
import { HttpError } from '../../../services/errors';
import { routeOptions } from '../../route-options';

/** Head office's list; registers report at SYNC_ROUTES.setAside, with their own token. */

/** Rows of registers the principal may see: all of them, or a store manager's cost centres'. */
function ofVisibleRegisters(db: Executor, p: Principal, registerId: AnyPgColumn): SQL | undefined {
  const scope = scopeOf(p);
  if (scope === null) return undefined;
  return inArray(registerId, db.select({ id: registers.id }).from(registers).where(inArray(registers.costCentre, scope)));
}

/** What registers sent and what they could not take: every role, a store manager its own registers'. */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  /** A named register must be one the principal may see. */
  const checkRegister = async (p: Principal, registerId: string | undefined) => {
    if (!registerId || scopeOf(p) === null) return;
    const [row] = await fastify.db.read((db) => db.select({ costCentre: registers.costCentre }).from(registers).where(eq(registers.id, registerId)));
    if (!row) throw new HttpError(404, 'UNKNOWN_REGISTER', `Register ${registerId} does not exist.`, 'registerId');
    assertInScope(p, row.costCentre, 'registerId');
  };

  fastify.route({
    ...routeOptions(headOffice.syncReports.rejectedEvents),
    handler: async (request) => {
      const rows = await fastify.db.read((db) =>
        db
          .select()
          .from(processedEvents)
          .where(and(eq(processedEvents.status, 'rejected'), ofVisibleRegisters(db, request.principal!, processedEvents.registerId)))
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
  });

  fastify.route({
    ...routeOptions(headOffice.syncReports.setAsideChanges),
    handler: async (request) => {
      const rows = await fastify.db.read((db) =>
        db
          .select()
          .from(setAsideChanges)
          .where(ofVisibleRegisters(db, request.principal!, setAsideChanges.registerId))
          .orderBy(desc(setAsideChanges.receivedAt))
          .limit(1_000),
      );
      return {
        changes: rows.map((r) => ({ ...r, setAsideAt: r.setAsideAt.toISOString(), receivedAt: r.receivedAt.toISOString() })),
      };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.sales.list),
    handler: async (request) => {
      const { registerId, limit } = request.query;
      await checkRegister(request.principal!, registerId);
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
          .where(and(registerId ? eq(sales.registerId, registerId) : undefined, ofVisibleRegisters(db, request.principal!, sales.registerId)))
          .orderBy(desc(sales.completedAt))
          .limit(limit),
      );
      return { sales: rows.map((r) => ({ ...r, completedAt: r.completedAt.toISOString() })) };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.sales.count),
    handler: async (request) => {
      const { registerId } = request.query;
      await checkRegister(request.principal!, registerId);
      const [row] = await fastify.db.read((db) =>
        db
          .select({ n: count() })
          .from(sales)
          .where(and(registerId ? eq(sales.registerId, registerId) : undefined, ofVisibleRegisters(db, request.principal!, sales.registerId))),
      );
      return { count: row?.n ?? 0 };
    },
  });
};
export default routes;
