import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCs15Xml } from '../cs15/cs15-build';
import { buildGl07Xml } from '../gl07/gl07-build';
import { cs15Customer } from '../test-support/cs15-fixtures';
import { invoiceBatch } from '../test-support/gl07-fixtures';
import { clientFor, closeSimulatorsAfterEach, startSimulator } from '../test-support/simulator-harness';

closeSimulatorsAfterEach();

const template = (sim: Parameters<typeof clientFor>[0]) =>
  clientFor(sim).getTemplateResult({ templateId: 9001, criteria: [{ column: 'batch_id', value: 'NOTA-KEPT-1' }] });

describe('the simulator with a state file', () => {
  it('still knows its customers, imports and number series after a restart, like Business World', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'agresso-state-')), 'state.json');
    const first = await startSimulator({ stateFile });
    await clientFor(first).executeServerProcess({ serverProcessId: 'CS15', menuId: 'BI192', variant: 0, xml: buildCs15Xml([cs15Customer()]) });
    const { orderNumber } = await clientFor(first).executeServerProcess({
      serverProcessId: 'GL07',
      menuId: 'BI88',
      variant: 0,
      xml: buildGl07Xml(invoiceBatch({ batchId: 'NOTA-KEPT-1' })),
    });
    await first.settle();
    const posted = await template(first);
    await first.close();

    const second = await startSimulator({ stateFile });
    expect(await template(second)).toEqual(posted);
    expect(posted[0]).toMatchObject({ order_id: String(orderNumber), status: 'P' });
    expect(await clientFor(second).getCustomers({ company: '10', externalReference: 'nota:20017' })).toHaveLength(1);
    // The number series go on where they stopped.
    const next = await clientFor(second).executeServerProcess({ serverProcessId: 'GL07', menuId: 'BI88', variant: 0, xml: buildGl07Xml(invoiceBatch({ batchId: 'NOTA-KEPT-2' })) });
    expect(next.orderNumber).toBe(orderNumber + 1);
  });

  it('runs an order that was still queued when it stopped', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'agresso-state-')), 'state.json');
    const first = await startSimulator({ stateFile, processingDelayMs: 60_000 });
    await clientFor(first).executeServerProcess({ serverProcessId: 'GL07', menuId: 'BI88', variant: 0, xml: buildGl07Xml(invoiceBatch({ batchId: 'NOTA-KEPT-1' })) });
    expect(first.accepted()[0]!.status).toBe('queued');
    await first.close();
    const second = await startSimulator({ stateFile });
    await second.settle();
    expect((await template(second))[0]!.status).toBe('P');
  });
});
