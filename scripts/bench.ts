import { runBackofficeBench } from '../bench/backoffice.bench';
import { runCustomerSearchBench } from '../bench/customer-search.bench';
import { runCustomerUpsertBench } from '../bench/customer-upsert.bench';
import { runExportBench } from '../bench/export.bench';
import { runInvoicePdfBench } from '../bench/invoice-pdf.bench';
import { runRegisterUiBench } from '../bench/register-ui.bench';
import { runSaleCommitBench } from '../bench/sale-commit.bench';
import { runSyncPullBench } from '../bench/sync-pull.bench';
import { table, type SummaryRow } from '../bench/report';

// Usage: npm run bench [-- --only search|commit|upsert|pull|pdf|export|ui|backoffice] [--quick]
//   --quick runs customer search at 100,000 customers only (the 1,000,000 load dominates a full run),
//   renders 100 invoice PDFs per case instead of 500, and exports 2,000 invoices end to end instead of
//   10,000 (NOTA_BENCH_EXPORT_INVOICES=N sets another size).
//   pull and export run on PostgreSQL too when NOTA_TEST_POSTGRES_URL is set.
//   ui seeds 1,000,000 customers (100,000 with --quick); NOTA_BENCH_UI_DIR=DIR keeps that database for
//   the next run, NOTA_BENCH_UI_TRACE=FILE writes a Chromium trace (see bench/register-ui.bench.ts).
//   backoffice seeds 1,000,000 customers and invoices (100,000 with --quick) on PGlite, and PostgreSQL when
//   NOTA_TEST_POSTGRES_URL is set; NOTA_BENCH_BO_DIR=DIR keeps them (see bench/backoffice.bench.ts).

const BENCHES = {
  search: runCustomerSearchBench,
  commit: runSaleCommitBench,
  upsert: runCustomerUpsertBench,
  pull: runSyncPullBench,
  pdf: runInvoicePdfBench,
  export: runExportBench,
  ui: runRegisterUiBench,
  backoffice: runBackofficeBench,
} as const;
type BenchName = keyof typeof BENCHES;

function parseArgs(argv: string[]): { only: BenchName[]; quick: boolean } {
  const quick = argv.includes('--quick');
  const i = argv.indexOf('--only');
  if (i < 0) return { only: Object.keys(BENCHES) as BenchName[], quick };
  const name = argv[i + 1];
  if (!name || !(name in BENCHES)) {
    console.error(`--only takes one of: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  return { only: [name as BenchName], quick };
}

const { only, quick } = parseArgs(process.argv.slice(2));
const started = Date.now();
const summary: SummaryRow[] = [];
for (const name of only) summary.push(...(await BENCHES[name]({ quick })));

console.log(`\n== summary (${((Date.now() - started) / 1000).toFixed(1)} s, node ${process.version}) ==`);
console.log(table(['bench', 'metric', 'value', 'unit'], summary.map((r) => [r.bench, r.metric, r.value, r.unit])));
