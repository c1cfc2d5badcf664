import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { AgressoError, createAgressoClient, type AgressoConnection } from '@nota/agresso';
import type { AgressoSimulator } from '@nota/agresso/simulator';
import { TEST_MAPPING } from '@nota/domain/test-fixtures';
import { exportBatches } from '../../db/schema';
import { createSecretBox } from '../config/secret-box';
import { configureExport, confirmed, exportHarness, FAST_EXPORT, postedPerInvoice, settled, SIM_CREDENTIALS, startTestSimulator } from '../../test-support/export';
import { configureAgresso, configureMapping } from '../../test-support/invoicing';
import { createTestApp, enrolRegister, expectJson, testDatabases, type TestApp } from '../../test-support/test-app';
import { activateDrafts } from '../invoices/activation';
import { createSettingsCache } from './export-setup';
import { runBatchStep, type StepContext } from './batch-step';
import { runCustomerStage } from './customer-stage';
import { gatherBatch } from './export-gather';
import { DEFAULT_TIMINGS } from './export-timings';
import { claimBatch } from './export-worker';

// The ways a batch could reach Agresso twice, each closed by the rule that a send which may have
// arrived is asked about before it is ever made again.

// These tests wait on Agresso's simulated pace (a queued order, a lost answer, the time before asking):
// seconds of waiting that a busy CI machine stretches, so they get more than the default 20 s.
describe.each(testDatabases())('export never sends a batch twice (%s)', { timeout: 60_000 }, (kind) => {
  let sim: AgressoSimulator;
  let t: TestApp;
  let h: ReturnType<typeof exportHarness>;
  /** The GL07 import for this Agresso customer is really sent, and then answered with something unreadable. */
  let garbleFor: string | null = null;

  beforeAll(async () => {
    // GL07 runs a while after an order is queued: until then batch input has no rows to find.
    // Internal customers Agresso has: the first import of each test is its invoice's GL07.
    const units = ['100101', '100102', '100103'].map((customerId) => ({ customerId, name: `Förvaltning ${customerId}` }));
    sim = await startTestSimulator({ processingDelayMs: 1_800, customers: units });
    const garbling = (connection: AgressoConnection) => {
      const client = createAgressoClient(connection);
      return {
        ...client,
        async executeServerProcess(input: Parameters<typeof client.executeServerProcess>[0]) {
          const answer = await client.executeServerProcess(input);
          if (garbleFor === null || !input.xml.includes(`<agrlib:ApArNo>${garbleFor}</agrlib:ApArNo>`)) return answer;
          garbleFor = null;
          throw new AgressoError({ kind: 'protocol', operation: 'ImportService.ExecuteServerProcessAsynchronously', message: "Agresso's answer has no OrderNumber" });
        },
      };
    };
    // Nota expects a GL07 order to take 6 s (the simulator runs it in 1.8 s): after the 3 s client timeout,
    // an invoice whose answer was lost says so for 3 s before Agresso is asked, long enough to be seen
    // on a busy machine; Agresso is given twice that before a voucher with no trace is sent again.
    t = await createTestApp(kind, {
      invoicing: {
        ...FAST_EXPORT,
        agressoClient: garbling,
        timings: { ...FAST_EXPORT.timings, gl07StartMs: 6_000, uncertainMs: 12_000, confirmTimeoutMs: 20_000 },
      },
    });
    const { token } = await enrolRegister(t);
    await configureExport(t, sim, { timeoutMs: 3_000 });
    h = exportHarness(t, sim, token);
  });
  afterAll(async () => {
    await t.close();
    await sim.close();
  });
  afterEach(() => sim.clearFaults());

  /** GL07 orders that carried this invoice's voucher. */
  const sends = (invoiceNo: number | null) => sim.accepted().filter((a) => a.vouchers.some((v) => v.invoiceNo === String(invoiceNo))).length;

  it('an invoice whose answer was lost says so, cannot be pushed by a person meanwhile, and is found in Agresso, not sent again', async () => {
    sim.injectFault({ service: 'ImportService', kind: 'timeout-after-queue', delayMs: 5_000 });
    const { ids } = await h.sell(1, { internal: true, externalId: '100101' });
    const [waiting] = await h.invoicesOf(ids, (i) => /answer lost; asking Agresso at/.test(i.export?.status ?? ''));
    expect(waiting!.export!.status).toMatch(/^In batch \d+: Sent at \d\d:\d\d:\d\d UTC, answer lost; asking Agresso at \d\d:\d\d:\d\d UTC\./);
    // Pressed at once: the batch is on its way and Agresso has not run the order yet; nothing may be sent.
    expect((await h.retry(waiting!.id)).statusCode).toBe(409);
    const [done] = await h.invoicesOf(ids, confirmed);
    expect(sends(done!.number)).toBe(1);
    expect((await h.history(done!.id)).map((e) => e.message).join('\n')).toMatch(/already has batch .* although its answer was lost at .*; it is not sent again/);
  });

  it('an answer that cannot be read leaves the outcome unknown: failed for a person, and the retry asks before sending', async () => {
    garbleFor = '100102';
    const { ids } = await h.sell(1, { internal: true, externalId: '100102' });
    const [failed] = await h.invoicesOf(ids, settled);
    expect(failed!.export).toMatchObject({ state: 'failed', error: { code: 'AGRESSO_ANSWER_UNREADABLE' } });
    expectJson(await h.retry(failed!.id), 200);
    const [done] = await h.invoicesOf(ids, confirmed);
    expect(sends(done!.number)).toBe(1);
  });

  it('a sent batch goes on being confirmed when the mapping is broken meanwhile, and a refused confirmation query only delays it', async () => {
    // Agresso refuses the confirmation queries for a while (as with a password changed under Nota's feet).
    sim.injectFault({ service: 'QueryEngineService', kind: 'soap-fault', faultString: 'Access denied: invalid username, client or password', times: 1_000 });
    const { ids } = await h.sell(1, { internal: true, externalId: '100103' });
    const [sent] = await h.invoicesOf(ids, (i) => i.export?.state === 'sent');
    // Confirming needs no mapping; an incomplete one must not pull a sent job back.
    await configureMapping(t, { ...TEST_MAPPING, agresso: { ...TEST_MAPPING.agresso, voucherType: null } });
    // The query is refused: the invoice stays sent, and says why it is not confirmed yet.
    const [asking] = await h.invoicesOf(ids, (i) => /did not accept Nota's user, client or password/.test(i.export?.status ?? ''));
    expect(asking!.export!.state).toBe('sent');
    sim.clearFaults();
    await configureMapping(t);
    await configureAgresso(t, { baseUrl: sim.url, ...SIM_CREDENTIALS, confirmationTemplateId: 9001, timeoutMs: 3_000 });
    const [done] = await h.invoicesOf(ids, confirmed);
    expect(sends(sent!.number)).toBe(1);
    expect((await h.history(done!.id)).filter((e) => e.step === 'send')).toHaveLength(1);
  });
});

describe.each(testDatabases())('a worker that lost its job (%s)', (kind) => {
  const secretKey = randomBytes(32);
  let sim: AgressoSimulator;
  let t: TestApp;
  beforeAll(async () => {
    // An internal customer Agresso has: nothing stands between the worker and the send.
    sim = await startTestSimulator({ customers: [{ customerId: '100017', name: 'Kulturförvaltningen' }] });
    // No background workers: the test plays the worker whose lease runs out.
    t = await createTestApp(kind, { secretKey });
    const { token } = await enrolRegister(t);
    await configureExport(t, sim);
    await exportHarness(t, sim, token).sell(1, { internal: true, externalId: '100017' });
    await activateDrafts(t.database, new Date(), { due: true });
  });
  afterAll(async () => {
    await t.close();
    await sim.close();
  });

  it('does not send when its lease ran out before the send, and leaves the batch to whoever claims it next', async () => {
    const warnings: string[] = [];
    const ctx: StepContext = {
      db: t.database,
      now: () => new Date(),
      secrets: createSecretBox(secretKey),
      settings: createSettingsCache(),
      timings: DEFAULT_TIMINGS,
      owner: 'w-slow',
      warn: (m, d) => warnings.push(`${m} ${String(d?.err ?? '')}`),
      info: () => undefined,
    };
    // The customer stage links the internal customer; then the invoice can be gathered.
    expect(await runCustomerStage(ctx)).toBe(true);
    expect(await gatherBatch(t.database, new Date(), { batchSize: 10, batchWaitMs: 0 })).not.toBeNull();
    const batch = await claimBatch(t.database, 'w-slow', new Date(), 1);
    expect(batch).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await runBatchStep(ctx, batch!);
    expect(sim.accepted().filter((a) => a.processId === 'GL07')).toEqual([]);
    expect(warnings.join('\n')).toMatch(/no longer this worker/);
    const [after] = await t.database.read((db) => db.select().from(exportBatches).where(eq(exportBatches.id, batch!.id)));
    expect(after).toMatchObject({ state: 'preparing', sendStartedAt: null });
    expect(postedPerInvoice(sim).size).toBe(0);
  });
});
