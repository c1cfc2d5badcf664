import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAgressoSimulator, type AgressoSimulator } from '@nota/agresso/simulator';
import { afterAll, describe, expect, it } from 'vitest';
import { createAdminClient } from '../../scripts/loadgen/admin-client';
import { runLoad } from '../../scripts/loadgen/run-load';
import { createPostgresDatabase, e2eDatabases } from '../support/databases';
import { startServerProcess, type ServerProcess } from '../support/server-process';

const CREDENTIALS = { username: 'NOTA', client: '10', password: `e2e-${randomBytes(6).toString('hex')}` };
// Short leases and waits so a killed instance's jobs are resumed within seconds, not minutes.
const EXPORT_ENV = {
  NOTA_EXPORT_LEASE_MS: '3000',
  NOTA_EXPORT_UNCERTAIN_MS: '1000',
  NOTA_EXPORT_RETRY_BASE_MS: '100',
  NOTA_EXPORT_BATCH_WAIT_MS: '300',
  NOTA_EXPORT_GL07_START_MS: '50',
  NOTA_EXPORT_GL07_PER_VOUCHER_MS: '1',
};

async function exportsInFlight(server: ServerProcess, apiKey: string): Promise<number> {
  const { exports } = await createAdminClient(server.url, apiKey).request<{ exports: Record<string, number> }>('GET', '/api/invoices/count');
  return exports.pending! + exports.batched! + exports.sent!;
}

type Cleanups = (() => Promise<void> | void)[];

/** A simulator whose imports answer late, and `instances` server processes on one fresh database. */
async function setUp(kind: 'pglite' | 'postgres', instances: number, cleanups: Cleanups) {
  const sim: AgressoSimulator = await startAgressoSimulator({ ...CREDENTIALS, processingDelayMs: 50, perVoucherMs: 1 });
  cleanups.push(() => sim.close());
  // Every import is answered late, so a kill lands while sends are in flight.
  sim.injectFault({ service: 'ImportService', kind: 'slow', delayMs: 300, times: 100_000 });
  const pgDb = kind === 'postgres' ? await createPostgresDatabase() : null;
  if (pgDb) cleanups.push(() => pgDb.drop());
  const apiKey = `nak_${randomUUID().replaceAll('-', '')}`;
  // Instances sharing a database share the key that seals the Agresso password.
  const secretKey = randomBytes(32).toString('base64');
  const servers: ServerProcess[] = [];
  for (let i = 0; i < instances; i += 1) {
    const dataDir = mkdtempSync(join(tmpdir(), 'nota-export-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const server = await startServerProcess({ dataDir, apiKey, ...(pgDb ? { databaseUrl: pgDb.url } : {}), extraEnv: { ...EXPORT_ENV, NOTA_SECRET_KEY: secretKey } });
    cleanups.push(() => server.kill());
    servers.push(server);
  }
  const agresso = {
    simulatorOrigin: sim.origin,
    timeoutMs: 120_000,
    target: { url: sim.url, ...CREDENTIALS, confirmationTemplateId: 9001 },
  };
  return { sim, servers, apiKey, agresso };
}

describe.each(e2eDatabases())('the server killed while it exports to Agresso (%s)', (kind) => {
  const cleanups: Cleanups = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('ends with every invoice sale the registers made posted exactly once', async () => {
    const { servers, apiKey, agresso } = await setUp(kind, 1, cleanups);
    const server = servers[0]!;
    let inFlightAtKills: number[] = [];
    const killAndStart = async () => {
      inFlightAtKills.push(await exportsInFlight(server, apiKey));
      await server.kill();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await server.start();
    };
    // Killed once halfway through the sales, and twice more while the export works through the invoices.
    let kills: Promise<void> | null = null;
    const summary = await runLoad({
      server: server.url,
      apiKey,
      registers: 3,
      salesPerRegister: 40,
      invoiceShare: 0.6,
      newCustomerShare: 0.05,
      batchSize: 10,
      drainTimeoutMs: 60_000,
      agresso,
      onProgress: (made, total) => {
        if (made === Math.floor(total / 2)) kills = killAndStart();
        if (made === total) {
          kills = (kills ?? Promise.resolve())
            .then(() => new Promise((resolve) => setTimeout(resolve, 700)))
            .then(killAndStart)
            .then(() => new Promise((resolve) => setTimeout(resolve, 1_500)))
            .then(killAndStart);
        }
      },
    });
    await kills;
    inFlightAtKills = inFlightAtKills.slice(1);

    expect(summary.errors).toEqual([]);
    expect(summary.eventsPending).toBe(0);
    // The two later kills hit the export mid-way: invoices were still on their way to Agresso.
    expect(inFlightAtKills.every((n) => n > 0), `exports in flight at the kills: ${inFlightAtKills}`).toBe(true);
    const check = summary.export!;
    expect(check.stopped).toEqual([]);
    expect(check).toMatchObject({ documents: check.invoiceSales, confirmed: check.invoiceSales, duplicates: 0, missing: 0, exactlyOnce: true });
    expect(check.vouchersPosted).toBe(check.invoiceSales);
    expect(check.invoiceSales).toBeGreaterThan(40);
  }, 240_000);
});

// Several instances need a shared database: PostgreSQL only (PGlite belongs to one process).
describe.each(e2eDatabases().filter((k) => k === 'postgres'))('two server instances exporting from one database (%s)', (kind) => {
  const cleanups: Cleanups = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('one killed mid-export, the other resumes its jobs when their leases run out: still exactly once', async () => {
    const { servers, apiKey, agresso } = await setUp(kind, 2, cleanups);
    const [first, second] = servers as [ServerProcess, ServerProcess];
    let inFlight = 0;
    const summary = await runLoad({
      server: first.url,
      apiKey,
      registers: 2,
      salesPerRegister: 40,
      invoiceShare: 0.7,
      newCustomerShare: 0.05,
      batchSize: 10,
      drainTimeoutMs: 60_000,
      agresso,
      onProgress: (made, total) => {
        if (made === total) {
          // The second instance dies mid-export; the first takes over its jobs when their leases run out.
          setTimeout(() => void exportsInFlight(first, apiKey).then((n) => { inFlight = n; return second.kill(); }), 800);
        }
      },
    });
    expect(summary.errors).toEqual([]);
    expect(inFlight).toBeGreaterThan(0);
    expect(summary.export).toMatchObject({ duplicates: 0, missing: 0, exactlyOnce: true, stopped: [] });
    expect(summary.export!.confirmed).toBe(summary.export!.invoiceSales);
  }, 240_000);
});
