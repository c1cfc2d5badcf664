import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYNC_ROUTES, type CustomerSummary } from '@nota/protocol';
import { createRegisterCore, type RegisterCore } from '@nota/register-core';
import { DEMO_GROUPS, DEMO_PRODUCTS, seededRandom } from '@nota/register-core/seed';
import { percentile } from '../../bench/stats';
import { addSimulatorCustomers, configureInvoicing, type AgressoTarget } from '../demo/invoicing-setup';
import { createAdminClient, type AdminClient } from './admin-client';
import { checkExport, type ExportCheck } from './export-check';

export interface LoadOptions {
  server: string;
  apiKey: string;
  registers: number;
  salesPerRegister: number;
  /** Share of sales charged by invoice (0..1). */
  invoiceShare?: number;
  /** Share of sales preceded by creating a new customer at the register (0..1). */
  newCustomerShare?: number;
  /** Events per push. */
  batchSize?: number;
  seed?: number;
  /** Called after every sale with the running count, e.g. for fault tests that act mid-stream. */
  onProgress?: (made: number, total: number) => void;
  /** Told each invoice sale a register made (for checks of one's own after the run). */
  onInvoiceSale?: (saleId: string) => void;
  /**
   * 'live': registers sell while their sync engines push (the normal day).
   * 'backlog': registers sell offline first, then all push at once: the server's ingest rate.
   */
  mode?: 'live' | 'backlog';
  /**
   * With 'backlog': push at this steady total rate (events/s) instead of all at once. Each register
   * sends one batch per interval, the registers staggered over it: the day-long load of many shops.
   */
  pushRate?: number;
  /** Give up on draining outboxes after this long (the server may be gone for good). */
  drainTimeoutMs?: number;
  /**
   * Export to this Agresso (a simulator): head office's invoicing is set up for it first, and at
   * the end the run waits for the export and proves every invoice sale landed exactly once.
   */
  agresso?: { target: AgressoTarget; simulatorOrigin: string; timeoutMs?: number };
}

export interface LoadSummary {
  registers: number;
  salesMade: number;
  customersCreated: number;
  eventsAcknowledged: number;
  /** Acknowledged events per type: sales, customers, and the journal's lines (sign-ins) beside them. */
  acknowledgedByType: Record<string, number>;
  eventsRejected: number;
  eventsPending: number;
  durationS: number;
  salesPerSecond: number;
  acknowledgedPerSecond: number;
  push: { requests: number; failed: number; p50Ms: number; p99Ms: number; maxMs: number };
  errors: string[];
  serverSales: number | null;
  export: ExportCheck | null;
}

export const LOADGEN_CASHIER = { id: 'loadgen-manager', name: 'Load Generator', role: 'manager' as const, pin: '471147' };

/** Sets up head-office data the simulated registers need. Idempotent, so runs can repeat. */
export async function prepareServer(admin: AdminClient): Promise<void> {
  await admin.costCentres.save({ body: { code: 'LOAD', name: 'Lastprov' } });
  for (const group of DEMO_GROUPS) await admin.productGroups.save({ params: { id: group.id }, body: group });
  for (const product of DEMO_PRODUCTS) await admin.products.save({ params: { id: product.id }, body: product });
  await admin.registerUsers.save({
    params: { id: LOADGEN_CASHIER.id },
    body: { name: LOADGEN_CASHIER.name, role: LOADGEN_CASHIER.role, pin: LOADGEN_CASHIER.pin, costCentreCode: 'LOAD' },
  });
}

interface SimRegister {
  core: RegisterCore;
  dir: string;
  random: () => number;
  made: number;
  customers: CustomerSummary[];
}

/**
 * Simulated registers: each is the real register core on its own temporary SQLite file, enrolled
 * with a real enrolment code, selling while its sync engine pushes to the server.
 */
