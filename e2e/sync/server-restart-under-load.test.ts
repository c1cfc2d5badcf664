import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAdminClient } from '../../scripts/loadgen/admin-client';
import { runLoad } from '../../scripts/loadgen/run-load';
import { createPostgresDatabase, e2eDatabases } from '../support/databases';
import { startServerProcess, type ServerProcess } from '../support/server-process';

describe.each(e2eDatabases())('the server killed and restarted under load (%s)', (kind) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('ends with exactly the sales the registers made, and every outbox drained', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nota-server-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const pgDb = kind === 'postgres' ? await createPostgresDatabase() : null;
    if (pgDb) cleanups.push(() => pgDb.drop());
    const apiKey = `nak_${randomUUID().replaceAll('-', '')}`;
    const server: ServerProcess = await startServerProcess({ dataDir, apiKey, ...(pgDb ? { databaseUrl: pgDb.url } : {}) });
    cleanups.push(() => server.kill());

    let restarts = 0;
    const killAndStart = async () => {
      restarts += 1;
      await server.kill();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await server.start();
    };
    // Mid-stream: SIGKILL at 30 % of the sales, start again on the same data, then SIGKILL once more
    // while the registers are catching up on their backlog, and start again.
    let restart: Promise<void> | null = null;
    const summary = await runLoad({
      server: server.url,
      apiKey,
      registers: 4,
      salesPerRegister: 60,
      invoiceShare: 0.3,
      newCustomerShare: 0.05,
      batchSize: 10,
      drainTimeoutMs: 60_000,
      onProgress: (made, total) => {
        if (!restart && made === Math.floor(total * 0.3)) {
          restart = killAndStart()
            .then(() => new Promise((resolve) => setTimeout(resolve, 200)))
            .then(killAndStart);
        }
      },
    });
    await restart;

    expect(restarts).toBe(2);
    expect(summary.errors).toEqual([]);
    expect(summary.salesMade).toBe(240);
    expect(summary.eventsPending).toBe(0);
    expect(summary.eventsRejected).toBe(0);
    const admin = createAdminClient(server.url, apiKey);
    expect((await admin.request<{ count: number }>('GET', '/api/sales/count')).count).toBe(summary.salesMade);
    expect(summary.acknowledgedByType['sale.completed']).toBe(summary.salesMade);
    expect(summary.acknowledgedByType['customer.created'] ?? 0).toBe(summary.customersCreated);
  }, 180_000);
});
