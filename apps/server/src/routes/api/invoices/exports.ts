import { asc, desc, eq, inArray, or } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { headOffice } from '@nota/protocol';
import type { Tx } from '../../../db/database';
import { exportBatches, exportJobs, invoiceDocuments } from '../../../db/schema';
import { HttpError } from '../../../services/errors';
import { logExportEvent, resumePatch } from '../../../services/export/export-jobs';
import { batchView, exportView } from '../../../services/invoices/invoice-views';
import { routeOptions } from '../../route-options';

// Batched and sent invoices are in Agresso's hands (or on their way): they settle by themselves.
const RETRYABLE = ['failed', 'blocked', 'pending'] as const;

type JobRow = typeof exportJobs.$inferSelect;

/** A person's retry: the job starts over by the rule that never doubles a voucher (resumePatch). */
async function retry(tx: Tx, job: JobRow, now: Date) {
  await tx.update(exportJobs).set(resumePatch(job, 'person', now)).where(eq(exportJobs.documentId, job.documentId));
  const asks = job.sendStartedAt !== null;
  await logExportEvent(tx, job.documentId, now, 'retry', 'info', asks ? 'Retried by head office; Agresso is asked about the batch before anything is sent.' : 'Retried by head office.');
}

/** The export queue as head office sees it, and the retry button. */
const routes: FastifyPluginAsyncZod = async (fastify) => {

  fastify.route({
    ...routeOptions(headOffice.exports.list),
    handler: async (request) => {
      const { state, limit } = request.query;
      const rows = await fastify.db.read((db) =>
        db
          .select({ job: exportJobs, batch: exportBatches, number: invoiceDocuments.number, kind: invoiceDocuments.kind })
          .from(exportJobs)
          .innerJoin(invoiceDocuments, eq(invoiceDocuments.id, exportJobs.documentId))
          .leftJoin(exportBatches, eq(exportBatches.id, exportJobs.batchNo))
          .where(state ? eq(exportJobs.state, state) : undefined)
          .orderBy(state === 'confirmed' ? desc(exportJobs.updatedAt) : asc(exportJobs.createdAt))
          .limit(limit),
      );
      return { exports: rows.map((r) => ({ ...exportView(r.job, r.batch), documentId: r.job.documentId, number: r.number, kind: r.kind })) };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.exports.batches),
    handler: async (request) => {
      const { state, limit } = request.query;
      const rows = await fastify.db.read((db) =>
        db.select().from(exportBatches).where(state ? eq(exportBatches.state, state) : undefined).orderBy(desc(exportBatches.id)).limit(limit),
      );
      return { batches: rows.map(batchView) };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.exports.batch),
    handler: async (request) => {
      const { number } = request.params;
      const [batch] = await fastify.db.read((db) => db.select().from(exportBatches).where(eq(exportBatches.id, number)));
      if (!batch) throw new HttpError(404, 'UNKNOWN_BATCH', `There is no export batch ${number}.`);
      // The invoices in it now, and those that were sent in it and have moved on since.
      const rows = await fastify.db.read((db) =>
        db
          .select({ job: exportJobs, number: invoiceDocuments.number, kind: invoiceDocuments.kind })
          .from(exportJobs)
          .innerJoin(invoiceDocuments, eq(invoiceDocuments.id, exportJobs.documentId))
          .where(or(eq(exportJobs.batchNo, number), eq(exportJobs.batchId, batch.batchId)))
          .orderBy(asc(invoiceDocuments.number)),
      );
      return {
        batch: { ...batchView(batch), invoices: rows.map((r) => ({ documentId: r.job.documentId, number: r.number, kind: r.kind, export: exportView(r.job, batch) })) },
      };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.exports.retry),
    handler: async (request) => {
      const now = fastify.now();
      const job = await fastify.db.transaction(async (tx) => {
        const [found] = await tx.select().from(exportJobs).where(eq(exportJobs.documentId, request.params.id)).for('update');
        if (!found) throw new HttpError(404, 'UNKNOWN_EXPORT', `No export for document ${request.params.id}.`);
        if (!(RETRYABLE as readonly string[]).includes(found.state)) {
          throw new HttpError(409, 'EXPORT_NOT_RETRYABLE', `The export is ${found.state}; only failed, blocked or pending exports can be retried.`);
        }
        await retry(tx, found, now);
        const [after] = await tx.select().from(exportJobs).where(eq(exportJobs.documentId, found.documentId));
        return after!;
      });
      fastify.invoicing.nudge();
      return { export: exportView(job, null) };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.exports.retryFailed),
    handler: async () => {
      const now = fastify.now();
      const retried = await fastify.db.transaction(async (tx) => {
        const failed = await tx.select().from(exportJobs).where(inArray(exportJobs.state, ['failed', 'blocked'])).for('update', { skipLocked: true });
        for (const job of failed) await retry(tx, job, now);
        return failed.length;
      });
      fastify.invoicing.nudge();
      return { retried };
    },
  });
};
export default routes;
