import { createRegisterCore, type RegisterCore } from '@nota/register-core';
import type { RequestOf } from '@nota/protocol';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../packages/register-core/src/seed/customer-generator';
import { DEMO_PRODUCTS, DEMO_USERS, seedDemoData } from '../packages/register-core/src/seed/demo-data';
import { emitJson, heading, table, withTempDir, type SummaryRow } from './report';
import { summarize, timeAsync, type Summary } from './stats';

// The X and Z reports over a busy day at one register (issue 12): 5,000 receipts of 1–6 lines, paid
// by cash (with change and rounding), card or invoice, then the X report (any time, resets nothing)
// timed SAMPLES times and the Z report that closes the day, timed once (it can only run once).
// Goal: the Z report under 200 ms. The day is sold through sales/complete, the real path; only while
// it is being sold does the connection skip the fsync (synchronous=OFF), so seeding takes seconds.

const RECEIPTS = 5_000;
const SAMPLES = 30;
const GOAL_MS = 200;

async function call<K extends Parameters<RegisterCore['send']>[0]>(core: RegisterCore, name: K, args: RequestOf<K>) {
  const result = await core.send(name, args);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.data;
}

async function sellADay(core: RegisterCore): Promise<number> {
  const random = seededRandom(12);
  const { customers } = await call(core, 'customers/search', { query: '', limit: 50 });
  const invoiceable = customers.filter((c) => c.invoiceable);
  let netSales = 0;
  for (let i = 0; i < RECEIPTS; i++) {
    const lines = Array.from({ length: 1 + Math.floor(random() * 6) }, () => ({
      productId: DEMO_PRODUCTS[Math.floor(random() * DEMO_PRODUCTS.length)]!.id,
      quantity: 1 + Math.floor(random() * 3),
    }));
    const { totalOre } = await call(core, 'cart/price', { lines });
    const kind = random();
    const request =
      kind < 0.45
        ? { id: randomUUID(), lines, payments: [{ method: 'cash' as const, tenderedOre: Math.ceil(totalOre / 10_000) * 10_000 + 10_000 }] }
        : kind < 0.95 || invoiceable.length === 0
          ? { id: randomUUID(), lines, payments: [{ method: 'card' as const, amountOre: totalOre }] }
          : { id: randomUUID(), lines, payments: [{ method: 'invoice' as const, amountOre: totalOre }], invoice: { customerId: invoiceable[i % invoiceable.length]!.id } };
    netSales += (await call(core, 'sales/complete', request)).sale.totalOre;
  }
  return netSales;
}

export async function runZReportBench(): Promise<SummaryRow[]> {
  return withTempDir('nota-bench-z-', async (dir) => {
    heading(`X and Z reports over a day of ${RECEIPTS.toLocaleString('en')} receipts`);
    const core = createRegisterCore({ dbPath: join(dir, 'register.sqlite') });
    let x: Summary;
    let zMs: number;
    let lines: number;
    try {
      seedDemoData(core.context.store, { customers: 50 });
      const manager = DEMO_USERS.find((u) => u.role === 'manager')!;
      await call(core, 'session/sign-in', { userId: manager.id, pin: manager.pin });
      await call(core, 'day/float', { floatOre: 200_000 });
      const sqlite = core.context.store.sqlite;
      sqlite.pragma('synchronous = OFF');
      const seedStart = performance.now();
      const netSales = await sellADay(core);
      console.log(`sold ${RECEIPTS} receipts in ${((performance.now() - seedStart) / 1000).toFixed(1)} s (synchronous=OFF while seeding)`);
      sqlite.pragma('synchronous = FULL');
      lines = sqlite.prepare('SELECT count(*) FROM sale_lines').pluck().get() as number;

      const samples: bigint[] = [];
      for (let i = 0; i < SAMPLES + 3; i++) {
        const [ns, result] = await timeAsync(() => core.send('reports/x', {}));
        if (!result.ok) throw new Error(`reports/x failed: ${result.error.message}`);
        if (result.data.report.figures.receiptCount !== RECEIPTS || result.data.report.figures.netSalesOre !== netSales) {
          throw new Error('the X report does not add up to the day sold');
        }
        if (i >= 3) samples.push(ns);
      }
      x = summarize(samples);
      const [zNs, z] = await timeAsync(() => core.send('reports/z', { countedCashOre: 0, openCartLines: 0 }));
      if (!z.ok || z.data.report.figures.netSalesOre !== netSales) throw new Error('the Z report does not add up to the day sold');
      zMs = Math.round((Number(zNs) / 1e6) * 1000) / 1000;
    } finally {
      await core.close();
    }
    const load = loadavg().map((l) => l.toFixed(2)).join(' ');
    console.log(table(['report', 'n', 'p50 ms', 'p99 ms', 'mean ms', 'max ms'], [['reports/x (X report)', x.n, x.p50, x.p99, x.mean, x.max], ['reports/z (Z report, closes the day)', 1, zMs, zMs, zMs, zMs]]));
    console.log(`${RECEIPTS} receipts, ${lines} lines; goal: Z under ${GOAL_MS} ms → ${zMs < GOAL_MS ? 'met' : 'NOT met'}; load average ${load}`);
    emitJson('z-report', { receipts: RECEIPTS, lines, x, zMs, goalMs: GOAL_MS, loadavg: load });
    return [
      { bench: 'z-report', metric: `X report p50 / p99 (${RECEIPTS} receipts)`, value: `${x.p50} / ${x.p99}`, unit: 'ms' },
      { bench: 'z-report', metric: `Z report (${RECEIPTS} receipts, goal < ${GOAL_MS})`, value: zMs, unit: 'ms' },
    ];
  });
}
