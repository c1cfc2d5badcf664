import { expect } from 'vitest';
import { startAgressoSimulator, type AgressoSimulator, type SimulatorOptions } from '@nota/agresso/simulator';
import type { Customer } from '@nota/protocol';
import type { AppOptions } from '../options';
import { configureAgresso, configureMapping, configureSeller, listInvoices, pushInvoiceSales, type InvoiceSummaryJson } from './invoicing';
import { expectJson, type TestApp } from './test-app';

export const SIM_CREDENTIALS = { username: 'NOTA', client: '10', password: 'sim-test-secret' } as const;

export function startTestSimulator(options: Partial<SimulatorOptions> = {}): Promise<AgressoSimulator> {
  return startAgressoSimulator({ ...SIM_CREDENTIALS, processingDelayMs: 20, perVoucherMs: 0, ...options });
}

/** Export timings for tests: every wait in tens of milliseconds instead of seconds and minutes. */
export const FAST_EXPORT: NonNullable<AppOptions['invoicing']> = {
  enabled: true,
  pollMs: 25,
  exportConcurrency: 4,
  timings: {
    leaseMs: 10_000,
    batchSize: 50,
    batchWaitMs: 100,
    gl07StartMs: 20,
    gl07PerVoucherMs: 0,
    uncertainMs: 400,
    confirmDelayMs: 20,
    confirmPollMs: 30,
    customerPollMs: 30,
    customerHoldMs: 5_000,
    retryBaseMs: 20,
    retryMaxMs: 200,
  },
};

/** Seller, mapping and connection: everything head office sets up before invoices can flow. */
export async function configureExport(t: TestApp, sim: AgressoSimulator, connection: { timeoutMs?: number; password?: string } = {}) {
  await configureSeller(t);
  await configureMapping(t);
  await configureAgresso(t, { baseUrl: sim.url, ...SIM_CREDENTIALS, confirmationTemplateId: 9001, timeoutMs: connection.timeoutMs ?? 2_000, ...(connection.password ? { password: connection.password } : {}) });
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

/** Posted GL07 vouchers per invoice number, across every import the simulator accepted. */
export function postedPerInvoice(sim: AgressoSimulator): Map<string, number> {
  const counts = new Map<string, number>();
  for (const imp of sim.accepted()) {
    for (const v of imp.vouchers) if (v.status === 'posted' && v.invoiceNo) counts.set(v.invoiceNo, (counts.get(v.invoiceNo) ?? 0) + 1);
  }
  return counts;
}

/** What Agresso's GL07 made of an invoice's vouchers: posted, failed (in batch input) or not there. */
export function agressoState(sim: AgressoSimulator, invoiceNo: number): 'posted' | 'failed' | 'queued' | 'absent' {
  const mine = sim.accepted().flatMap((a) => a.vouchers).filter((v) => v.invoiceNo === String(invoiceNo));
  for (const state of ['posted', 'queued', 'failed'] as const) if (mine.some((v) => v.status === state)) return state;
  return 'absent';
}

export const confirmed = (i: InvoiceSummaryJson) => i.export?.state === 'confirmed';

/** What export tests do over and over: sell, wait for the invoices, read their history, retry, prove exactly once. */
export function exportHarness(t: TestApp, sim: AgressoSimulator, token: string) {
  let receipt = 1;
  const ofSales = (invoices: InvoiceSummaryJson[], saleIds: string[]) => invoices.filter((i) => i.saleId && saleIds.includes(i.saleId));
  return {
    /** A register creates a customer and charges `count` invoice sales to them; answers the sale ids. */
    async sell(count: number, overrides?: Partial<Customer>) {
      const pushed = await pushInvoiceSales(t, token, { count, firstReceipt: receipt, overrides });
      receipt += count;
      return { ...pushed, ids: pushed.sales.map((s) => s.id) };
    },
    /** Invoice sales for customers the server already has, all in one push. */
    async sellTo(customers: Customer[], count: number) {
      const pushed = await pushInvoiceSales(t, token, { customers, count, firstReceipt: receipt });
      receipt += count;
      return { ...pushed, ids: pushed.sales.map((s) => s.id) };
    },
    /** The invoices of these sales, once every one of them satisfies `until`. */
    async invoicesOf(saleIds: string[], until: (i: InvoiceSummaryJson) => boolean, timeoutMs?: number) {
      const all = await waitForInvoices(
        t,
        (list) => {
          const mine = ofSales(list, saleIds);
          return mine.length === saleIds.length && mine.every(until);
        },
        timeoutMs,
      );
      return ofSales(all, saleIds);
    },
    async history(id: string) {
      const res = await t.app.inject({ method: 'GET', url: `/api/invoices/${id}`, headers: t.adminHeaders });
      return expectJson<{ invoice: { events: { step: string; outcome: string; message: string }[] } }>(res, 200).invoice.events;
    },
    retry: (id: string) => t.app.inject({ method: 'POST', url: `/api/exports/${id}/retry`, headers: t.adminHeaders }),
    /** The proof the issue asks for: each invoice posted exactly once, and Nota says so too. */
    expectExactlyOnce(invoices: InvoiceSummaryJson[]) {
      const posted = postedPerInvoice(sim);
      for (const i of invoices) {
        expect({ number: i.number, posted: posted.get(String(i.number)) ?? 0, state: i.export?.state }).toEqual({ number: i.number, posted: 1, state: 'confirmed' });
      }
    },
  };
}