export async function runLoad(options: LoadOptions): Promise<LoadSummary> {
  const invoiceShare = options.invoiceShare ?? 0.3;
  const newCustomerShare = options.newCustomerShare ?? 0.02;
  const admin = createAdminClient(options.server, options.apiKey);
  const since = new Date();
  await prepareServer(admin);
  if (options.agresso) await configureInvoicing(admin, options.agresso.target);

  const pushTimes: number[] = [];
  let pushFailures = 0;
  const errors: string[] = [];
  // Times only the push requests, through the engine's own fetch.
  const timedFetch: typeof fetch = async (input, init) => {
    const isPush = String(input).includes(SYNC_ROUTES.push);
    const started = performance.now();
    try {
      const response = await fetch(input, init);
      if (isPush && response.ok) pushTimes.push(performance.now() - started);
      else if (isPush) pushFailures += 1;
      return response;
    } catch (err) {
      if (isPush) pushFailures += 1;
      throw err;
    }
  };

  // Push slots per register: one batch every interval, offset so registers do not push in step.
  let pacingFrom: number | null = null;
  const pacedFetch = (index: number): typeof fetch => {
    if (!options.pushRate || options.mode !== 'backlog') return timedFetch;
    const intervalMs = ((options.batchSize ?? 100) * options.registers * 1000) / options.pushRate;
    let slot = 0;
    return async (input, init) => {
      if (pacingFrom !== null && String(input).includes(SYNC_ROUTES.push)) {
        const due = pacingFrom + (index / options.registers) * intervalMs + slot * intervalMs;
        slot += 1;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      return timedFetch(input, init);
    };
  };

  const registers: SimRegister[] = [];
  for (let i = 0; i < options.registers; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'nota-loadgen-'));
    const core = createRegisterCore({
      dbPath: join(dir, 'register.sqlite'),
      sync: { fetch: pacedFetch(i),  batchSize: options.batchSize ?? 100, backoff: { baseMs: 100, maxMs: 2_000 }, timeoutMs: 10_000 },
    });
    const { enrolmentCode } = await admin.registers.create({ body: { name: `Lastkassa ${i + 1}`, costCentreCode: 'LOAD' } });
    await core.sync.enrol(options.server, enrolmentCode);
    await core.sync.syncOnce();
    const signIn = await core.send('session/sign-in', { userId: LOADGEN_CASHIER.id, pin: LOADGEN_CASHIER.pin });
    if (!signIn.ok) throw new Error(`register ${i + 1} cannot sign in: ${signIn.error.message}`);
    const found = await core.send('customers/search', { query: '', limit: 100 });
    registers.push({ core, dir, random: seededRandom((options.seed ?? 1) * 1000 + i), made: 0, customers: found.ok ? found.data.customers.filter((c) => c.invoiceable) : [] });
  }
  if (options.agresso) await addSimulatorCustomers(options.agresso.simulatorOrigin, await internalCustomers(registers));

  const started = performance.now();
  let customersCreated = 0;
  const invoiceSales = new Set<string>();
  let selling = true;
  const total = options.registers * options.salesPerRegister;

  const sell = async (reg: SimRegister) => {
    for (let n = 0; n < options.salesPerRegister; n++) {
      if (reg.random() < newCustomerShare) {
        const created = await reg.core.send('customers/create', { customer: newCustomer(reg.random) });
        if (created.ok) {
          customersCreated += 1;
          reg.customers.push({ ...created.data.customer, invoiceable: true });
        } else errors.push(`customer: ${created.error.code} ${created.error.message}`);
      }
      const lines = Array.from({ length: 1 + Math.floor(reg.random() * 5) }, () => ({
        productId: DEMO_PRODUCTS[Math.floor(reg.random() * DEMO_PRODUCTS.length)]!.id,
        quantity: 1 + Math.floor(reg.random() * 3),
      }));
      const priced = await reg.core.send('cart/price', { lines });
      if (!priced.ok) throw new Error(priced.error.message);
      const customer = reg.customers.length && reg.random() < invoiceShare ? reg.customers[Math.floor(reg.random() * reg.customers.length)] : null;
      const sale = await reg.core.send('sales/complete', {
        id: randomUUID(),
        lines,
        payments: [customer ? { method: 'invoice', amountOre: priced.data.totalOre } : { method: 'card', amountOre: priced.data.totalOre }],
        ...(customer ? { invoice: { customerId: customer.id, buyerReference: 'Lastprov' } } : {}),
      });
      if (sale.ok) {
        reg.made += 1;
        if (customer) {
          invoiceSales.add(sale.data.sale.id);
          options.onInvoiceSale?.(sale.data.sale.id);
        }
      } else errors.push(`sale: ${sale.error.code} ${sale.error.message}`);
      options.onProgress?.(registers.reduce((s, r) => s + r.made, 0), total);
      // Yield so every register and its sync engine get their turn on the one event loop.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  const syncLoop = async (reg: SimRegister) => {
    const deadline = () => performance.now() - started > (options.drainTimeoutMs ?? 120_000);
    for (;;) {
      const { pending } = reg.core.sync.status();
      if (!selling && pending === 0) return;
      if (!selling && deadline()) return;
      try {
        await reg.core.sync.syncOnce();
      } catch (err) {
        // The server is away or refused: back off briefly and go on, as the real engine does.
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
        if (!/reach|answer|timeout|503|502|ECONN/i.test(String(err))) errors.push(`sync: ${String(err)}`);
      }
      if (selling) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  let syncing: Promise<void>[] = [];
  if (options.mode !== 'backlog') syncing = registers.map(syncLoop);
  await Promise.all(registers.map(sell));
  const soldAt = performance.now();
  selling = false;
  const syncStarted = options.mode === 'backlog' ? performance.now() : started;
  if (options.mode === 'backlog') {
    pushTimes.length = 0; // setup pushes (none expected) must not count
    pacingFrom = performance.now();
    syncing = registers.map(syncLoop);
  }
  await Promise.all(syncing);
  const durationS = (performance.now() - syncStarted) / 1000;
  pushTimes.sort((a, b) => a - b);

  let acknowledged = 0;
  const acknowledgedByType: Record<string, number> = {};
  let rejected = 0;
  let pending = 0;
  for (const reg of registers) {
    const status = reg.core.sync.status();
    pending += status.pending;
    rejected += status.rejected;
    const byType = reg.core.context.store.sqlite
      .prepare("SELECT type, count(*) AS n FROM outbox WHERE status = 'acknowledged' GROUP BY type")
      .all() as { type: string; n: number }[];
    for (const { type, n } of byType) {
      acknowledged += n;
      acknowledgedByType[type] = (acknowledgedByType[type] ?? 0) + n;
    }
    await reg.core.close();
    rmSync(reg.dir, { recursive: true, force: true });
  }
  const salesMade = registers.reduce((s, r) => s + r.made, 0);
  const serverSales = await admin.sales
    .count()
    .then((r) => r.count)
    .catch(() => null);
  const exported = options.agresso
    ? await checkExport(admin, options.agresso.simulatorOrigin, invoiceSales, { since, timeoutMs: options.agresso.timeoutMs ?? 300_000 })
    : null;

  return {
    registers: options.registers,
    salesMade,
    customersCreated,
    eventsAcknowledged: acknowledged,
    acknowledgedByType,
    eventsRejected: rejected,
    eventsPending: pending,
    durationS: round(durationS),
    salesPerSecond: round(salesMade / ((soldAt - started) / 1000)),
    acknowledgedPerSecond: round(acknowledged / durationS),
    push: {
      requests: pushTimes.length,
      failed: pushFailures,
      p50Ms: round(percentile(pushTimes, 50)),
      p99Ms: round(percentile(pushTimes, 99)),
      maxMs: round(Math.max(0, ...pushTimes)),
    },
    errors: errors.slice(0, 20),
    serverSales,
    export: exported,
  };
}

/** The internal customers the registers may charge: Agresso knows them already (by their external id). */
async function internalCustomers(registers: readonly SimRegister[]): Promise<{ externalId: string; name: string }[]> {
  const byId = new Map<string, { externalId: string; name: string }>();
  for (const reg of registers) {
    for (const summary of reg.customers) {
      if (byId.has(summary.id)) continue;
      const found = await reg.core.send('customers/get', { id: summary.id });
      if (found.ok && found.data.customer.internal && found.data.customer.externalId) {
        byId.set(summary.id, { externalId: found.data.customer.externalId, name: found.data.customer.name });
      }
    }
  }
  return [...byId.values()];
}

/** A customer made at the register: not in Agresso yet, so the export creates them there first. */
function newCustomer(random: () => number) {
  const n = Math.floor(random() * 1e6);
  return {
    active: true,
    internal: false,
    name: `Lastprov Kund ${n} AB`,
    orgNumber: '556036-0793',
    country: 'SE' as const,
    street: `Provgatan ${1 + (n % 90)}`,
    postalCode: '211 20',
    city: 'Malmö',
    email: `faktura${n}@lastprov.example`,
    invoicingEnabled: true,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

