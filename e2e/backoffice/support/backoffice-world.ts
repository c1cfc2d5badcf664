import type { AgressoSimulator } from '@nota/agresso/simulator';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { configureExport, exportHarness, FAST_EXPORT, startTestSimulator } from '../../../apps/server/src/test-support/export';
import { createTestApp, enrolRegister, type TestApp } from '../../../apps/server/src/test-support/test-app';

/** The first administrator, made by the server at its first start (NOTA_ADMIN_USERNAME / _PASSWORD). */
export const ADMIN = { username: 'ekonomichef', password: 'en lång fras är ett bra lösenord' } as const;

export interface BackofficeWorld {
  /** The back office and its API: http://127.0.0.1:PORT */
  url: string;
  server: TestApp;
  sim: AgressoSimulator;
  harness: ReturnType<typeof exportHarness>;
  /** A new page in its own context (its own cookies), in Swedish unless asked. */
  open(path?: string, opts?: { locale?: string }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Everything real: the Nota server on PGlite listening on a free port and serving the built back office,
 * its export pipeline running against the Agresso simulator, a register enrolled through the API, and
 * Chromium. The first administrator signs in with a password: no API key reaches the browser.
 */
export async function startBackofficeWorld(browser: Browser): Promise<BackofficeWorld> {
  const sim = await startTestSimulator();
  // Quick export timings, but polled at a pace that leaves a busy machine's CPU to the browser.
  const server = await createTestApp('pglite', { invoicing: { ...FAST_EXPORT, pollMs: 250 }, firstAdministrator: ADMIN });
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = server.app.server.address() as { port: number };
  // The pages' flows are not about timeouts: a loaded CI machine (browser, server and simulator in one
  // process) can take more than the fault tests' 2 s to answer the connection test.
  await configureExport(server, sim, { timeoutMs: 10_000 });
  const { token } = await enrolRegister(server);
  const harness = exportHarness(server, sim, token);
  const contexts: BrowserContext[] = [];
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    server,
    sim,
    harness,
    async open(path = '/', opts = {}) {
      const context = await browser.newContext({ locale: opts.locale ?? 'sv-SE', viewport: { width: 1366, height: 860 } });
      contexts.push(context);
      const page = await context.newPage();
      // Generous: the build machines are shared and busy.
      page.setDefaultTimeout(30_000);
      page.setDefaultNavigationTimeout(60_000);
      // The page object waits for what it needs; the load event of a busy machine is not one of them.
      await page.goto(`${url}${path}`, { waitUntil: 'commit' });
      return page;
    },
    async close() {
      for (const context of contexts) await context.close();
      await server.close();
      await sim.close();
    },
  };
}
