import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { TEST_SELLER } from '@nota/domain/test-fixtures';
import { buildApp, openDatabase, type Database } from '@nota/server';
import { costCentres, registers } from '../apps/server/src/db/schema';
import { writeConfig } from '../apps/server/src/services/config/server-config';
import { emitJson, heading, table, withTempDir, type SummaryRow } from './report';

const API_KEY = 'nak_bench_saft_0123456789abcdef';
const CHUNK = 50_000;
/** A plausible signature: the export copies it, so its length matters here, not its validity. */
const SIGNATURE = Buffer.alloc(128, 7).toString('base64');

/**
 * Norway's SAF-T Cash Register file for a year of one large store: NOTA_BENCH_SAFT_TRANSACTIONS sales
 * (default 1,000,000; 100,000 with --quick), two lines each, and a journal line per ten sales, exported
 * over HTTP and read by a client that only counts. Prints the time, the file's size and the server
 * process's peak memory (RSS and JS heap, sampled every 20 ms) against the 200 MB goal. Sales are
 * written with SQL (generate_series) so setting up a million takes seconds, not an hour of signing.
 * PGlite runs inside this process, so its own memory is in the RSS; PostgreSQL too when NOTA_TEST_POSTGRES_URL is set
 * (NOTA_BENCH_SAFT_DB=postgres|pglite picks one). V8 grows its heap lazily while garbage is cheap to keep, so
 * the peak heap says little about what the export holds: NODE_OPTIONS=--max-old-space-size=320 shows the bound
 * (the app alone takes about 160 MB of heap), and a file that did not stream could not finish under it.
 */
export async function runSaftBench(opts: { quick: boolean }): Promise<SummaryRow[]> {
  const count = Number(process.env.NOTA_BENCH_SAFT_TRANSACTIONS ?? (opts.quick ? 100_000 : 1_000_000));
  const available: ('pglite' | 'postgres')[] = process.env.NOTA_TEST_POSTGRES_URL ? ['postgres', 'pglite'] : ['pglite'];
  // NOTA_BENCH_SAFT_DB=postgres (or pglite) runs one of them: a million sales take long to seed into PGlite.
  const databases = available.filter((k) => !process.env.NOTA_BENCH_SAFT_DB || k === process.env.NOTA_BENCH_SAFT_DB);
  heading(`SAF-T Cash Register export: ${count.toLocaleString('en')} transactions`);
  const rows: SummaryRow[] = [];
  const results: (string | number)[][] = [];
  for (const kind of databases) {
    const r = await withTempDir('nota-bench-saft-', (dir) => exportOnce(kind, count, dir));
    results.push([kind, count, r.seedSeconds, r.seconds, Math.round(count / r.seconds), r.megabytes, r.rssBeforeMb, r.peakRssMb, r.heapBeforeMb, r.peakHeapMb]);
    rows.push({ bench: 'saft', metric: `${count / 1000}k transactions, ${kind}: time`, value: r.seconds, unit: 's' });
    rows.push({ bench: 'saft', metric: `${count / 1000}k transactions, ${kind}: peak RSS growth`, value: round(r.peakRssMb - r.rssBeforeMb), unit: 'MB' });
    rows.push({ bench: 'saft', metric: `${count / 1000}k transactions, ${kind}: peak JS heap growth`, value: round(r.peakHeapMb - r.heapBeforeMb), unit: 'MB' });
    emitJson('saft', { database: kind, transactions: count, ...r });
  }
  console.log(table(['database', 'transactions', 'seed s', 'export s', 'tx/s', 'file MB', 'RSS before MB', 'peak RSS MB', 'heap before MB', 'peak heap MB'], results));
  console.log('goal: streaming, the export under 200 MB of memory');
  return rows;
}

