import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import adminApiKeys from '../api/admin/api-keys';
import adminAudit from '../api/admin/audit';
import adminCatalog from '../api/admin/catalog';
import adminCustomers from '../api/admin/customers';
import adminRegisters from '../api/admin/registers';
import adminReports from '../api/admin/reports';
import adminUsers from '../api/admin/users';
import session from '../api/auth/session';
import invoiceDocuments from '../api/invoices/documents';
import invoiceExports from '../api/invoices/exports';
import invoiceSettings from '../api/invoices/settings';
import adminPaymentMethods from '../api/admin/payment-methods';
import { guard, recordAccess } from './access';

/**
 * What head office calls: a signed-in person's session (with its CSRF token on writes) or an API key,
 * either of which sets `request.principal`. Every route declares `config.roles`; one that does not
 * stops the server from starting, so no route can be left open by forgetting.
 */
export function guardHeadOffice(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    if (!route.config?.roles || route.config.roles.length === 0) {
      throw new Error(`${[route.method].flat().join(',')} ${route.url} is a head-office route without config.roles: declare who may call it.`);
    }
    guard(route, [fastify.requireHeadOffice]);
    recordAccess(fastify, route, 'head-office');
  });
}

const group: FastifyPluginAsync = async (fastify) => {
  guardHeadOffice(fastify);
  await fastify.register(session);
  await fastify.register(adminUsers);
  await fastify.register(adminApiKeys);
  await fastify.register(adminAudit);
  await fastify.register(adminRegisters);
  await fastify.register(adminCatalog);
  await fastify.register(adminCustomers);
  await fastify.register(adminReports);
  await fastify.register(invoiceDocuments);
  await fastify.register(invoiceExports);
  await fastify.register(invoiceSettings);
  await fastify.register(adminPaymentMethods);
};
export default group;
