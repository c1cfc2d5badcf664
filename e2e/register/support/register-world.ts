import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CustomerInput } from '@nota/protocol';
import { startRegisterHost, RENDERER_DIR, type RegisterHost } from '@nota/register/shell';
import { createRegisterCore, type RegisterCore } from '@nota/register-core';
import { startVirtualPrinter, type VirtualPrinter } from '@nota/register-core/printing';
import { DEMO_GROUPS, DEMO_PRODUCTS, DEMO_USERS } from '@nota/register-core/seed';
import { buildApp } from '@nota/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAdminClient, type AdminClient } from '../../../scripts/loadgen/admin-client';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';

export const CASHIER = DEMO_USERS.find((u) => u.role === 'cashier')!;
export const MANAGER = DEMO_USERS.find((u) => u.role === 'manager')!;

/** Head office's customers for the flows: one to invoice (with a purchase instruction), one refused. */
export const CUSTOMERS = {
  school: {
    name: 'Björkskolan',
    orgNumber: '212000-1355',
    purchaseInstruction: 'Köparen ska uppge fullständigt namn och avdelning.',
    invoicingEnabled: true,
    active: true,
  },
  closed: { name: 'Stängda Föreningen', orgNumber: '802000-0009', purchaseInstruction: null, invoicingEnabled: false, active: true },
} as const;

export interface RegisterWorld {
  serverUrl: string;
  /** Between the register and the server: `setMode('refuse')` is the server being down. */
  proxy: FaultProxy;
  admin: AdminClient;
  core: RegisterCore;
  host: RegisterHost;
  printer: VirtualPrinter;
  browser: Browser;
  /** A new page (its own context: its own sessionStorage) on the printed address. */
  open(opts?: { locale?: string }): Promise<{ page: Page; context: BrowserContext }>;
  enrolmentCode(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Everything real: a Nota server on PGlite with head office's demo data, a register core on a
 * temporary SQLite file served by the browser shell's host, the virtual printer, Chromium.
 * The register is not enrolled: a test enrols it through the first-start screen (`enrolThroughUi`).
 */
export async function startRegisterWorld(browser: Browser): Promise<RegisterWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'nota-e2e-register-'));
  const apiKey = `nak_${randomUUID().replaceAll('-', '')}`;
  const app = await buildApp({ adminApiKey: apiKey, logger: false, pgliteDir: join(dir, 'pglite') });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const admin = createAdminClient(`http://127.0.0.1:${port}`, apiKey);
  await seedHeadOffice(admin);
  const proxy = await startFaultProxy({ host: '127.0.0.1', port });
  const printer = await startVirtualPrinter();
  const core = createRegisterCore({
    dbPath: join(dir, 'register.sqlite'),
    // Quick rounds and retries, so a test sees the outbox drain within seconds.
    sync: { autoStart: true, intervalMs: 500, timeoutMs: 2_000, backoff: { baseMs: 200, maxMs: 1_000 } },
  });
  const host = await startRegisterHost({ core, rendererDir: RENDERER_DIR });
  const contexts: BrowserContext[] = [];

  return {
    serverUrl: proxy.url,
    proxy,
    admin,
    core,
    host,
    printer,
    browser,
    async open(opts = {}) {
      const context = await browser.newContext({ locale: opts.locale ?? 'sv-SE', viewport: { width: 1280, height: 860 } });
      contexts.push(context);
      const page = await context.newPage();
      // Generous: the build machines are shared and busy; a real till answers in milliseconds.
      page.setDefaultTimeout(20_000);
      page.setDefaultNavigationTimeout(45_000);
      await page.goto(host.address, { waitUntil: 'domcontentloaded' });
      return { page, context };
    },
    async enrolmentCode() {
      const { enrolmentCode } = await admin.request<{ enrolmentCode: string }>('POST', '/api/registers', { name: 'Kassa E2E', costCentreCode: 'E2E' });
      return enrolmentCode;
    },
    async close() {
      for (const context of contexts) await context.close();
      await host.close();
      await core.close();
      await printer.close();
      await proxy.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function seedHeadOffice(admin: AdminClient): Promise<void> {
  await admin.request('POST', '/api/cost-centres', { code: 'E2E', name: 'Museibutiken' });
  for (const group of DEMO_GROUPS) await admin.request('PUT', `/api/product-groups/${group.id}`, group);
  for (const product of DEMO_PRODUCTS) await admin.request('PUT', `/api/products/${product.id}`, product);
  for (const user of DEMO_USERS) await admin.request('PUT', `/api/register-users/${user.id}`, { name: user.name, role: user.role, pin: user.pin, costCentreCode: 'E2E' });
  for (const c of Object.values(CUSTOMERS)) {
    const customer: CustomerInput = {
      active: c.active,
      internal: false,
      externalId: null,
      name: c.name,
      orgNumber: c.orgNumber,
      country: 'SE',
      street: 'Skolgatan 1',
      postalCode: '271 41',
      city: 'Ystad',
      billingCountry: null,
      email: 'ekonomi@kommun.example',
      phone: null,
      invoicingEnabled: c.invoicingEnabled,
      purchaseInstruction: c.purchaseInstruction,
    };
    await admin.request('POST', '/api/customers', { customer });
  }
}
