import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildCs15Xml } from '../cs15/cs15-build';
import { buildGl07Xml } from '../gl07/gl07-build';
import type { SimulatorFault } from '../simulator/types';
import { cs15Customer } from '../test-support/cs15-fixtures';
import { invoiceBatch } from '../test-support/gl07-fixtures';
import { CREDENTIALS, clientFor, closeSimulatorsAfterEach, startSimulator } from '../test-support/simulator-harness';
import { createAgressoClient } from './agresso-client';
import { AgressoError } from './agresso-error';

closeSimulatorsAfterEach();

const gl07 = (): string => buildGl07Xml(invoiceBatch());
const importGl07 = { serverProcessId: 'GL07', menuId: 'BI88', variant: 4 } as const;

/** A fetch that records what the client sent and passes it on. */
function recordingFetch(): { fetch: typeof fetch; sent: { url: string; headers: Headers; body: string }[] } {
  const sent: { url: string; headers: Headers; body: string }[] = [];
  return {
    sent,
    fetch: async (input, init) => {
      sent.push({ url: String(input), headers: new Headers(init?.headers), body: String(init?.body) });
      return fetch(input, init);
    },
  };
}

/** A fetch that answers every call with the given status and body, without a server. */
function cannedFetch(status: number, body: string, contentType = 'text/xml; charset=utf-8'): typeof fetch {
  return async () => new Response(body, { status, headers: { 'Content-Type': contentType } });
}

async function failure(promise: Promise<unknown>): Promise<AgressoError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AgressoError);
  return error as AgressoError;
}

/** Every readable form of the error, for checking what must never be in it. */
function everythingSaid(error: AgressoError): string {
  return [error.message, String(error), error.stack ?? '', JSON.stringify(error), error.faultString ?? ''].join('\n');
}

describe('the SOAP requests', () => {
  it('post each operation to its service URL with SOAPAction, text/xml and credentials in the body', async () => {
    const sim = await startSimulator();
    const { fetch: recording, sent } = recordingFetch();
    const recorded = createAgressoClient({ baseUrl: sim.url, ...CREDENTIALS }, { fetch: recording });

    const xml = gl07();
    await recorded.executeServerProcess({ ...importGl07, xml });
    await recorded.getCustomers({ company: '10', externalReference: 'nota:10042' });
    await recorded.getTemplateResult({ templateId: 9001, criteria: [{ column: 'batch_id', value: 'B1' }] });

    expect(sent.map((s) => s.url)).toEqual([
      `${sim.url}?ImportService/ImportV200606`,
      `${sim.url}?CustomerService/Customer`,
      `${sim.url}?QueryEngineService/QueryEngineV201101`,
    ]);
    expect(sent.map((s) => s.headers.get('SOAPAction'))).toEqual(['ExecuteServerProcessAsynchronously', 'GetCustomers', 'GetTemplateResultAsXML']);
    for (const s of sent) {
      expect(s.headers.get('Content-Type')).toBe('text/xml; charset=utf-8');
      expect(s.headers.get('Authorization')).toBeNull();
    }

    const parse = (body: string): Record<string, any> =>
      new XMLParser({ removeNSPrefix: true, parseTagValue: false, trimValues: false }).parse(body).Envelope.Body;
    const [imp, cus, quer] = sent.map((s) => s.body);
    expect(imp).toContain('xmlns:imp="http://services.agresso.com/ImportService/ImportV200606"');
    expect(parse(imp!).ExecuteServerProcessAsynchronously).toEqual({
      input: { ServerProcessId: 'GL07', MenuId: 'BI88', Variant: '4', Xml: xml },
      credentials: { Username: 'NOTA', Client: '10', Password: CREDENTIALS.password },
    });
    // The document travels escaped, never as markup inside the envelope.
    expect(imp).toContain('&lt;agr:ABWTransaction');

    expect(cus).toContain('xmlns:cus="http://services.agresso.com/CustomerService/Customer"');
    expect(parse(cus!).GetCustomers).toEqual({
      customerObject: { ExternalReference: 'nota:10042', Company: '10' },
      customerDetailsOnly: 'true',
      credentials: { Username: 'NOTA', Client: '10', Password: CREDENTIALS.password },
    });

    expect(quer).toContain('xmlns:quer="http://services.agresso.com/QueryEngineService/QueryEngineV201101"');
    expect(parse(quer!).GetTemplateResultAsXML.input).toEqual({
      TemplateId: '9001',
      TemplateResultOptions: { ShowDescriptions: 'false' },
      SearchCriteriaPropertiesList: {
        SearchCriteriaProperties: {
          ColumnName: 'batch_id',
          RestrictionType: '=',
          FromValue: 'B1',
          DataType: '10',
          DataLength: '25',
          DataCase: '0',
          IsParameter: 'true',
          IsVisible: 'true',
          IsPrompt: 'false',
        },
      },
    });
  });
});

