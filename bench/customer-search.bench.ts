import { foldForSearch } from '@nota/domain';
import type { CustomerSummary } from '@nota/protocol';
import { createRegisterCore, upsertCustomersPage, type RegisterCore } from '@nota/register-core';
import type { Customer } from '@nota/protocol';
import { join } from 'node:path';
import { generateCustomers, seededRandom } from '../packages/register-core/src/seed/customer-generator';
import { emitJson, heading, table, withTempDir, type SummaryRow } from './report';
import { summarize, timeAsync, timeSync, type Summary } from './stats';

const PAGE = 10_000;
const QUERIES = 2_000;
const WARMUP = 200;
const LIMIT = 20;
const GOAL_P99_MS = 5;

interface Target {
  id: string;
  name: string;
  orgNumber: string;
  customerNumber: number;
}
/** A query plus a check on its answer, so a broken search fails the run instead of looking fast. */
interface Probe {
  query: string;
  check(found: CustomerSummary[]): boolean;
}
interface Kind {
  label: string;
  make(draw: () => Target, random: () => number): Probe;
}

const words = (name: string) => foldForSearch(name).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
const hasWordStarting = (name: string, prefix: string) => words(name).some((w) => w.startsWith(prefix));
const prefixLength = (random: () => number) => 3 + Math.floor(random() * 4);
const digits = (s: string) => s.replace(/\D/g, '');
const startsWithName = (found: CustomerSummary[], query: string) =>
  found.length > 0 && foldForSearch(found[0]!.name).startsWith(foldForSearch(query));
const matchesAllWords = (found: CustomerSummary[], query: string) =>
  found.length > 0 && found.every((c) => words(query).every((q) => hasWordStarting(c.name, q)));

const KINDS: Kind[] = [
  {
    label: 'name prefix',
    make(draw, random) {
      const query = draw().name.split(' ')[0]!.slice(0, prefixLength(random)).toLowerCase();
      return { query, check: (found) => startsWithName(found, query) };
    },
  },
  {
    label: 'name prefix, folded',
    make(draw, random) {
      // Typed without the å/ä/ö key: the prefix must reach past the first accented letter.
      for (;;) {
        const first = draw().name.split(' ')[0]!.toLowerCase();
        const accent = first.search(/[^a-z-]/);
        if (accent < 0) continue;
        const query = foldForSearch(first).slice(0, Math.max(prefixLength(random), accent + 1));
        return { query, check: (found) => startsWithName(found, query) };
      }
    },
  },
  {
    label: 'any word',
    make(draw, random) {
      const later = words(draw().name).slice(1);
      const word = later[Math.floor(random() * later.length)]!;
      const query = word.slice(0, prefixLength(random));
      return { query, check: (found) => matchesAllWords(found, query) };
    },
  },
  {
    label: 'two words',
    make(draw, random) {
      const [first, ...later] = words(draw().name);
      const second = later[Math.floor(random() * later.length)]!;
      const query = `${first!.slice(0, prefixLength(random))} ${second.slice(0, prefixLength(random))}`;
      return { query, check: (found) => matchesAllWords(found, query) };
    },
  },
  {
    label: 'org no., dash, full',
    make(draw) {
      const target = draw();
      return { query: target.orgNumber, check: (found) => found.some((c) => c.id === target.id) };
    },
  },
  {
    label: 'org no., no dash, full',
    make(draw) {
      const target = draw();
      return { query: digits(target.orgNumber), check: (found) => found.some((c) => c.id === target.id) };
    },
  },
  {
    label: 'org no., dash, 6-digit prefix',
    make(draw) {
      const query = `${draw().orgNumber.slice(0, 6)}-`;
      const prefix = digits(query);
      return { query, check: (found) => found.some((c) => digits(c.orgNumber).startsWith(prefix)) };
    },
  },
  {
    label: 'org no., no dash, 6-digit prefix',
    make(draw) {
      const query = draw().orgNumber.slice(0, 6);
      return { query, check: (found) => found.some((c) => digits(c.orgNumber).startsWith(query)) };
    },
  },
  {
    label: 'customer number',
    make(draw) {
      const target = draw();
      return { query: String(target.customerNumber), check: (found) => found[0]?.id === target.id };
    },
  },
  {
    label: 'single letter',
    make(draw) {
      const query = foldForSearch(draw().name).charAt(0);
      return { query, check: (found) => found.length === LIMIT };
    },
  },
  {
    label: 'miss',
    make: () => ({ query: 'zzzqx', check: (found) => found.length === 0 }),
  },
];

/** Random active customers (inactive ones are hidden from search, so checks could not find them). */
function targetDrawer(core: RegisterCore, random: () => number): () => Target {
  const sqlite = core.context.store.sqlite;
  const { maxRowid } = sqlite.prepare('SELECT max(rowid) AS maxRowid FROM customers').get() as { maxRowid: number };
  const byRowid = sqlite.prepare(
    `SELECT id, name, org_number AS orgNumber, customer_number AS customerNumber
       FROM customers WHERE rowid = ? AND active = 1`,
  );
  return () => {
    for (;;) {
      const row = byRowid.get(1 + Math.floor(random() * maxRowid)) as Target | undefined;
      if (row) return row;
    }
  };
}

function probesFor(kind: Kind, draw: () => Target, random: () => number, count: number): Probe[] {
  return Array.from({ length: count }, () => kind.make(draw, random));
}

