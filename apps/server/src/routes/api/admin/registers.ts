import { randomUUID } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { headOffice, RegisterView } from '@nota/protocol';
import type { Tx } from '../../../db/database';
import { costCentres, enrolmentCodes, registers } from '../../../db/schema';
import { appendChanges } from '../../../services/change-feed';
import { HttpError } from '../../../services/errors';
import { newEnrolmentCode, sha256 } from '../../../services/secrets';
import { costCentreChange } from '../../../services/store-details-feed';
import { feedMissingPaymentMethods } from '../../../services/payment-methods';
import { assertInScope, scopeOf } from '../../../services/auth/principal';
import { audit } from '../../../services/audit';
import { routeOptions } from '../../route-options';

const CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;

type RegisterRow = typeof registers.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toView = (r: RegisterRow): z.infer<typeof RegisterView> => ({
  id: r.id,
  name: r.name,
  costCentre: r.costCentre,
  createdAt: r.createdAt.toISOString(),
  enrolledAt: iso(r.enrolledAt),
  revoked: r.revokedAt !== null,
  lastSeenAt: iso(r.lastSeenAt),
  reportedBacklog: r.reportedBacklog,
});

async function issueCode(tx: Tx, registerId: string, now: Date) {
  const code = newEnrolmentCode();
  const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS);
  await tx.insert(enrolmentCodes).values({ codeHash: sha256(code), registerId, createdAt: now, expiresAt });
  return { enrolmentCode: code, expiresAt: expiresAt.toISOString() };
}

const routes: FastifyPluginAsyncZod = async (fastify) => {

  fastify.route({
    ...routeOptions(headOffice.costCentres.save),
    handler: async (request) => {
      const { code, name } = request.body;
      const address = request.body.address?.trim() || null;
      await fastify.db.transaction(async (tx) => {
        const [before] = await tx.select({ code: costCentres.code, name: costCentres.name, address: costCentres.address }).from(costCentres).where(eq(costCentres.code, code)).for('update');
        await tx.insert(costCentres).values({ code, name, address }).onConflictDoUpdate({ target: costCentres.code, set: { name, address } });
        await appendChanges(tx, [costCentreChange({ code, name, address })]);
        await feedMissingPaymentMethods(tx, code);
        const change = { entity: 'cost-centre', entityId: code, action: before ? 'update' : 'create', oldValue: before, newValue: { code, name, address } } as const;
        await audit(tx, request.principal, change, fastify.now());
      });
      return { code, name, address };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.costCentres.list),
    handler: async (request) => {
      const scope = scopeOf(request.principal!);
      return {
        costCentres: await fastify.db.read((db) =>
          db
            .select({ code: costCentres.code, name: costCentres.name, address: costCentres.address })
            .from(costCentres)
            .where(scope ? inArray(costCentres.code, scope) : undefined)
            .orderBy(asc(costCentres.code)),
        ),
      };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.registers.create),
    handler: async (request) => {
      assertInScope(request.principal!, request.body.costCentreCode, 'costCentreCode');
      const now = fastify.now();
      return fastify.db.transaction(async (tx) => {
        const [cc] = await tx.select().from(costCentres).where(eq(costCentres.code, request.body.costCentreCode));
        if (!cc) {
          throw new HttpError(404, 'UNKNOWN_COST_CENTRE', `Cost centre '${request.body.costCentreCode}' does not exist.`, 'costCentreCode');
        }
        const [row] = await tx
          .insert(registers)
          .values({ id: randomUUID(), name: request.body.name, costCentre: cc.code, createdAt: now })
          .returning();
        await audit(tx, request.principal, { entity: 'register', entityId: row!.id, action: 'create', newValue: toView(row!) }, now);
        return { register: toView(row!), ...(await issueCode(tx, row!.id, now)) };
      });
    },
  });

  fastify.route({
    ...routeOptions(headOffice.registers.newEnrolmentCode),
    handler: async (request) => {
      const now = fastify.now();
      return fastify.db.transaction(async (tx) => {
        const [row] = await tx.select().from(registers).where(eq(registers.id, request.params.id));
        if (!row) throw new HttpError(404, 'UNKNOWN_REGISTER', `Register ${request.params.id} does not exist.`);
        assertInScope(request.principal!, row.costCentre);
        if (row.revokedAt) throw new HttpError(409, 'REGISTER_REVOKED', 'A revoked register cannot be enrolled again; create a new one.');
        // The code itself is a credential: the log says one was issued, never which.
        await audit(tx, request.principal, { entity: 'register', entityId: row.id, action: 'enrolment-code-issued' }, now);
        return { register: toView(row), ...(await issueCode(tx, row.id, now)) };
      });
    },
  });

  fastify.route({
    ...routeOptions(headOffice.registers.revoke),
    handler: async (request) => {
      const now = fastify.now();
      const [row] = await fastify.db.transaction(async (tx) => {
        const [existing] = await tx.select().from(registers).where(eq(registers.id, request.params.id)).for('update');
        if (existing) assertInScope(request.principal!, existing.costCentre);
        if (!existing || existing.revokedAt) return existing ? [existing] : [];
        const revoked = await tx.update(registers).set({ revokedAt: now }).where(eq(registers.id, request.params.id)).returning();
        await audit(tx, request.principal, { entity: 'register', entityId: existing.id, action: 'revoke', oldValue: toView(existing), newValue: toView(revoked[0]!) }, now);
        return revoked;
      });
      if (!row) throw new HttpError(404, 'UNKNOWN_REGISTER', `Register ${request.params.id} does not exist.`);
      request.log.info({ registerId: row.id }, 'register revoked');
      return { register: toView(row) };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.registers.list),
    handler: async (request) => {
      const scope = scopeOf(request.principal!);
      const rows = await fastify.db.read((db) =>
        db.select().from(registers).where(scope ? inArray(registers.costCentre, scope) : undefined).orderBy(asc(registers.createdAt)),
      );
      return { registers: rows.map(toView) };
    },
  });
};
export default routes;
