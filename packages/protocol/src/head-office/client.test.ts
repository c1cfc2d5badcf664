import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiRequestError, createHeadOfficeClient } from './client';
import { headOffice } from './routes';

// A real HTTP server on an ephemeral port that answers what each test sets and records what it was sent.
let server: Server;
let base: string;
let answer: (req: IncomingMessage, body: string) => { status: number; body?: unknown; raw?: string; type?: string } = () => ({ status: 500 });
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const a = answer(req, body);
      res.writeHead(a.status, { 'content-type': a.type ?? 'application/json' });
      res.end(a.raw ?? (a.body === undefined ? '' : JSON.stringify(a.body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = () => createHeadOfficeClient({ baseUrl: `${base}/`, headers: () => ({ authorization: 'Bearer k' }) });
const id = '0b6c1f3e-1111-4111-8111-111111111111';

describe('the head-office client', () => {
  it('fills path parameters, encodes the query, sends the body as JSON and parses the answer', async () => {
    answer = () => ({ status: 200, body: { code: 'A B', name: 'Butik', address: null, extra: 'dropped' } });
    const saved = await client().costCentres.save({ body: { code: 'A B', name: 'Butik' } });
    expect(saved).toEqual({ code: 'A B', name: 'Butik', address: null });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/cost-centres', headers: { authorization: 'Bearer k', 'content-type': 'application/json' } });
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ code: 'A B', name: 'Butik' });

    answer = () => ({ status: 200, body: { sales: [], } });
    await client().sales.list({ query: { registerId: id, limit: 5 } });
    expect(seen.at(-1)!.url).toBe(`/api/sales?registerId=${id}&limit=5`);

    answer = () => ({ status: 200, body: { changes: [] } });
    await client().call(headOffice.productGroups.save, { params: { id: 'mat & dryck/1' }, body: { id: 'mat & dryck/1', name: 'Mat' } }).catch(() => null);
    expect(seen.at(-1)!.url).toBe('/api/product-groups/mat%20%26%20dryck%2F1');
    expect(client().url(headOffice.invoices.pdf, { params: { id }, query: { lang: 'en' } })).toBe(`${base}/api/invoices/${id}/pdf?lang=en`);
  });

  it('answers a 204 with null and a PDF with its bytes', async () => {
    answer = () => ({ status: 204 });
    expect(await client().auth.signOut()).toBeNull();
    answer = () => ({ status: 200, raw: '%PDF-1.7', type: 'application/pdf' });
    const pdf = await client().invoices.pdf({ params: { id } });
    expect(Buffer.from(pdf).toString('latin1')).toBe('%PDF-1.7');
    expect(seen.at(-1)!.headers.accept).toBe('application/pdf');
  });

  it('throws the server’s refusal with its code and field, and tells the caller first', async () => {
    answer = () => ({ status: 400, body: { code: 'INVALID_CUSTOMER', message: 'email: bad', field: 'body.customer.email' } });
    const told: ApiRequestError[] = [];
    const c = createHeadOfficeClient({ baseUrl: base, onError: (e) => told.push(e) });
    const error = await c.customers.get({ params: { id } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 400, code: 'INVALID_CUSTOMER', field: 'body.customer.email', message: 'email: bad' });
    expect(told).toEqual([error]);

    answer = () => ({ status: 502, raw: '<html>bad gateway</html>', type: 'text/html' });
    await expect(c.registers.list()).rejects.toMatchObject({ status: 502, code: 'HTTP_502' });
  });

  it('refuses an answer that does not fit the map’s schema, naming where, and says when nothing answered', async () => {
    answer = () => ({ status: 200, body: { customers: [{ name: 'no id' }], total: 1 } });
    const error = await client().customers.list().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: 'BAD_RESPONSE' });
    expect((error as Error).message).toMatch(/GET \/api\/customers .*customers\.0/);

    const closed = createHeadOfficeClient({ baseUrl: 'http://127.0.0.1:1' });
    await expect(closed.invoices.count()).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });

  it('types its arguments from the map', () => {
    const c = createHeadOfficeClient();
    // Compile-time checks only: none of these run.
    const never = () => {
      // @ts-expect-error the customer's id is a path parameter the route needs
      void c.customers.get();
      // @ts-expect-error a route without a body takes none
      void c.registers.list({ body: {} });
      // @ts-expect-error a misspelt field of the body
      void c.costCentres.save({ body: { cod: 'A', name: 'B' } });
    };
    expect(typeof never).toBe('function');
  });
});
