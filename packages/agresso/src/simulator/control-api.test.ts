import { describe, expect, it } from 'vitest';
import { buildGl07Xml } from '../gl07/gl07-build';
import { invoiceBatch } from '../test-support/gl07-fixtures';
import { clientFor, closeSimulatorsAfterEach, startSimulator } from '../test-support/simulator-harness';
import type { AcceptedImport } from './types';

closeSimulatorsAfterEach();

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

describe('the simulator’s control endpoints', () => {
  it('GET /simulator/accepted lists every accepted import with its order number, process id, document and outcome', async () => {
    const sim = await startSimulator();
    const xml = buildGl07Xml(invoiceBatch());
    const { orderNumber } = await clientFor(sim).executeServerProcess({ serverProcessId: 'GL07', menuId: 'BI88', variant: 4, xml });
    await sim.settle();
    const response = await fetch(`${sim.origin}/simulator/accepted`);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const { imports } = (await response.json()) as { imports: AcceptedImport[] };
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({ orderNumber, processId: 'GL07', document: xml, status: 'processed' });
    expect(imports[0]!.vouchers.map((v) => v.status)).toEqual(['posted', 'posted']);
    expect(imports).toEqual(sim.accepted());
  });

  it('adds and lists customers', async () => {
    const sim = await startSimulator({ customers: [] });
    const added = await fetch(`${sim.origin}/simulator/customers`, json([{ customerId: '900', name: 'Intern kund', externalReference: 'ext-900' }, { customerId: '901', name: 'Utan referens' }]));
    expect(await added.json()).toEqual({ added: 2 });
    const { customers } = (await (await fetch(`${sim.origin}/simulator/customers`)).json()) as { customers: unknown[] };
    expect(customers).toEqual([
      { customerId: '900', name: 'Intern kund', externalReference: 'ext-900', companyCode: '10' },
      { customerId: '901', name: 'Utan referens', externalReference: null, companyCode: '10' },
    ]);
    expect(await clientFor(sim).getCustomers({ company: '10', externalReference: 'ext-900' })).toHaveLength(1);

    const bad = await fetch(`${sim.origin}/simulator/customers`, json([{ name: 'no id' }]));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'customers[0].customerId must be non-empty text' });
  });

  it('injects and clears faults', async () => {
    const sim = await startSimulator();
    const client = clientFor(sim);
    const injected = await fetch(`${sim.origin}/simulator/faults`, json({ service: 'CustomerService', kind: 'soap-fault', times: 3, faultString: 'Service down for maintenance' }));
    expect(injected.status).toBe(201);
    await expect(client.getCustomers({ company: '10' })).rejects.toThrow('Agresso refused the customer lookup: Service down for maintenance');
    expect(await (await fetch(`${sim.origin}/simulator/faults`)).json()).toEqual({
      faults: [{ service: 'CustomerService', kind: 'soap-fault', times: 3, faultString: 'Service down for maintenance', remaining: 2 }],
    });
    expect((await fetch(`${sim.origin}/simulator/faults`, { method: 'DELETE' })).status).toBe(204);
    await expect(client.getCustomers({ company: '10' })).resolves.toHaveLength(1);

    const bad = await fetch(`${sim.origin}/simulator/faults`, json({ service: 'CustomerService', kind: 'explode' }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^fault.kind must be one of/);
    expect((await fetch(`${sim.origin}/simulator/faults`, { method: 'POST', body: 'not json' })).status).toBe(400);
  });

  it('says what exists for unknown paths and methods', async () => {
    const sim = await startSimulator();
    const missing = await fetch(`${sim.origin}/simulator/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ endpoints: ['/simulator/accepted', '/simulator/customers', '/simulator/faults', '/simulator/process-server'] });
    expect((await fetch(`${sim.origin}/simulator/accepted`, { method: 'DELETE' })).status).toBe(405);
  });
});
