import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { headOffice } from '@nota/protocol';
import type { InvoiceDocument } from '@nota/domain';
import { exportBatches, exportJobs } from '../../../db/schema';
import { renderInvoicePdf } from '../../../pdf/invoice-pdf';
import { HttpError } from '../../../services/errors';
import { activateDrafts } from '../../../services/invoices/activation';
import { assignCustomer } from '../../../services/invoices/assign-customer';
import { creditDocument } from '../../../services/invoices/credit';
import { countInvoices, invoiceDetail, listInvoices } from '../../../services/invoices/invoice-views';
import { assertInScope, scopeOf, type Principal } from '../../../services/auth/principal';
import { routeOptions } from '../../route-options';

const notFound = (id: string) => new HttpError(404, 'UNKNOWN_INVOICE', `Invoice document ${id} does not exist.`);

/** Head office's invoices: drafts with their reasons, active and transferred documents, PDFs, credits. */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  /** The invoice, if the caller may see its cost centre. */
  const detail = async (id: string, who: Principal) => {
    const found = await fastify.db.read((db) => invoiceDetail(db, id));
    if (!found) throw notFound(id);
    assertInScope(who, found.costCentre);
    return found;
  };

  fastify.route({
    ...routeOptions(headOffice.invoices.list),
    handler: async (request) => fastify.db.read((db) => listInvoices(db, request.query, scopeOf(request.principal!))),
  });

  fastify.route({
    ...routeOptions(headOffice.invoices.count),
    handler: async () => fastify.db.read((db) => countInvoices(db)),
  });

  fastify.route({
    ...routeOptions(headOffice.invoices.get),
    handler: async (request) => ({ invoice: await detail(request.params.id, request.principal!) }),
  });

  fastify.route({
    ...routeOptions(headOffice.invoices.pdf),
    handler: async (request, reply) => {
      const invoice = await detail(request.params.id, request.principal!);
      if (invoice.status === 'draft') {
        throw new HttpError(409, 'INVOICE_NOT_ACTIVE', 'A draft has no number yet and cannot be printed; activate it first.');
      }
      const doc = invoice.content as unknown as InvoiceDocument;
      const pdf = await renderInvoicePdf(doc, { language: request.query.lang });
      const name = `${doc.kind === 'credit' ? 'kreditfaktura' : 'faktura'}-${doc.number}.pdf`;
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).send(pdf);
    },
  });

  fastify.route({
    ...routeOptions(headOffice.invoices.gl07),
    handler: async (request, reply) => {
      // The GL07 document of the batch its voucher was last sent in, with the batch's other vouchers.
      const [job] = await fastify.db.read((db) =>
        db
          .select({ xml: exportBatches.xml })
          .from(exportJobs)
          .innerJoin(exportBatches, eq(exportBatches.batchId, exportJobs.batchId))
          .where(eq(exportJobs.documentId, request.params.id)),
      );
      const xml = job?.xml;
      if (!xml) throw new HttpError(404, 'NOT_SENT', 'Nothing has been sent to Agresso for this document yet.');
      return reply.type('application/xml; charset=utf-8').send(xml);
    },
  });

  fastify.route({
    ...routeOptions(headOffice.invoices.activate),
    handler: async (request) => {
      const { id } = request.params;
      const result = await activateDrafts(fastify.db, fastify.now(), { ids: [id] });
      const waiting = result.waiting[0];
      if (waiting) {
        const details = waiting.problems.map((p) => ({ field: p.field ?? 'invoice', code: p.code, message: p.message }));
        throw new HttpError(409, 'INVOICE_INCOMPLETE', waiting.problems.map((p) => p.message).join(' '), details[0]?.field, details);
      }
      if (result.activated.length > 0) fastify.invoicing.nudge();
      const invoice = await detail(id, request.principal!);
      return { invoice };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.invoices.assignCustomer),
    handler: async (request) => {
      await assignCustomer(fastify.db, request.params.id, request.body.customerId, fastify.now());
      fastify.invoicing.nudge();
      return { invoice: await detail(request.params.id, request.principal!) };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.invoices.credit),
    handler: async (request) => {
      const credit = await creditDocument(fastify.db, request.params.id, fastify.now());
      fastify.invoicing.nudge();
      request.log.info({ originalId: request.params.id, creditNumber: credit.number }, 'invoice credited');
      return { invoice: await detail(credit.id, request.principal!), creditOf: request.params.id };
    },
  });
};
export default routes;
