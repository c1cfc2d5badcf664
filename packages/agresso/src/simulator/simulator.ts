import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { GL07_SCHEMA_FILE, loadGl07Schema, type Gl07Schema } from '../gl07/gl07-schema';
import { defaultReferenceDir } from '../reference-dir';
import { SERVICE_PATH } from '../soap/services';
import { checkCustomers, handleControl } from './control-api';
import { createCustomerBook } from './customer-book';
import { createFaultPlan } from './fault-plan';
import { BodyTooLarge, IIS_404_PAGE, IIS_500_PAGE, SERVICE_PAGE, readBody, send, sendJson } from './http-io';
import { createLedger } from './ledger';
import { createStateStore, importContentOf } from './state-store';
import type { OperationContext } from './operations';
import { DEFAULT_INJECTED_FAULT } from './soap-fault';
import { faultReply, handleSoapRequest, routeOf, type HttpReply } from './soap-endpoint';
import type { AgressoSimulator, SimulatorOptions } from './types';

export const DEFAULT_PROCESSING_DELAY_MS = 3_000;
export const DEFAULT_PER_VOUCHER_MS = 10;
export const DEFAULT_TAX_CODES = ['0', '1', '2', '3'];
export const DEFAULT_CONFIRMATION_TEMPLATE_ID = 9001;
const DEFAULT_SLOW_MS = 5_000;
const DEFAULT_HOLD_MS = 120_000;

/**
 * A stand-in for Business World's SOAP services on 127.0.0.1: same paths, envelopes, credentials and
 * faults; GL07 and CS15 orders queue per process and run one at a time at a cost per order and per
 * voucher, as on Business World's process server; faults can be injected.
 */
export async function startAgressoSimulator(options: SimulatorOptions): Promise<AgressoSimulator> {
  const xsdDir = options.xsdDir === undefined ? defaultReferenceDir() : options.xsdDir;
  if (xsdDir !== null && !existsSync(join(xsdDir, GL07_SCHEMA_FILE))) {
    throw new Error(`xsdDir ${xsdDir} has no ${GL07_SCHEMA_FILE}; pass xsdDir: null to use the built-in checks`);
  }
  const schema: Gl07Schema | null = xsdDir === null ? null : loadGl07Schema(xsdDir);

  const store = options.stateFile ? createStateStore(options.stateFile) : null;
  const saved = store?.load() ?? null;
  const customers = createCustomerBook(options.client, () => store?.changed());
  customers.add(saved?.customers ?? []);
  customers.add(options.customers ?? []);
  const ledger = createLedger({
    client: options.client,
    taxCodes: options.taxCodes ?? DEFAULT_TAX_CODES,
    costs: { orderStartMs: options.processingDelayMs ?? DEFAULT_PROCESSING_DELAY_MS, perItemMs: options.perVoucherMs ?? DEFAULT_PER_VOUCHER_MS },
    customers,
    ...(saved ? { restored: { state: saved.ledger, contentOf: importContentOf } } : {}),
    onChange: () => store?.changed(),
  });
  store?.attach(() => ({ customers: customers.list(), ledger: ledger.state() }));
  const faults = createFaultPlan();
  const ctx: OperationContext = {
    username: options.username,
    client: options.client,
    password: options.password,
    schema,
    confirmationTemplateId: options.confirmationTemplateId ?? DEFAULT_CONFIRMATION_TEMPLATE_ID,
    ledger,
    customers,
  };

  // Timers of slow answers and held sockets, so close() does not wait for them.
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let closed = false;
  const later = (ms: number, run: () => void): ReturnType<typeof setTimeout> => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
    return timer;
  };

  async function serveSoap(req: IncomingMessage, res: ServerResponse, query: string): Promise<void> {
    const body = await readBody(req);
    const fault = faults.take(routeOf(query)?.service ?? null);
    const answer = (): HttpReply =>
      handleSoapRequest({ query, contentType: req.headers['content-type'], soapAction: header(req, 'soapaction'), body }, ctx);

    switch (fault?.kind) {
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'http-500':
        send(res, 500, 'text/html', IIS_500_PAGE);
        return;
      case 'soap-fault': {
        const reply = faultReply('s:Server', fault.faultString ?? DEFAULT_INJECTED_FAULT);
        send(res, reply.status, reply.contentType, reply.body);
        return;
      }
      case 'timeout-after-queue': {
        // The server does the work, then the answer is lost: the client cannot know the import was queued.
        answer();
        const hold = later(fault.delayMs ?? DEFAULT_HOLD_MS, () => req.socket.destroy());
        req.socket.once('close', () => {
          clearTimeout(hold);
          timers.delete(hold);
        });
        return;
      }
      case 'slow':
        // The work happens after the wait whether or not the client is still there, as on a loaded server.
        later(fault.delayMs ?? DEFAULT_SLOW_MS, () => {
          const reply = answer();
          if (!res.destroyed) send(res, reply.status, reply.contentType, reply.body);
        });
        return;
      default: {
        const reply = answer();
        send(res, reply.status, reply.contentType, reply.body);
      }
    }
  }

  async function serveControl(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const body = req.method === 'POST' ? await readBody(req) : '';
    const reply = handleControl({ method: req.method ?? 'GET', path, body }, { ledger, customers, faults });
    sendJson(res, reply.status, reply.json);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const handle = async (): Promise<void> => {
      // The service routes by the raw query string (`service.svc?ImportService/ImportV200606`).
      const query = decodeURIComponent(url.search.replace(/^\?/, ''));
      if (url.pathname === SERVICE_PATH && req.method === 'POST') return serveSoap(req, res, query);
      if (url.pathname === SERVICE_PATH && req.method === 'GET') return send(res, 200, 'text/html; charset=utf-8', SERVICE_PAGE);
      if (url.pathname.startsWith('/simulator/')) return serveControl(req, res, url.pathname);
      send(res, 404, 'text/html', IIS_404_PAGE);
    };
    handle().catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      if (error instanceof BodyTooLarge) return sendJson(res, 413, { error: error.message });
      send(res, 500, 'text/html', IIS_500_PAGE);
    });
  });

  // IIS keeps an idle connection 120 s. Node's 5 s default races a busy client reusing the socket
  // and shows as resets that Business World would not give.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: options.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The Agresso simulator did not get a TCP port');
  const origin = `http://127.0.0.1:${address.port}`;

  return {
    url: `${origin}${SERVICE_PATH}`,
    origin,
    accepted: () => ledger.accepted(),
    addCustomers: (list) => customers.add(checkCustomers(list ?? [])),
    removeCustomer: (customerId, companyCode) => customers.remove(companyCode ?? options.client, customerId),
    processStats: () => ledger.processStats(),
    processServerBusyMs: () => ledger.busyMs(),
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    settle: () => ledger.settle(),
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      ledger.close();
      store?.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      schema?.dispose();
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
