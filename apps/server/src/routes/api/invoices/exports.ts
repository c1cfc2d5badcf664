import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@nota/protocol';
import type { Tx } from '../../../db/database';
import { exportJobs, invoiceDocuments } from '../../../db/schema';
import { errorResponses, UuidParams } from '../../../schemas/admin';
import { ExportState, ExportView } from '../../../schemas/invoicing';
import { HttpError } from '../../../services/errors';
import { logExportEvent, resumePatch } from '../../../services/export/export-jobs';
import { exportView } from '../../../services/invoices/invoice-views';

const ExportRow = ExportView.extend({ documentId: Id, number: z.int().nullable(), kind: z.enum(['invoice', 'credit']) });
const ExportsQuery = z.object({ state: ExportState.optional(), limit: z.coerce.number().int().min(1).max(1_000).default(100) });
const RETRYABLE = ['failed', 'blocked', 'pending', 'waiting-customer'] as const;

type JobRow = typeof exportJobs.$inferSelect;

/** A person's retry: the job starts over by the rule that never doubles a voucher (resumePatch). */
async function retry(tx: Tx, job: JobRow, now: Date) {
  await tx.update(exportJobs).set(resumePatch(job, 'person', now)).where(eq(exportJobs.documentId, job.documentId));
  const asks = job.orderNumber !== null || job.sendStartedAt !== null;
  await logExportEvent(tx, job.documentId, now, 'retry', 'info', asks ? 'Retried by head office; Agresso is asked about the batch before anything is sent.' : 'Retried by head office.');
}

/** The export queue as head office sees it, and the retry button. */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  const auth = { onRequest: [fastify.requireApiKey] };

  fastify.get(
    '/api/exports',
    { ...auth, schema: { querystring: ExportsQuery, response: { 200: z.object({ exports: z.array(ExportRow) }), ...errorResponses } } },
    async (request) => {
      const { state, limit } = request.query;
      const rows = await fastify.db.read((db) =>
        db
          .select({ job: exportJobs, number: invoiceDocuments.number, kind: invoiceDocuments.kind })
          .from(exportJobs)
          .innerJoin(invoiceDocuments, eq(invoiceDocuments.id, exportJobs.documentId))
          .where(state ? eq(exportJobs.state, state) : undefined)
          .orderBy(state === 'confirmed' ? desc(exportJobs.updatedAt) : asc(exportJobs.createdAt))
          .limit(limit),
      );
      return { exports: rows.map((r) => ({ ...exportView(r.job), documentId: r.job.documentId, number: r.number, kind: r.kind })) };
    },
  );

  fastify.post(
    '/api/exports/:id/retry',
    { ...auth, schema: { params: UuidParams, response: { 200: z.object({ export: ExportView }), ...errorResponses } } },
    async (request) => {
      const now = fastify.now();
      const job = await fastify.db.transaction(async (tx) => {
        const [found] = await tx.select().from(exportJobs).where(eq(exportJobs.documentId, request.params.id)).for('update');
        if (!found) throw new HttpError(404, 'UNKNOWN_EXPORT', `No export for document ${request.params.id}.`);
        if (found.leaseExpiresAt && found.leaseExpiresAt > now) {
          throw new HttpError(409, 'EXPORT_IN_PROGRESS', 'The export is talking to Agresso right now; look again in a moment.');
        }
        if (!(RETRYABLE as readonly string[]).includes(found.state)) {
          throw new HttpError(409, 'EXPORT_NOT_RETRYABLE', `The export is ${found.state}; only failed, blocked, pending or waiting exports can be retried.`);
        }
        await retry(tx, found, now);
        const [after] = await tx.select().from(exportJobs).where(eq(exportJobs.documentId, found.documentId));
        return after!;
      });
      fastify.invoicing.nudge();
      return { export: exportView(job) };
    },
  );

  fastify.post(
    '/api/exports/retry-failed',
    { ...auth, schema: { response: { 200: z.object({ retried: z.int() }), ...errorResponses } } },
    async () => {
      const now = fastify.now();
      const retried = await fastify.db.transaction(async (tx) => {
        const failed = await tx.select().from(exportJobs).where(inArray(exportJobs.state, ['failed', 'blocked'])).for('update', { skipLocked: true });
        for (const job of failed) await retry(tx, job, now);
        return failed.length;
      });
      fastify.invoicing.nudge();
      return { retried };
    },
  );
};
export default routes;
