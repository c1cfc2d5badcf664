import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { headOffice } from '@nota/protocol';
import { mappingInputErrors, mappingProblems, validateSeller } from '@nota/domain';
import type { Tx } from '../../../db/database';
import { customerInvoiceTerms, exportJobs } from '../../../db/schema';
import { insecureAddressProblem, sameAccount } from '../../../services/config/agresso-address';
import { readConfig, readMapping, writeConfig, type AgressoConnectionConfig } from '../../../services/config/server-config';
import { appendChanges } from '../../../services/change-feed';
import { findCustomer } from '../../../services/customers';
import { HttpError, refusal } from '../../../services/errors';
import { resumePatch } from '../../../services/export/export-jobs';
import { connectAgresso } from '../../../services/export/export-setup';
import { wakeAllDrafts } from '../../../services/invoices/drafts';
import { sellerChange } from '../../../services/store-details-feed';
import { audit } from '../../../services/audit';
import { routeOptions } from '../../route-options';

/** Exports that waited for configuration go on as soon as it is saved, by resumePatch's rule. */
async function unblockExports(tx: Tx, now: Date) {
  const blocked = await tx
    .select({ documentId: exportJobs.documentId, orderNumber: exportJobs.orderNumber, sendStartedAt: exportJobs.sendStartedAt })
    .from(exportJobs)
    .where(eq(exportJobs.state, 'blocked'))
    .for('update');
  for (const job of blocked) await tx.update(exportJobs).set(resumePatch(job, 'automatic', now)).where(eq(exportJobs.documentId, job.documentId));
}

const connectionView = (c: AgressoConnectionConfig) => {
  const { password: _sealed, ...rest } = c;
  return { ...rest, passwordSet: true };
};

/** Head office's invoicing settings: the seller on every invoice, the chart of accounts, the Agresso connection. */
const routes: FastifyPluginAsyncZod = async (fastify) => {

  fastify.route({
    ...routeOptions(headOffice.seller.get),
    handler: async () => ({ seller: await fastify.db.read((db) => readConfig(db, 'seller')) }),
  });

  fastify.route({
    ...routeOptions(headOffice.seller.save),
    handler: async (request) => {
      const checked = validateSeller(request.body);
      if (!checked.ok) throw refusal('INVALID_SELLER', checked.errors, 'body');
      const seller = checked.value;
      const now = fastify.now();
      await fastify.db.transaction(async (tx) => {
        const before = await readConfig(tx, 'seller');
        await writeConfig(tx, 'seller', seller, now);
        await audit(tx, request.principal, { entity: 'seller', entityId: 'seller', action: before ? 'update' : 'create', oldValue: before, newValue: seller }, now);
        await appendChanges(tx, [sellerChange(seller)]);
        // Drafts that lacked seller details can be activated now.
        await wakeAllDrafts(tx, now);
      });
      fastify.invoicing.nudge();
      return { seller };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.accounting.mapping),
    handler: async () => {
      const mapping = await fastify.db.read((db) => readMapping(db));
      return { mapping, problems: mappingProblems(mapping) };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.accounting.saveMapping),
    handler: async (request) => {
      const errors = mappingInputErrors(request.body);
      if (errors.length > 0) throw refusal('INVALID_MAPPING', errors, 'body');
      const now = fastify.now();
      const problems = mappingProblems(request.body);
      // An incomplete mapping is saved (head office fills it in over time) but blocked exports stay blocked.
      await fastify.db.transaction(async (tx) => {
        const before = await readMapping(tx);
        await writeConfig(tx, 'accounting-mapping', request.body, now);
        await audit(tx, request.principal, { entity: 'accounting-mapping', entityId: 'mapping', action: 'update', oldValue: before, newValue: request.body }, now);
        if (problems.length === 0) await unblockExports(tx, now);
      });
      fastify.invoicing.nudge();
      return { mapping: request.body, problems };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.agresso.connection),
    handler: async () => {
      const stored = await fastify.db.read((db) => readConfig(db, 'agresso-connection'));
      return { connection: stored ? connectionView(stored) : null };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.agresso.saveConnection),
    handler: async (request) => {
      const now = fastify.now();
      const { password, ...fields } = request.body;
      const insecure = insecureAddressProblem(fields.baseUrl);
      if (insecure) throw new HttpError(400, 'INSECURE_AGRESSO_ADDRESS', insecure, 'baseUrl');
      const saved = await fastify.db.transaction(async (tx) => {
        const stored = await readConfig(tx, 'agresso-connection');
        if (password === undefined) {
          if (!stored) throw new HttpError(400, 'PASSWORD_REQUIRED', 'The first time the connection is saved it needs the password.', 'password');
          // The stored password belongs to the account it was given for: it never follows a new address, user or client.
          if (!sameAccount(stored, fields)) {
            throw new HttpError(400, 'PASSWORD_REQUIRED', 'A new address, user or client needs the password again: give it with the change.', 'password');
          }
        }
        const sealed = password !== undefined ? fastify.secrets.seal(password) : stored!.password;
        const value: AgressoConnectionConfig = { ...fields, password: sealed };
        await writeConfig(tx, 'agresso-connection', value, now);
        // The sealed password is masked like any secret; the log says whether it changed.
        await audit(tx, request.principal, { entity: 'agresso-connection', entityId: 'agresso', action: stored ? 'update' : 'create', oldValue: stored, newValue: value }, now);
        await unblockExports(tx, now);
        return value;
      });
      fastify.invoicing.nudge();
      request.log.info({ baseUrl: saved.baseUrl, username: saved.username, client: saved.client }, 'Agresso connection saved');
      return { connection: connectionView(saved) };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.agresso.testConnection),
    handler: async () => {
      try {
        const connection = await fastify.db.read((db) => readConfig(db, 'agresso-connection'));
        const { client } = connectAgresso({ connection }, fastify.secrets, fastify.agressoClientFor);
        // Any customer lookup needs a valid user, client and password; the answer itself does not matter.
        await client.getCustomers({ company: connection!.client, customerId: 'NOTA-CONNECTION-TEST' });
        return { ok: true, message: 'Agresso answered: the address, user, client and password work.' };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
  });

  fastify.route({
    ...routeOptions(headOffice.customers.setPaymentTerms),
    handler: async (request) => {
      const { id } = request.params;
      const days = request.body.paymentTermsDays;
      await fastify.db.transaction(async (tx) => {
        if (!(await findCustomer(tx, id))) throw new HttpError(404, 'UNKNOWN_CUSTOMER', `Customer ${id} does not exist.`);
        const [before] = await tx.select({ paymentTermsDays: customerInvoiceTerms.paymentTermsDays }).from(customerInvoiceTerms).where(eq(customerInvoiceTerms.customerId, id));
        const change = { entity: 'customer', entityId: id, action: 'payment-terms', oldValue: { paymentTermsDays: before?.paymentTermsDays ?? null }, newValue: { paymentTermsDays: days } } as const;
        await audit(tx, request.principal, change, fastify.now());
        if (days === null) await tx.delete(customerInvoiceTerms).where(eq(customerInvoiceTerms.customerId, id));
        else {
          await tx
            .insert(customerInvoiceTerms)
            .values({ customerId: id, paymentTermsDays: days })
            .onConflictDoUpdate({ target: customerInvoiceTerms.customerId, set: { paymentTermsDays: days } });
        }
      });
      return { paymentTermsDays: days };
    },
  });
};
export default routes;
