import { randomUUID } from 'node:crypto';
import { desc } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { headOffice } from '@nota/protocol';
import { customerConflicts } from '../../../db/schema';
import { takeNumbers } from '../../../services/customer-numbers';
import { searchCustomers } from '../../../services/customer-search';
import { validateCustomer, type CustomerInput } from '@nota/domain';
import { applyHeadOfficeEdit, findCustomer, insertCustomer, toCustomer, validated } from '../../../services/customers';
import { HttpError, Rejection, refusal } from '../../../services/errors';
import { wakeDraftsOfCustomer } from '../../../services/invoices/drafts';
import { audit } from '../../../services/audit';
import { routeOptions } from '../../route-options';

/** Domain validation failures are the client's fault here, not a stored rejection. */
async function asHttp<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Rejection) throw new HttpError(400, error.code, error.message);
    throw error;
  }
}

/** Head office hears which field breaks which rule; a register's event keeps the joined reason. */
function checkCustomer(input: CustomerInput) {
  const result = validateCustomer(input);
  if (!result.ok) throw refusal('INVALID_CUSTOMER', result.errors, 'body.customer');
}

const routes: FastifyPluginAsyncZod = async (fastify) => {

  fastify.route({
    ...routeOptions(headOffice.customers.create),
    handler: async (request) => {
      checkCustomer(request.body.customer);
      const fields = await asHttp(async () => validated(request.body.customer));
      const now = fastify.now();
      const customer = await fastify.db.transaction(async (tx) => {
        // The same counter as registers' blocks, so a head-office number is never in anyone's block.
        const { first } = await takeNumbers(tx, 1);
        const inserted = await insertCustomer(tx, fields, { id: randomUUID(), customerNumber: first, createdAt: now });
        await audit(tx, request.principal, { entity: 'customer', entityId: inserted.id, action: 'create', newValue: inserted }, now);
        return inserted;
      });
      return { customer };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.customers.update),
    handler: async (request) => {
      checkCustomer(request.body.customer);
      const now = fastify.now();
      const result = await asHttp(() =>
        fastify.db.transaction(async (tx) => {
          const before = await findCustomer(tx, request.params.id, true);
          const edited = await applyHeadOfficeEdit(tx, request.params.id, request.body.baseVersion, request.body.customer, now);
          if (edited && !('stale' in edited)) {
            // A draft waiting on this customer (address missing, invoicing disabled) may now be complete.
            await wakeDraftsOfCustomer(tx, request.params.id, now);
            await audit(tx, request.principal, { entity: 'customer', entityId: edited.id, action: 'update', oldValue: before ? toCustomer(before) : null, newValue: edited }, now);
          }
          return edited;
        }),
      );
      if (result === null) throw new HttpError(404, 'UNKNOWN_CUSTOMER', `Customer ${request.params.id} does not exist.`);
      if ('stale' in result) {
        throw new HttpError(
          409,
          'STALE_VERSION',
          `The customer is at version ${result.stale.version}, the edit was based on ${request.body.baseVersion}. Reload and edit again.`,
          'baseVersion',
        );
      }
      return { customer: result };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.customers.list),
    handler: async (request) => fastify.db.read((db) => searchCustomers(db, request.query)),
  });

  fastify.route({
    ...routeOptions(headOffice.customers.get),
    handler: async (request) => {
      const row = await fastify.db.read((db) => findCustomer(db, request.params.id));
      if (!row) throw new HttpError(404, 'UNKNOWN_CUSTOMER', `Customer ${request.params.id} does not exist.`);
      return { customer: toCustomer(row) };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.customers.conflicts),
    handler: async () => {
      const rows = await fastify.db.read((db) =>
        db.select().from(customerConflicts).orderBy(desc(customerConflicts.id)).limit(1_000),
      );
      return { conflicts: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
    },
  });
};
export default routes;