function fail(label: string, probe: Probe, found: CustomerSummary[]): never {
  throw new Error(`customer search returned a wrong answer for ${label} '${probe.query}': ${JSON.stringify(found.slice(0, 3))}`);
}

interface KindResult extends Summary {
  kind: string;
  example: string;
}

function timeKind(core: RegisterCore, kind: Kind, probes: Probe[]): KindResult {
  const samples: bigint[] = [];
  probes.forEach((probe, i) => {
    const [ns, found] = timeSync(() => core.context.searchCustomers({ query: probe.query, limit: LIMIT }).customers);
    if (!probe.check(found)) fail(kind.label, probe, found);
    if (i >= WARMUP) samples.push(ns);
  });
  return { kind: kind.label, example: probes[WARMUP]!.query, ...summarize(samples) };
}

async function timeViaSend(core: RegisterCore, probes: Probe[]): Promise<KindResult> {
  const samples: bigint[] = [];
  for (const [i, probe] of probes.entries()) {
    const [ns, result] = await timeAsync(() => core.send('customers/search', { query: probe.query, limit: LIMIT }));
    if (!result.ok) throw new Error(`customers/search failed: ${result.error.message}`);
    if (!probe.check(result.data.customers)) fail('core.send', probe, result.data.customers);
    if (i >= WARMUP) samples.push(ns);
  }
  return { kind: "all kinds mixed, via core.send('customers/search')", example: '-', ...summarize(samples) };
}

function load(core: RegisterCore, source: Iterator<Customer>, count: number) {
  let upsertNs = 0n;
  for (let done = 0; done < count; done += PAGE) {
    const page: Customer[] = [];
    for (let i = 0; i < Math.min(PAGE, count - done); i++) {
      const next = source.next();
      if (next.done) throw new Error('customer generator ran out');
      page.push(next.value);
    }
    upsertNs += timeSync(() => upsertCustomersPage(core.context.store.sqlite, page))[0];
  }
  const seconds = Number(upsertNs) / 1e9;
  return { customers: count, seconds: Math.round(seconds * 10) / 10, perSecond: Math.round(count / seconds) };
}

export async function runCustomerSearchBench(opts: { quick: boolean }): Promise<SummaryRow[]> {
  const sizes = opts.quick ? [100_000] : [100_000, 1_000_000];
  const largest = sizes[sizes.length - 1]!;
  return withTempDir('nota-bench-search-', async (dir) => {
    const core = createRegisterCore({ dbPath: join(dir, 'register.sqlite') });
    try {
      // One generator: the 1M set is the 100k set plus 900k more, so the second size only loads the difference.
      const source = generateCustomers(largest, { seed: 20_260_101 });
      const summary: SummaryRow[] = [];
      const json: Record<string, unknown>[] = [];
      let loaded = 0;
      for (const size of sizes) {
        heading(`customer search, ${size.toLocaleString('en-US')} customers`);
        const loadStats = load(core, source, size - loaded);
        loaded = size;
        console.log(
          `loaded ${loadStats.customers.toLocaleString('en-US')} customers in pages of ${PAGE.toLocaleString('en-US')}: ` +
            `${loadStats.seconds} s upsert time, ${loadStats.perSecond.toLocaleString('en-US')} customers/s`,
        );
        const random = seededRandom(size);
        const draw = targetDrawer(core, random);
        const results = KINDS.map((kind) => timeKind(core, kind, probesFor(kind, draw, random, WARMUP + QUERIES)));
        if (size === largest) {
          const mixed = KINDS.flatMap((kind) => probesFor(kind, draw, random, Math.ceil((WARMUP + QUERIES) / KINDS.length)));
          mixed.sort(() => random() - 0.5);
          results.push(await timeViaSend(core, mixed));
        }
        console.log(
          table(
            ['query kind', 'example', 'n', 'p50 ms', 'p99 ms', 'mean ms', 'max ms', `p99<${GOAL_P99_MS}ms`],
            results.map((r) => [r.kind, `'${r.example}'`, r.n, r.p50, r.p99, r.mean, r.max, r.p99 < GOAL_P99_MS]),
          ),
        );
        const worst = results.reduce((a, b) => (b.p99 > a.p99 ? b : a));
        const goalMet = results.every((r) => r.p99 < GOAL_P99_MS);
        if (size === 1_000_000) {
          console.log(`goal (p99 < ${GOAL_P99_MS} ms at 1,000,000 for every kind): ${goalMet ? 'MET' : 'NOT MET'} (worst: ${worst.kind}, p99 ${worst.p99} ms)`);
        }
        const label = size === 1_000_000 ? '1M' : `${size / 1000}k`;
        summary.push(
          { bench: 'customer-search', metric: `load ${label} (upsert)`, value: loadStats.perSecond, unit: 'customers/s' },
          { bench: 'customer-search', metric: `${label} worst p99 (${worst.kind})`, value: worst.p99, unit: 'ms' },
          { bench: 'customer-search', metric: `${label} p99 < ${GOAL_P99_MS} ms, all kinds`, value: goalMet, unit: '' },
        );
        json.push({ size, load: loadStats, goalMet, kinds: results });
      }
      emitJson('customer-search', { limit: LIMIT, goalP99Ms: GOAL_P99_MS, sizes: json });
      return summary;
    } finally {
      core.close();
    }
  });
}