describe('createAgressoClient against the simulator', () => {
  it('orders GL07 and CS15 imports and gets increasing order numbers', async () => {
    const sim = await startSimulator();
    const client = clientFor(sim);
    const first = await client.executeServerProcess({ ...importGl07, xml: gl07() });
    const second = await client.executeServerProcess({ serverProcessId: 'CS15', menuId: 'BI192', variant: 2, xml: buildCs15Xml([cs15Customer()]) });
    expect(first.orderNumber).toBe(100001);
    expect(second.orderNumber).toBe(100002);
    expect(sim.accepted().map((a) => [a.orderNumber, a.processId, a.variant])).toEqual([
      [100001, 'GL07', 4],
      [100002, 'CS15', 2],
    ]);
  });

  it('finds customers by external reference, by id, or all of a company', async () => {
    const sim = await startSimulator({
      customers: [
        { customerId: '10042', name: 'Ängens Förskola', externalReference: 'nota:10042' },
        { customerId: '500', name: 'Kommunens Kulturförvaltning', externalReference: null },
        { customerId: '600', name: 'Other company', externalReference: 'nota:600', companyCode: '20' },
      ],
    });
    const client = clientFor(sim);
    expect(await client.getCustomers({ company: '10', externalReference: 'nota:10042' })).toEqual([
      { customerId: '10042', name: 'Ängens Förskola', externalReference: 'nota:10042', companyCode: '10' },
    ]);
    expect(await client.getCustomers({ company: '10', customerId: '500' })).toEqual([
      { customerId: '500', name: 'Kommunens Kulturförvaltning', externalReference: null, companyCode: '10' },
    ]);
    expect((await client.getCustomers({ company: '10' })).map((c) => c.customerId).sort()).toEqual(['10042', '500']);
    expect(await client.getCustomers({ company: '10', externalReference: 'nota:600' })).toEqual([]);
    expect(await client.getCustomers({ company: '20', externalReference: 'nota:600' })).toHaveLength(1);
  });

  it('reads template rows as records and reports an unknown template as a refused query', async () => {
    const sim = await startSimulator();
    const client = clientFor(sim);
    const { orderNumber } = await client.executeServerProcess({ ...importGl07, xml: gl07() });
    await sim.settle();
    const rows = await client.getTemplateResult({ templateId: 9001, criteria: [{ column: 'order_id', value: String(orderNumber) }] });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      batch_id: 'NOTA-2026-000123',
      order_id: String(orderNumber),
      voucher_no: '60000001',
      apar_id: '10042',
      ext_inv_ref: '2026000123',
      status: 'P',
      error_msg: '',
    });
    expect(await client.getTemplateResult({ templateId: 9001, criteria: [{ column: 'batch_id', value: 'nothing' }] })).toEqual([]);

    const error = await failure(client.getTemplateResult({ templateId: 4711, criteria: [] }));
    expect(error).toMatchObject({ kind: 'fault', transient: false, operation: 'QueryEngineService.GetTemplateResultAsXML' });
    expect(error.message).toBe('Agresso refused the query: Template 4711 does not exist or you have no access to it');
  });
});