async function exportOnce(kind: 'pglite' | 'postgres', count: number, dir: string) {
  let drop: (() => Promise<void>) | null = null;
  let database: Database;
  if (kind === 'postgres') {
    const { createPostgresDatabase } = await import('../e2e/support/databases');
    const created = await createPostgresDatabase();
    drop = created.drop;
    database = await openDatabase({ kind: 'postgres', url: created.url });
  } else {
    database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pglite') });
  }
  const app = await buildApp({ database, adminApiKey: API_KEY, logger: false, announce: () => undefined, invoicing: { enabled: false } });
  try {
    const seedStarted = performance.now();
    await seed(database, count);
    const seedSeconds = round((performance.now() - seedStarted) / 1000);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/saft/cash-register?from=2025-01-01&to=2025-12-31`;

    global.gc?.();
    const rssBefore = process.memoryUsage.rss();
    let peakRss = rssBefore;
    const heapBefore = process.memoryUsage().heapUsed;
    let peakHeap = heapBefore;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }, 20);
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${API_KEY}` } });
    if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`);
    let bytes = 0;
    let transactions = 0;
    let tail = '';
    const decoder = new TextDecoder();
    for await (const chunk of res.body!) {
      bytes += chunk.byteLength;
      // Count whole transactions across chunk borders without keeping more than a tag's worth.
      const text = tail + decoder.decode(chunk, { stream: true });
      transactions += text.split('<cashtransaction>').length - 1;
      tail = text.slice(-20);
      if (tail.includes('<cashtransaction>')) tail = tail.slice(tail.lastIndexOf('<cashtransaction>') + 1);
    }
    const seconds = round((performance.now() - started) / 1000);
    clearInterval(sampler);
    if (transactions !== count) throw new Error(`the file has ${transactions} transactions, expected ${count}`);
    if (!tail.endsWith('</auditfile>\n')) throw new Error('the file does not end with </auditfile>');
    const mb = (n: number) => round(n / 1024 / 1024);
    return { seedSeconds, seconds, megabytes: mb(bytes), rssBeforeMb: mb(rssBefore), peakRssMb: mb(peakRss), heapBeforeMb: mb(heapBefore), peakHeapMb: mb(peakHeap) };
  } finally {
    await app.close();
    await database.close();
    await drop?.();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

/** One cost centre, one register, head office's seller, and `count` sales 30 s apart through 2025. */
async function seed(database: Database, count: number): Promise<void> {
  const registerId = randomUUID();
  await database.transaction(async (tx) => {
    await writeConfig(tx, 'seller', { ...TEST_SELLER, country: 'NO', orgNumber: '974760673' }, new Date());
    await tx.insert(costCentres).values({ code: 'OSL', name: 'Oslo sentrum' });
    await tx.insert(registers).values({ id: registerId, name: 'Kasse 1', costCentre: 'OSL' });
  });
  for (let first = 1; first <= count; first += CHUNK) {
    const last = Math.min(count, first + CHUNK - 1);
    await database.transaction(async (tx) => {
      await tx.execute(sql`
        insert into sales (id, register_id, receipt_number, completed_at, total_ore, payload)
        select id, ${registerId}::uuid, n, at, 17400, jsonb_build_object(
          'id', id, 'receiptNumber', n, 'registerId', ${registerId}::text, 'userId', 'u-anna',
          'completedAt', to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'totalOre', 17400, 'roundingOre', 0, 'totalDueOre', 17400, 'vatOre', 3006, 'netOre', 14394, 'changeOre', 0,
          'training', false, 'returnOf', null, 'invoice', null,
          'signature', jsonb_build_object('value', ${SIGNATURE}::text, 'keyVersion', 1),
          'lines', jsonb_build_array(
            jsonb_build_object('lineNo', 1, 'productId', 'p-coffee', 'sku', '1001', 'name', 'Kaffe', 'quantity', 2, 'unitPriceOre', 3450,
              'discountOre', 0, 'grossOre', 6900, 'vatRateBp', 1500, 'vatOre', 900, 'netOre', 6000),
            jsonb_build_object('lineNo', 2, 'productId', 'p-mug', 'sku', '4001', 'name', 'Kopp Ålesund', 'quantity', 1, 'unitPriceOre', 10500,
              'discountOre', 0, 'grossOre', 10500, 'vatRateBp', 2500, 'vatOre', 2100, 'netOre', 8400)),
          'payments', jsonb_build_array(jsonb_build_object('method', case when n % 2 = 0 then 'cash' else 'card' end, 'amountOre', 17400, 'tenderedOre', null, 'changeOre', 0)),
          'vatSummary', jsonb_build_array(
            jsonb_build_object('rateBp', 2500, 'grossOre', 10500, 'netOre', 8400, 'vatOre', 2100),
            jsonb_build_object('rateBp', 1500, 'grossOre', 6900, 'netOre', 6000, 'vatOre', 900)))
        from (select gen_random_uuid() as id, n, timestamptz '2025-01-01 06:00:00+01' + n * interval '30 seconds' as at
                from generate_series(${first}::int, ${last}::int) as n) s`);
      await tx.execute(sql`
        insert into register_journal (id, register_id, seq, code, occurred_at, payload)
        select id, ${registerId}::uuid, n / 10, '13005', at, jsonb_build_object('id', id, 'seq', n / 10, 'code', '13005',
          'occurredAt', to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'userId', 'u-anna', 'saleId', null, 'amountOre', null, 'detail', 'drawer')
        from (select gen_random_uuid() as id, n, timestamptz '2025-01-01 06:00:00+01' + n * interval '30 seconds' as at
                from generate_series(${first}::int, ${last}::int) as n where n % 10 = 0) s`);
    });
  }
  await database.transaction(async (tx) => {
    await tx.execute(sql`analyze sales`);
    await tx.execute(sql`analyze register_journal`);
  });
}
