import { createRegisterCore, upsertCustomersPage } from '@nota/register-core';
import type { Customer } from '@nota/protocol';
import { join } from 'node:path';
import { generateCustomers } from '../packages/register-core/src/seed/customer-generator';
import { emitJson, heading, table, withTempDir, type SummaryRow } from './report';
import { summarize, timeSync, type Summary } from './stats';

const PAGE = 10_000;
const PAGES = 20;

interface Scenario extends Summary {
  scenario: string;
  customers: number;
  seconds: number;
  perSecond: number;
}

function applyPages(sqlite: Parameters<typeof upsertCustomersPage>[0], scenario: string, pages: Customer[][]): Scenario {
  const samples = pages.map((page) => timeSync(() => upsertCustomersPage(sqlite, page))[0]);
  const seconds = Number(samples.reduce((a, b) => a + b, 0n)) / 1e9;
  const customers = pages.length * PAGE;
  return {
    scenario,
    customers,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(customers / seconds),
    ...summarize(samples),
  };
}

export async function runCustomerUpsertBench(): Promise<SummaryRow[]> {
  return withTempDir('nota-bench-upsert-', async (dir) => {
    heading(`customer upsert (sync pull), ${PAGES} pages of ${PAGE.toLocaleString('en-US')}`);
    // Pages are built before timing: the benchmark is the write path, not the generator.
    const all = [...generateCustomers(PAGE * PAGES, { seed: 99 })];
    const pages = Array.from({ length: PAGES }, (_, i) => all.slice(i * PAGE, (i + 1) * PAGE));
    const updatedAt = '2026-02-01T00:00:00.000Z';
    const updates = pages.map((page) => page.map((c) => ({ ...c, version: c.version + 1, updatedAt })));

    const core = createRegisterCore({ dbPath: join(dir, 'register.sqlite') });
    let results: Scenario[];
    try {
      const sqlite = core.context.store.sqlite;
      results = [applyPages(sqlite, 'insert into empty DB', pages), applyPages(sqlite, 'same pages again, version+1', updates)];
      const { updated } = sqlite.prepare('SELECT count(*) AS updated FROM customers WHERE version = 2').get() as { updated: number };
      if (updated !== PAGE * PAGES) throw new Error(`expected ${PAGE * PAGES} customers at version 2, found ${updated}`);
    } finally {
      core.close();
    }

    console.log(
      table(
        ['scenario', 'customers', 'seconds', 'customers/s', 'page p50 ms', 'page p99 ms', 'page max ms'],
        results.map((r) => [r.scenario, r.customers, r.seconds, r.perSecond, r.p50, r.p99, r.max]),
      ),
    );
    emitJson('customer-upsert', { pageSize: PAGE, pages: PAGES, scenarios: results });
    return results.map((r) => ({ bench: 'customer-upsert', metric: r.scenario, value: r.perSecond, unit: 'customers/s' }));
  });
}
