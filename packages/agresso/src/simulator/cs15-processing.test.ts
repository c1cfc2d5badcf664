import { describe, expect, it } from 'vitest';
import { buildCs15Xml } from '../cs15/cs15-build';
import type { Cs15Customer } from '../cs15/cs15-types';
import { buildGl07Xml } from '../gl07/gl07-build';
import { cs15Customer } from '../test-support/cs15-fixtures';
import { invoiceBatch } from '../test-support/gl07-fixtures';
import { clientFor, closeSimulatorsAfterEach, startSimulator } from '../test-support/simulator-harness';
import type { AgressoSimulator } from './types';

closeSimulatorsAfterEach();

function sendCs15(sim: AgressoSimulator, customers: Cs15Customer[]): Promise<{ orderNumber: number }> {
  return clientFor(sim).executeServerProcess({ serverProcessId: 'CS15', menuId: 'BI192', variant: 2, xml: buildCs15Xml(customers) });
}

describe('CS15 in the simulator', () => {
  it('creates a customer that GetCustomers then finds by external reference', async () => {
    // Long enough to look before the order runs, even on a busy machine.
    const sim = await startSimulator({ processingDelayMs: 500 });
    const client = clientFor(sim);
    await sendCs15(sim, [cs15Customer()]);
    // Queued, not yet run: the customer does not exist yet.
    expect(await client.getCustomers({ company: '10', externalReference: 'nota:20017' })).toEqual([]);
    await sim.settle();
    expect(await client.getCustomers({ company: '10', externalReference: 'nota:20017' })).toEqual([
      { customerId: '20017', name: 'Kafé Ängen & Söner AB', externalReference: 'nota:20017', companyCode: '10' },
    ]);
    expect(sim.accepted()[0]).toMatchObject({ processId: 'CS15', status: 'processed', vouchers: [], customers: [{ apArNo: '20017', externalRef: 'nota:20017', status: 'created', errors: [] }] });
  });

  it('updates an existing customer, and fails creating one that exists or updating one that does not', async () => {
    const sim = await startSimulator();
    await sendCs15(sim, [
      cs15Customer({ apArNo: '10042', update: true, name: 'Ängens Förskola (nytt namn)', externalRef: 'nota:10042' }),
      cs15Customer({ apArNo: '10042', update: false }),
      cs15Customer({ apArNo: '30000', update: true }),
      cs15Customer({ apArNo: '30001', companyCode: '20' }),
    ]);
    await sim.settle();
    expect(sim.accepted()[0]!.customers.map((c) => [c.apArNo, c.status, c.errors])).toEqual([
      ['10042', 'updated', []],
      ['10042', 'failed', ['Customer 10042 already exists in company 10']],
      ['30000', 'failed', ['Customer 30000 does not exist in company 10']],
      ['30001', 'failed', ['Company 20 does not exist in client 10']],
    ]);
    expect(await clientFor(sim).getCustomers({ company: '10', customerId: '10042' })).toMatchObject([{ name: 'Ängens Förskola (nytt namn)' }]);
  });

  it('runs orders in the order they came: an invoice for a customer created just before it posts', async () => {
    const sim = await startSimulator();
    await sendCs15(sim, [cs15Customer({ apArNo: '20017' })]);
    const batch = invoiceBatch({ apArNo: '20017' });
    await clientFor(sim).executeServerProcess({ serverProcessId: 'GL07', menuId: 'BI88', variant: 4, xml: buildGl07Xml(batch) });
    await sim.settle();
    expect(sim.accepted()[1]!.vouchers.map((v) => v.status)).toEqual(['posted', 'posted']);
  });

  it('refuses a document that is not CS15 with a fault', async () => {
    const sim = await startSimulator();
    const error = await clientFor(sim)
      .executeServerProcess({ serverProcessId: 'CS15', menuId: 'BI192', variant: 2, xml: buildGl07Xml(invoiceBatch()) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'fault', faultString: 'Not a CS15 document: the root element is <ABWTransaction>, expected <ABWSupplierCustomer>' });
    expect(sim.accepted()).toEqual([]);
  });
});
