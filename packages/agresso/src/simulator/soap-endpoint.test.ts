import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildRequestEnvelope } from '../soap/envelope';
import { GET_CUSTOMERS } from '../soap/services';
import { CREDENTIALS, closeSimulatorsAfterEach, startSimulator } from '../test-support/simulator-harness';

closeSimulatorsAfterEach();

const customersEnvelope = buildRequestEnvelope(GET_CUSTOMERS, {
  customerObject: { Company: '10' },
  customerDetailsOnly: 'true',
  credentials: { Username: CREDENTIALS.username, Client: CREDENTIALS.client, Password: CREDENTIALS.password },
});

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; fault: string | undefined }> {
  const response = await fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: 'GetCustomers', ...headers } });
  const text = await response.text();
  const parsed = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true }).parse(text) as { Envelope?: { Body?: { Fault?: { faultstring?: string } } } };
  return { status: response.status, text, fault: parsed.Envelope?.Body?.Fault?.faultstring };
}

describe('the simulator’s SOAP endpoint', () => {
  it('answers like WCF: response element in the service namespace, faults as HTTP 500 with s:Fault', async () => {
    const sim = await startSimulator();
    const ok = await post(`${sim.url}?CustomerService/Customer`, customersEnvelope);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('<GetCustomersResponse xmlns="http://services.agresso.com/CustomerService/Customer"><GetCustomersResult><CustomerTypeList><CustomerObject>');

    const denied = await post(`${sim.url}?CustomerService/Customer`, customersEnvelope.replace(CREDENTIALS.password, 'nope'));
    expect(denied.status).toBe(500);
    expect(denied.text).toContain('<s:Fault><faultcode>s:Client</faultcode><faultstring xml:lang="en-US">Access denied: invalid username, client or password</faultstring></s:Fault>');
  });

  it('accepts the user id in any case, as Agresso does, but not another client', async () => {
    const sim = await startSimulator();
    expect((await post(`${sim.url}?CustomerService/Customer`, customersEnvelope.replace('>NOTA<', '>nota<'))).status).toBe(200);
    expect((await post(`${sim.url}?CustomerService/Customer`, customersEnvelope.replace('<cus:Client>10<', '<cus:Client>11<'))).fault).toMatch(/Access denied/);
  });

  it('refuses unknown services, mismatched actions, wrong namespaces, bad XML and other content types', async () => {
    const sim = await startSimulator();
    expect((await post(`${sim.url}?PayrollService/Payroll`, customersEnvelope)).fault).toMatch(/^There is no service at '\?PayrollService\/Payroll'/);
    const mismatch = await post(`${sim.url}?CustomerService/Customer`, customersEnvelope, { SOAPAction: '"GetInvoices"' });
    expect(mismatch.fault).toMatch(/ContractFilter mismatch/);
    expect(mismatch.text).toContain('<faultcode>a:ActionNotSupported</faultcode>');
    // The full action URI, quoted, is what some SOAP stacks send; WCF accepts it.
    expect((await post(`${sim.url}?CustomerService/Customer`, customersEnvelope, { SOAPAction: '"http://services.agresso.com/CustomerService/Customer/GetCustomers"' })).status).toBe(200);
    const wrongNamespace = customersEnvelope.replace('http://services.agresso.com/CustomerService/Customer', 'http://services.agresso.com/CustomerService/CustomerV2');
    expect((await post(`${sim.url}?CustomerService/Customer`, wrongNamespace)).fault).toMatch(/^Expected \{http:\/\/services.agresso.com\/CustomerService\/Customer\}GetCustomers in the SOAP Body, found \{.*CustomerV2\}GetCustomers/);
    expect((await post(`${sim.url}?CustomerService/Customer`, '<soapenv:Envelope')).fault).toMatch(/^The request is not well-formed XML/);
    const json = await post(`${sim.url}?CustomerService/Customer`, '{}', { 'Content-Type': 'application/json' });
    expect(json.status).toBe(415);
    expect(json.text).toMatch(/content type 'application\/json' was not the expected type/);
  });

  it('answers an injected http-500 with an IIS error page, not SOAP', async () => {
    const sim = await startSimulator();
    sim.injectFault({ service: 'CustomerService', kind: 'http-500' });
    const response = await fetch(`${sim.url}?CustomerService/Customer`, { method: 'POST', body: customersEnvelope, headers: { 'Content-Type': 'text/xml', SOAPAction: 'GetCustomers' } });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toContain('<title>500 - Internal server error.</title>');
  });

  it('serves a service page on GET and IIS 404 elsewhere', async () => {
    const sim = await startSimulator();
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/BusinessWorld-webservices\/service\.svc$/);
    expect(sim.origin).toBe(new URL(sim.url).origin);
    const page = await fetch(sim.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('You have created a service.');
    expect((await fetch(`${sim.origin}/AgressoWSHost/service.svc`)).status).toBe(404);
  });
});
