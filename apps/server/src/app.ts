import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppOptions } from './options';
import './types';
import auth from './plugins/app/auth';
import backoffice from './plugins/app/backoffice';
import db from './plugins/app/db';
import invoicing from './plugins/app/invoicing';
import errorHandler from './plugins/external/error-handler';
import rateLimit from './plugins/external/rate-limit';
import swagger from './plugins/external/swagger';
import adminCatalog from './routes/api/admin/catalog';
import adminCustomers from './routes/api/admin/customers';
import adminRegisters from './routes/api/admin/registers';
import adminReports from './routes/api/admin/reports';
import invoiceDocuments from './routes/api/invoices/documents';
import invoiceExports from './routes/api/invoices/exports';
import invoiceSettings from './routes/api/invoices/settings';
import syncEnrol from './routes/api/sync/enrol';
import syncLease from './routes/api/sync/lease';
import syncPull from './routes/api/sync/pull';
import syncPush from './routes/api/sync/push';
import syncSetAside from './routes/api/sync/set-aside';
import publicRoutes from './routes/public';

/** The whole server as one Fastify plugin: external plugins, then ours, then the routes. */
export default async function app(fastify: FastifyInstance, opts: AppOptions): Promise<void> {
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);

  await fastify.register(swagger);
  await fastify.register(rateLimit);
  await fastify.register(errorHandler);

  await fastify.register(db, opts);
  await fastify.register(auth);
  await fastify.register(invoicing, opts);

  await fastify.register(publicRoutes);
  await fastify.register(syncEnrol, { enrolRateLimit: opts.enrolRateLimit ?? 10 });
  await fastify.register(syncPush);
  await fastify.register(syncPull);
  await fastify.register(syncLease);
  await fastify.register(syncSetAside);
  await fastify.register(adminRegisters);
  await fastify.register(adminCatalog);
  await fastify.register(adminCustomers);
  await fastify.register(adminReports);
  await fastify.register(invoiceDocuments);
  await fastify.register(invoiceExports);
  await fastify.register(invoiceSettings);
  await fastify.register(backoffice, opts);
}
