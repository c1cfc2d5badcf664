import { randomBytes } from 'node:crypto';
import fp from 'fastify-plugin';
import { createAgressoClient } from '@nota/agresso';
import type { AppOptions } from '../../options';
import { createForegroundGate } from '../../services/background/foreground-gate';
import { startLoop, type Loop } from '../../services/background/loop';
import { createSecretBox } from '../../services/config/secret-box';
import { createSettingsCache } from '../../services/export/export-setup';
import { DEFAULT_TIMINGS, type ExportTimings } from '../../services/export/export-timings';
import { startExportWorker, type ExportWorker } from '../../services/export/export-worker';
import { activateDrafts } from '../../services/invoices/activation';
import { backfillDrafts } from '../../services/invoices/backfill';

/** The defaults with what is set; a batch holds at least one voucher. */
function exportTimings(overrides: Partial<ExportTimings> = {}): ExportTimings {
  const timings: ExportTimings = { ...DEFAULT_TIMINGS, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  if (timings.batchSize < 1) throw new Error(`The export batch size (NOTA_EXPORT_BATCH_SIZE) must be at least 1; it is ${timings.batchSize}.`);
  return timings;
}

/**
 * The invoice pipeline behind the API: drafts are activated (numbered) off the push path, and
 * active documents are exported to Agresso by workers. Routes nudge it when something became due;
 * it also polls, so work left by a crashed instance or a retry schedule is picked up.
 */
export default fp<AppOptions>(
  async (fastify, opts) => {
    const settings = opts.invoicing ?? {};
    const secrets = createSecretBox(opts.secretKey ?? randomBytes(32));
    fastify.decorate('secrets', secrets);
    const clientFor = settings.agressoClient ?? createAgressoClient;
    fastify.decorate('agressoClientFor', clientFor);

    const backfilled = await backfillDrafts(fastify.db, fastify.now());
    if (backfilled > 0) fastify.log.info({ drafts: backfilled }, 'invoice drafts made for invoice sales recorded before invoicing existed');

    // Registers come first: each round of background work waits for their requests in flight.
    const gate = createForegroundGate();
    const inFlight = new WeakSet<object>();
    const leave = async (request: object) => {
      if (inFlight.delete(request)) gate.leave();
    };
    fastify.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/api/sync/')) return;
      inFlight.add(request);
      gate.enter();
    });
    fastify.addHook('onResponse', leave);
    fastify.addHook('onRequestAbort', leave);
    const turn = () => gate.idle();

    let activation: Loop | null = null;
    let exporter: ExportWorker | null = null;
    const onError = (error: unknown) => fastify.log.error({ err: error }, 'invoice pipeline round failed');
    if (settings.enabled !== false) {
      exporter = startExportWorker({
        db: fastify.db,
        now: fastify.now,
        secrets,
        clientFor,
        settings: createSettingsCache(),
        // Unset (undefined) overrides keep their defaults.
        timings: exportTimings(settings.timings),
        concurrency: settings.exportConcurrency ?? 4,
        pollMs: settings.pollMs ?? 1_000,
        warn: (message, details) => fastify.log.warn(details ?? {}, message),
        info: (message, details) => fastify.log.info(details ?? {}, message),
        onError,
        turn,
      });
      activation = startLoop(
        async () => {
          const result = await activateDrafts(fastify.db, fastify.now(), { due: true });
          if (result.activated.length > 0) exporter?.nudge();
          return result.activated.length + result.waiting.length > 0;
        },
        { pollMs: settings.pollMs ?? 1_000, onError, turn },
      );
    }
    fastify.decorate('invoicing', {
      nudge: () => {
        activation?.nudge();
        exporter?.nudge();
      },
    });
    fastify.addHook('preClose', async () => {
      await activation?.stop();
      await exporter?.stop();
    });
  },
  { name: 'invoicing', dependencies: ['db'] },
);
