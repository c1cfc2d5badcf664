import { startAgressoSimulator, type AgressoSimulator, type SimulatorOptions } from '@nota/agresso/simulator';
import type { AppOptions } from '../options';
import { configureAgresso, configureMapping, configureSeller, listInvoices, type InvoiceSummaryJson } from './invoicing';
import type { TestApp } from './test-app';

export const SIM_CREDENTIALS = { username: 'NOTA', client: '10', password: 'sim-test-secret' } as const;

export function startTestSimulator(options: Partial<SimulatorOptions> = {}): Promise<AgressoSimulator> {
  return startAgressoSimulator({ ...SIM_CREDENTIALS, processingDelayMs: 20, ...options });
}

/** Export timings for tests: every wait in tens of milliseconds instead of seconds and minutes. */
export const FAST_EXPORT: NonNullable<AppOptions['invoicing']> = {
  enabled: true,
  pollMs: 25,
  exportConcurrency: 4,
  timings: {
    leaseMs: 10_000,
    uncertainMs: 400,
    confirmDelayMs: 20,
    confirmPollMs: 30,
    customerPollMs: 30,
    retryBaseMs: 20,
    retryMaxMs: 200,
    maxAttempts: 6,
  },
};

/** Seller, mapping and connection: everything head office sets up before invoices can flow. */
export async function configureExport(t: TestApp, sim: AgressoSimulator, connection: { timeoutMs?: number } = {}) {
  await configureSeller(t);
  await configureMapping(t);
  await configureAgresso(t, { baseUrl: sim.url, ...SIM_CREDENTIALS, confirmationTemplateId: 9001, timeoutMs: connection.timeoutMs ?? 1_000 });
}

/** Polls until `done` holds for the invoice list, or fails with the last list seen. */
export async function waitForInvoices(
  t: TestApp,
  done: (invoices: InvoiceSummaryJson[]) => boolean,
  timeoutMs = 20_000,
): Promise<InvoiceSummaryJson[]> {
  const deadline = Date.now() + timeoutMs;
  let last: InvoiceSummaryJson[] = [];
  while (Date.now() < deadline) {
    last = await listInvoices(t);
    if (done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`invoices did not settle within ${timeoutMs} ms: ${JSON.stringify(last.map((i) => ({ n: i.number, s: i.status, e: i.export })), null, 1)}`);
}

export const settled = (i: InvoiceSummaryJson) => i.export !== null && ['confirmed', 'failed', 'blocked'].includes(i.export.state);

/** Posted GL07 vouchers per batch id, across every import the simulator accepted. */
export function postedPerBatch(sim: AgressoSimulator): Map<string, number> {
  const counts = new Map<string, number>();
  for (const imp of sim.accepted()) {
    for (const v of imp.vouchers) if (v.status === 'posted') counts.set(v.batchId, (counts.get(v.batchId) ?? 0) + 1);
  }
  return counts;
}