describe('failures', () => {
  it('maps every injected fault to the right kind; transport failures and passing SOAP faults are transient, only refusals leave the outcome known', async () => {
    const sim = await startSimulator();
    const client = clientFor(sim, { timeoutMs: 300 });
    type Case = { fault: SimulatorFault; kind: AgressoError['kind']; transient: boolean; outcomeKnown: boolean; message: RegExp; status?: number };
    const cases: Case[] = [
      {
        fault: { service: 'ImportService', kind: 'soap-fault', faultString: 'GL07 is locked by another order' },
        kind: 'fault',
        transient: false,
        outcomeKnown: true,
        status: 500,
        message: /^Agresso refused the import: GL07 is locked by another order$/,
      },
      // A deadlock passes: Agresso asks for the transaction to be run again.
      { fault: { service: 'ImportService', kind: 'soap-fault' }, kind: 'fault', transient: true, outcomeKnown: true, status: 500, message: /^Agresso refused the import: Transaction \(Process ID 53\) was deadlocked/ },
      { fault: { service: 'any', kind: 'http-500' }, kind: 'http', transient: true, outcomeKnown: false, status: 500, message: /^Agresso answered HTTP 500 without a SOAP fault/ },
      { fault: { service: 'ImportService', kind: 'reset' }, kind: 'network', transient: true, outcomeKnown: false, message: /^The connection to Agresso was reset before it answered .*may have queued the import/ },
      { fault: { service: 'ImportService', kind: 'slow', delayMs: 1_000 }, kind: 'timeout', transient: true, outcomeKnown: false, message: /^Agresso did not answer within 0.3 s .*may have queued the import/ },
      { fault: { service: 'ImportService', kind: 'timeout-after-queue', delayMs: 5_000 }, kind: 'timeout', transient: true, outcomeKnown: false, message: /^Agresso did not answer within 0.3 s/ },
    ];
    for (const c of cases) {
      sim.injectFault(c.fault);
      const error = await failure(client.executeServerProcess({ ...importGl07, xml: gl07() }));
      expect({ kind: error.kind, transient: error.transient, outcomeKnown: error.outcomeKnown, status: error.status }, c.fault.kind).toEqual({
        kind: c.kind,
        transient: c.transient,
        outcomeKnown: c.outcomeKnown,
        status: c.status,
      });
      expect(error.message, c.fault.kind).toMatch(c.message);
      expect(error.operation).toBe('ImportService.ExecuteServerProcessAsynchronously');
    }
    // Faults are used up: the next call goes through.
    await expect(client.executeServerProcess({ ...importGl07, xml: gl07() })).resolves.toMatchObject({ orderNumber: expect.any(Number) });
  });

  it('a fault for one service leaves the others alone, and `times` counts the hits', async () => {
    const sim = await startSimulator();
    const client = clientFor(sim);
    sim.injectFault({ service: 'CustomerService', kind: 'soap-fault', times: 2 });
    await expect(client.executeServerProcess({ ...importGl07, xml: gl07() })).resolves.toBeDefined();
    expect((await failure(client.getCustomers({ company: '10' }))).kind).toBe('fault');
    expect((await failure(client.getCustomers({ company: '10' }))).kind).toBe('fault');
    await expect(client.getCustomers({ company: '10' })).resolves.toHaveLength(1);
  });

  it('gives up after timeoutMs, not after the server', async () => {
    const sim = await startSimulator();
    sim.injectFault({ service: 'CustomerService', kind: 'slow', delayMs: 3_000 });
    const began = Date.now();
    const error = await failure(clientFor(sim, { timeoutMs: 250 }).getCustomers({ company: '10' }));
    const took = Date.now() - began;
    expect(error.kind).toBe('timeout');
    expect(took).toBeGreaterThanOrEqual(240);
    expect(took).toBeLessThan(1_000);
  });

  it('answers normally after a slow fault shorter than the timeout', async () => {
    const sim = await startSimulator();
    sim.injectFault({ service: 'CustomerService', kind: 'slow', delayMs: 100 });
    const began = Date.now();
    await expect(clientFor(sim).getCustomers({ company: '10' })).resolves.toHaveLength(1);
    expect(Date.now() - began).toBeGreaterThanOrEqual(90);
  });

  it('reports wrong credentials as a refusal that retrying will not fix', async () => {
    const sim = await startSimulator();
    const error = await failure(clientFor(sim, { password: 'not-the-password' }).executeServerProcess({ ...importGl07, xml: gl07() }));
    expect(error).toMatchObject({ kind: 'fault', transient: false, status: 500, faultCode: 's:Client' });
    expect(error.message).toBe('Agresso refused the import: Access denied: invalid username, client or password');
    expect(sim.accepted()).toEqual([]);
  });

  it('reports a refused connection as a network failure', async () => {
    const sim = await startSimulator();
    const url = sim.url;
    await sim.close();
    const error = await failure(createAgressoClient({ baseUrl: url, ...CREDENTIALS }).getCustomers({ company: '10' }));
    // Nothing reached a server, so nothing can have happened there: safe to send again at once.
    expect(error).toMatchObject({ kind: 'network', transient: true, outcomeKnown: true });
    expect(error.message).toMatch(/^Could not connect to Agresso at http:\/\/127.0.0.1:\d+: connection refused/);
  });

  it('treats answers it cannot use as protocol errors, and 4xx without a fault as not transient', async () => {
    const connection = { baseUrl: 'http://agresso.example/BusinessWorld-webservices/service.svc', ...CREDENTIALS };
    const okEnvelope = (orderNumber: string): string =>
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><ExecuteServerProcessAsynchronouslyResponse xmlns="http://services.agresso.com/ImportService/ImportV200606"><ExecuteServerProcessAsynchronouslyResult><OrderNumber>${orderNumber}</OrderNumber></ExecuteServerProcessAsynchronouslyResult></ExecuteServerProcessAsynchronouslyResponse></s:Body></s:Envelope>`;

    const run = (f: typeof fetch): Promise<AgressoError> => failure(createAgressoClient(connection, { fetch: f }).executeServerProcess({ ...importGl07, xml: gl07() }));

    await expect(createAgressoClient(connection, { fetch: cannedFetch(200, okEnvelope(' 4711 ')) }).executeServerProcess({ ...importGl07, xml: gl07() })).resolves.toEqual({ orderNumber: 4711 });
    // An answer that cannot be read does not say whether the import was queued.
    expect(await run(cannedFetch(200, okEnvelope('queued')))).toMatchObject({ kind: 'protocol', transient: false, outcomeKnown: false, message: expect.stringMatching(/without a numeric OrderNumber \(got "queued"\)/) });
    expect(await run(cannedFetch(200, okEnvelope('')))).toMatchObject({ kind: 'protocol', transient: false });
    expect(await run(cannedFetch(200, '<html><body>Welcome to the proxy</body></html>', 'text/html'))).toMatchObject({ kind: 'protocol', transient: false });
    expect(await run(cannedFetch(200, '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>'))).toMatchObject({ kind: 'protocol' });
    expect(await run(cannedFetch(404, '<html>not found</html>', 'text/html'))).toMatchObject({ kind: 'http', transient: false, outcomeKnown: true, status: 404, message: expect.stringMatching(/check the service URL/) });
    expect(await run(cannedFetch(503, 'Service Unavailable', 'text/plain'))).toMatchObject({ kind: 'http', transient: true, outcomeKnown: false, status: 503 });
  });
});

describe('secrets', () => {
  it('no error carries the password or the document, even when the server echoes them', async () => {
    const sim = await startSimulator();
    const xml = gl07();
    const errors: AgressoError[] = [];
    const client = clientFor(sim, { timeoutMs: 300 });
    for (const kind of ['soap-fault', 'http-500', 'reset', 'slow', 'timeout-after-queue'] as const) {
      sim.injectFault({ service: 'any', kind, delayMs: 1_000 });
      errors.push(await failure(client.executeServerProcess({ ...importGl07, xml })));
    }
    errors.push(await failure(clientFor(sim, { password: `${CREDENTIALS.password}x` }).executeServerProcess({ ...importGl07, xml })));

    // A server that quotes the request in its fault, as some middleware does.
    const echo: typeof fetch = async () =>
      new Response(
        `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>Bad password ${CREDENTIALS.password} in request</faultstring></s:Fault></s:Body></s:Envelope>`,
        { status: 500, headers: { 'Content-Type': 'text/xml' } },
      );
    const echoed = await failure(createAgressoClient({ baseUrl: sim.url, ...CREDENTIALS }, { fetch: echo }).executeServerProcess({ ...importGl07, xml }));
    expect(echoed.message).toBe('Agresso refused the import: Bad password *** in request');
    errors.push(echoed);

    expect(errors.map((e) => e.kind)).toEqual(['fault', 'http', 'network', 'timeout', 'timeout', 'fault', 'fault']);
    for (const error of errors) {
      const said = everythingSaid(error);
      expect(said).not.toContain(CREDENTIALS.password);
      expect(said).not.toContain('ABWTransaction');
      expect(said).not.toContain('NOTA-2026-000123');
    }
  });
});
