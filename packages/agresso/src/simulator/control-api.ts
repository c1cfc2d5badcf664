import type { CustomerBook } from './customer-book';
import { checkFault, type FaultPlan } from './fault-plan';
import type { Ledger } from './ledger';
import type { SimulatorCustomer } from './types';

export interface ControlReply {
  status: number;
  json: unknown;
}

/**
 * The simulator's own JSON endpoints under /simulator/, outside the SOAP path: what a test, the
 * load generator or a person at the demo uses to see what Agresso received and to steer it.
 */
export function handleControl(
  request: { method: string; path: string; body: string },
  parts: { ledger: Ledger; customers: CustomerBook; faults: FaultPlan },
): ControlReply {
  const { method, path } = request;
  try {
    if (path === '/simulator/accepted' && method === 'GET') return { status: 200, json: { imports: parts.ledger.accepted() } };
    if (path === '/simulator/process-server' && method === 'GET') return { status: 200, json: { processes: parts.ledger.processStats(), busyMs: parts.ledger.busyMs() } };
    if (path === '/simulator/customers' && method === 'GET') return { status: 200, json: { customers: parts.customers.list() } };
    if (path === '/simulator/customers' && method === 'POST') {
      const list = checkCustomers(parseJson(request.body));
      parts.customers.add(list);
      return { status: 200, json: { added: list.length } };
    }
    if (path === '/simulator/faults' && method === 'GET') return { status: 200, json: { faults: parts.faults.list() } };
    if (path === '/simulator/faults' && method === 'POST') {
      parts.faults.add(checkFault(parseJson(request.body)));
      return { status: 201, json: { faults: parts.faults.list() } };
    }
    if (path === '/simulator/faults' && method === 'DELETE') {
      parts.faults.clear();
      return { status: 204, json: null };
    }
  } catch (error) {
    return { status: 400, json: { error: (error as Error).message } };
  }
  const known = ['/simulator/accepted', '/simulator/customers', '/simulator/faults', '/simulator/process-server'];
  if (known.includes(path)) return { status: 405, json: { error: `${method} is not allowed on ${path}` } };
  return { status: 404, json: { error: `No simulator endpoint ${path}`, endpoints: known } };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new Error('The body is not JSON');
  }
}

/** Customers arrive as JSON, from a file or a request, so each field is checked. */
export function checkCustomers(input: unknown): SimulatorCustomer[] {
  if (!Array.isArray(input)) throw new Error('Customers must be a JSON array');
  return input.map((item: unknown, i) => {
    const c = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const text = (name: string, optional: boolean): string | undefined => {
      const v = c[name];
      if ((v === undefined || v === null) && optional) return undefined;
      if (typeof v !== 'string' || (!optional && v === '')) throw new Error(`customers[${i}].${name} must be ${optional ? 'text' : 'non-empty text'}`);
      return v;
    };
    const externalReference = text('externalReference', true);
    const companyCode = text('companyCode', true);
    return {
      customerId: text('customerId', false)!,
      name: text('name', false)!,
      externalReference: externalReference ?? null,
      ...(companyCode !== undefined && { companyCode }),
    };
  });
}
