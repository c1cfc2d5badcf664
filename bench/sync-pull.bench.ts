import { join } from 'node:path';
import { buildApp, openDatabase } from '@nota/server';
import { customers, customerVersions } from '../apps/server/src/db/schema';
import { appendChanges } from '../apps/server/src/services/change-feed';
import { createRegisterCore } from '@nota/register-core';
import { generateCustomers } from '@nota/register-core/seed';
import type { Customer } from '@nota/protocol';
import { createAdminClient } from '../scripts/loadgen/admin-client';
import { emitJson, heading, table, withTempDir, type SummaryRow } from './report';

const API_KEY = 'nak_bench_pull_0123456789abcdef';
const CHUNK = 2_000;

/**
 * A new register enrols and pulls a head office's whole customer register: the time from the first
 * pull request until the register can search every customer offline. Customers are written straight
 * into the server's tables and feed (the same functions its routes use), so setup stays quick.
 */
export async function runSyncPullBench(opts: { quick: boolean }): Promise<SummaryRow[]> {
  const count = opts.quick ? 20_000 : 100_000;
  const databases: ('pglite' | 'postgres')[] = process.env.NOTA_TEST_POSTGRES_URL ? ['pglite', 'postgres'] : ['pglite'];
  const rows: SummaryRow[] = [];
  heading(`sync pull: a new register pulls ${count.toLocaleString('en')} customers`);
  const results: (string | number)[][] = [];
  for (const kind of databases) {
    const seconds = await withTempDir('nota-bench-pull-', (dir) => pullOnce(kind, count, dir));
    results.push([kind, count, seconds, Math.round(count / seconds)]);
    rows.push({ bench: 'sync-pull', metric: `${count / 1000}k customers, ${kind}`, value: seconds, unit: 's' });
    emitJson('sync-pull', { database: kind, customers: count, seconds });
  }
  console.log(table(['database', 'customers', 'seconds', 'customers/s'], results));
  console.log(`goal: ${count.toLocaleString('en')} customers pulled in under 10 s`);
  return rows;
}

async function pullOnce(kind: 'pglite' | 'postgres', count: number, dir: string): Promise<number> {
  let dropDatabase: (() => Promise<void>) | null = null;
  let url: string | undefined;
  if (kind === 'postgres') {
    const { createPostgresDatabase } = await import('../e2e/support/databases');
    const created = await createPostgresDatabase();
    url = created.url;
    dropDatabase = created.drop;
  }
  const database = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite' });
  const app = await buildApp({ database, adminApiKey: API_KEY, logger: false, enrolRateLimit: 1000 });
  try {
    const batch: Customer[] = [];
    const flush = () =>
      database.transaction(async (tx) => {
        const values = batch.map((c) => ({ ...c, createdAt: new Date(c.createdAt), updatedAt: new Date(c.updatedAt) }));
        await tx.insert(customers).values(values);
        await tx.insert(customerVersions).values(batch.map((c) => ({ customerId: c.id, version: 1, snapshot: {} })));
        await appendChanges(tx, batch.map((c) => ({ entity: 'customer' as const, data: c })));
        batch.length = 0;
      });
    for (const c of generateCustomers(count, { seed: 3, firstNumber: 5_000_000 })) {
      batch.push(c);
      if (batch.length === CHUNK) await flush();
    }
    if (batch.length) await flush();

    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const server = `http://127.0.0.1:${port}`;
    const admin = createAdminClient(server, API_KEY);
    await admin.request('POST', '/api/cost-centres', { code: 'BENCH', name: 'Bench' });
    const { enrolmentCode } = await admin.request<{ enrolmentCode: string }>('POST', '/api/registers', { name: 'Ny kassa', costCentreCode: 'BENCH' });

    const core = createRegisterCore({ dbPath: join(dir, 'register.sqlite'), sync: { pullPageSize: 5_000 } });
    try {
      await core.sync.enrol(server, enrolmentCode);
      const started = performance.now();
      const report = await core.sync.syncOnce();
      const seconds = Math.round((performance.now() - started) / 10) / 100;
      const found = await core.send('customers/search', { query: '', limit: 1 });
      if (report.pulled < count || !found.ok || found.data.customers.length !== 1) {
        throw new Error(`pulled ${report.pulled} of ${count} customers`);
      }
      return seconds;
    } finally {
      await core.close();
    }
  } finally {
    await app.close();
    await database.close();
    await dropDatabase?.();
  }
}
