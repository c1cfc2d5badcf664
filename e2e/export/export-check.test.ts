import { startAgressoSimulator, type AgressoSimulator } from '@nota/agresso/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_API_KEY, type TestApp } from '../../apps/server/src/test-support/test-app';
import { createAdminClient } from '../../scripts/loadgen/admin-client';
import { checkExport } from '../../scripts/loadgen/export-check';

// The load generator's end check proves what it saw; a run without invoice sales gave it nothing to see.
describe('the load generator’s export check', () => {
  let t: TestApp;
  let sim: AgressoSimulator;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    sim = await startAgressoSimulator({ username: 'NOTA', client: '10', password: 'sim-check', processingDelayMs: 10, perVoucherMs: 0 });
  });
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  it('says a run with no invoice sale had nothing to check, and does not call it exactly once', async () => {
    const admin = createAdminClient(await t.app.listen({ host: '127.0.0.1', port: 0 }), TEST_API_KEY);
    const check = await checkExport(admin, sim.origin, new Set(), { since: new Date(Date.now() - 60_000), timeoutMs: 5_000 });
    expect(check).toMatchObject({ invoiceSales: 0, nothingToCheck: true, exactlyOnce: false, gaveUp: false });
    expect(check.verdict).toMatch(/no invoice sale: there was nothing to check/);
    expect(check.verdict).not.toMatch(/exactly once/);
  });
});
