import { describe, expect, it } from 'vitest';
import { buildCs15Xml } from '../cs15/cs15-build';
import { buildGl07Xml } from '../gl07/gl07-build';
import { cs15Customer } from '../test-support/cs15-fixtures';
import { invoiceBatch } from '../test-support/gl07-fixtures';
import { clientFor, closeSimulatorsAfterEach, startSimulator } from '../test-support/simulator-harness';

closeSimulatorsAfterEach();

const ms = (iso: string | null) => new Date(iso!).getTime();

describe('the simulated process server', () => {
  it('runs the orders of one process one at a time, each costing its start plus its vouchers, and another process beside it', async () => {
    const sim = await startSimulator({ processingDelayMs: 800, perVoucherMs: 300 });
    const client = clientFor(sim);
    const gl07 = { serverProcessId: 'GL07', menuId: 'BI88', variant: 4 } as const;
    // Two vouchers each: 800 + 2 × 300 = 1 400 ms per order.
    await client.executeServerProcess({ ...gl07, xml: buildGl07Xml(invoiceBatch({ batchId: 'Q-1' })) });
    await client.executeServerProcess({ ...gl07, xml: buildGl07Xml(invoiceBatch({ batchId: 'Q-2' })) });
    await client.executeServerProcess({ serverProcessId: 'CS15', menuId: 'BI192', variant: 2, xml: buildCs15Xml([cs15Customer()]) });
    await sim.settle();

    const [first, second, cs15] = sim.accepted();
    expect([first, second, cs15].map((o) => o!.status)).toEqual(['processed', 'processed', 'processed']);
    // The second GL07 order waited for the first to finish.
    expect(ms(second!.startedAt)).toBeGreaterThanOrEqual(ms(first!.processedAt) - 5);
    expect(ms(first!.processedAt) - ms(first!.startedAt)).toBeGreaterThanOrEqual(1_390);
    // CS15 has its own queue: it did not wait for GL07.
    expect(ms(cs15!.startedAt)).toBeLessThan(ms(first!.processedAt));

    const stats = sim.processStats();
    expect(stats.GL07).toMatchObject({ orders: 2, items: 4, queued: 0 });
    expect(stats.GL07.busyMs).toBeGreaterThanOrEqual(2_790);
    expect(stats.CS15).toMatchObject({ orders: 1, items: 1, queued: 0 });
    // The CS15 job ran while the first GL07 job did: the process server's busy time counts it once.
    expect(sim.processServerBusyMs()).toBeGreaterThanOrEqual(stats.GL07.busyMs);
    expect(sim.processServerBusyMs()).toBeLessThan(stats.GL07.busyMs + stats.CS15.busyMs - 500);
    const overHttp = (await (await fetch(`${sim.origin}/simulator/process-server`)).json()) as { processes: typeof stats; busyMs: number };
    expect(overHttp.processes.GL07.orders).toBe(2);
    expect(overHttp.busyMs).toBe(sim.processServerBusyMs());
  });

  it('keeps a voucher GL07 cannot post in batch input while the others of the order post; the template reports each', async () => {
    const sim = await startSimulator();
    const batch = invoiceBatch({ batchId: 'MIXED' });
    // The customer of the first voucher is taken out of Agresso after the batch was made.
    expect(sim.removeCustomer('10042')).toBe(true);
    sim.addCustomers([{ customerId: '10043', name: 'Andra förskolan' }]);
    for (const t of batch.vouchers[1]!.transactions) if (t.apArInfo) t.apArInfo.apArNo = '10043';
    await clientFor(sim).executeServerProcess({ serverProcessId: 'GL07', menuId: 'BI88', variant: 4, xml: buildGl07Xml(batch) });
    await sim.settle();
    const rows = await clientFor(sim).getTemplateResult({ templateId: 9001, criteria: [{ column: 'batch_id', value: 'MIXED' }] });
    expect(rows.map((r) => [r.ext_inv_ref, r.status, r.error_msg])).toEqual([
      ['2026000123', 'E', 'Customer 10042 does not exist in company 10'],
      ['2026000124', 'P', ''],
    ]);
  });
});
