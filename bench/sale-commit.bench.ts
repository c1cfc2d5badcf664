import { createRegisterCore, type RegisterCore } from '@nota/register-core';
import type { RequestOf } from '@nota/protocol';
import { randomUUID } from 'node:crypto';
import { closeSync, fdatasyncSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../packages/register-core/src/seed/customer-generator';
import { DEMO_PRODUCTS, DEMO_USERS, seedDemoData } from '../packages/register-core/src/seed/demo-data';
import { emitJson, heading, table, withTempDir, type SummaryRow } from './report';
import { summarize, timeAsync, timeSync, type Summary } from './stats';

const COMMITS = 1_000;
const WARMUP = 50;
const LINE_SETS = 50;
const SYNCS = 1_000;

type SaleLines = RequestOf<'sales/complete'>['lines'];

async function call<K extends Parameters<RegisterCore['send']>[0]>(core: RegisterCore, name: K, args: RequestOf<K>) {
  const result = await core.send(name, args);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.data;
}

/** Priced once, outside the timed section: the till knows the total before the card is charged. */
async function lineSets(core: RegisterCore): Promise<{ lines: SaleLines; totalOre: number }[]> {
  const random = seededRandom(7);
  const sets = [];
  for (let s = 0; s < LINE_SETS; s++) {
    const lines = Array.from({ length: 5 }, () => ({
      productId: DEMO_PRODUCTS[Math.floor(random() * DEMO_PRODUCTS.length)]!.id,
      quantity: 1 + Math.floor(random() * 3),
    }));
    sets.push({ lines, totalOre: (await call(core, 'cart/price', { lines })).totalOre });
  }
  return sets;
}

async function timeCommits(core: RegisterCore): Promise<Summary> {
  const sets = await lineSets(core);
  const samples: bigint[] = [];
  for (let i = 0; i < WARMUP + COMMITS; i++) {
    const { lines, totalOre } = sets[i % sets.length]!;
    const request = { id: randomUUID(), lines, payments: [{ method: 'card' as const, amountOre: totalOre }] };
    const [ns, result] = await timeAsync(() => core.send('sales/complete', request));
    if (!result.ok) throw new Error(`sales/complete failed: ${result.error.code} ${result.error.message}`);
    if (result.data.sale.totalOre !== totalOre) throw new Error(`sale total ${result.data.sale.totalOre} != priced ${totalOre}`);
    if (i >= WARMUP) samples.push(ns);
  }
  return summarize(samples);
}

/** The physical floor: what one durable write costs on this disk, without SQLite. */
function timeSyncs(dir: string, sync: (fd: number) => void): Summary {
  const fd = openSync(join(dir, 'fsync-probe.bin'), 'w');
  const block = Buffer.alloc(4096, 0xab);
  const samples: bigint[] = [];
  try {
    for (let i = 0; i < WARMUP + SYNCS; i++) {
      const [ns] = timeSync(() => {
        writeSync(fd, block, 0, block.length, 0);
        sync(fd);
      });
      if (i >= WARMUP) samples.push(ns);
    }
  } finally {
    closeSync(fd);
  }
  return summarize(samples);
}

export async function runSaleCommitBench(): Promise<SummaryRow[]> {
  return withTempDir('nota-bench-commit-', async (dir) => {
    heading('sale commit (sales/complete, 5 lines, card)');
    const core = createRegisterCore({ dbPath: join(dir, 'register.sqlite') });
    let commit: Summary;
    let pragmas: { journalMode: unknown; synchronous: unknown };
    try {
      seedDemoData(core.context.store);
      const cashier = DEMO_USERS.find((u) => u.role === 'cashier')!;
      await call(core, 'session/sign-in', { userId: cashier.id, pin: cashier.pin });
      const sqlite = core.context.store.sqlite;
      const synchronous = sqlite.pragma('synchronous', { simple: true }) as number;
      pragmas = {
        journalMode: sqlite.pragma('journal_mode', { simple: true }),
        synchronous: `${synchronous} (${['OFF', 'NORMAL', 'FULL', 'EXTRA'][synchronous] ?? '?'})`,
      };
      commit = await timeCommits(core);
    } finally {
      core.close();
    }
    const fsync = timeSyncs(dir, fsyncSync);
    const fdatasync = timeSyncs(dir, fdatasyncSync);

    console.log(`journal_mode=${String(pragmas.journalMode)}  synchronous=${String(pragmas.synchronous)}  (same temp folder for all rows)`);
    const ratio = (s: Summary) => Math.round((s.p50 / fsync.p50) * 100) / 100;
    const rows: [string, Summary][] = [
      [`sales/complete via core.send`, commit],
      ['write 4 KiB + fsync', fsync],
      ['write 4 KiB + fdatasync', fdatasync],
    ];
    console.log(
      table(
        ['operation', 'n', 'p50 ms', 'p99 ms', 'mean ms', 'max ms', 'p50 / fsync p50'],
        rows.map(([name, s]) => [name, s.n, s.p50, s.p99, s.mean, s.max, ratio(s)]),
      ),
    );
    const commitsPerSecond = Math.round(1000 / commit.mean);
    console.log(`≈ ${commitsPerSecond} sales/s sequentially; commit p50 is ${ratio(commit)}× one fsync p50`);
    emitJson('sale-commit', { pragmas, commit, fsync, fdatasync, commitToFsyncP50: ratio(commit), commitsPerSecond });
    return [
      { bench: 'sale-commit', metric: 'commit p50', value: commit.p50, unit: 'ms' },
      { bench: 'sale-commit', metric: 'commit p99', value: commit.p99, unit: 'ms' },
      { bench: 'sale-commit', metric: 'fsync p50 / p99', value: `${fsync.p50} / ${fsync.p99}`, unit: 'ms' },
      { bench: 'sale-commit', metric: 'fdatasync p50 / p99', value: `${fdatasync.p50} / ${fdatasync.p99}`, unit: 'ms' },
      { bench: 'sale-commit', metric: 'commit p50 / fsync p50', value: ratio(commit), unit: '×' },
    ];
  });
}
