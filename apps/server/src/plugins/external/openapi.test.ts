import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, PROTOCOL_HEADER, SYNC_ROUTES } from '@nota/protocol';
import { createTestApp, type TestApp } from '../../test-support/test-app';

// What a generic OpenAPI client or fuzzer reads must be what the server does: required headers are
// declared, error answers are described as the JSON they are, and paths and methods the server does not
// serve answer in the API's error shape.

type Operation = { parameters?: { in: string; name: string; required?: boolean }[]; responses: Record<string, { content?: Record<string, unknown> }> };
type Document = { paths: Record<string, Record<string, Operation>> };

describe('the OpenAPI document and the answers around it', () => {
  let t: TestApp;
  let doc: Document;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as Document;
  }, 120_000);
  afterAll(() => t.close());

  const operations = () => Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const error = (res: { statusCode: number; body: string; json: () => unknown }, status: number, code: string) => {
    expect(res.statusCode, res.body).toBe(status);
    const body = ApiErrorSchema.strict().parse(res.json());
    expect(body.code).toBe(code);
    return body;
  };

  it('declares the nota-protocol header on every route that requires it, and on no other', () => {
    // What registers call; head office's listings under /api/sync (rejected events, set-aside changes) take the API key.
    const registerCalls = new Set([
      `post ${SYNC_ROUTES.enrol}`,
      `post ${SYNC_ROUTES.push}`,
      `get ${SYNC_ROUTES.pull}`,
      `post ${SYNC_ROUTES.leaseNumbers}`,
      `post ${SYNC_ROUTES.setAside}`,
    ]);
    for (const { path, method, op } of operations()) {
      const header = op.parameters?.find((p) => p.in === 'header' && p.name === PROTOCOL_HEADER);
      if (registerCalls.has(`${method} ${path}`)) expect(header, `${method} ${path}`).toMatchObject({ required: true });
      else expect(header, `${method} ${path}`).toBeUndefined();
    }
    expect(operations().filter(({ path, method }) => registerCalls.has(`${method} ${path}`))).toHaveLength(registerCalls.size);
  });

  it('refuses a register call without the header, as the document says', async () => {
    const enrol = await t.app.inject({ method: 'POST', url: SYNC_ROUTES.enrol, payload: { code: 'ABCDEFGH', clientVersion: 't' } });
    error(enrol, 426, 'PROTOCOL_UNSUPPORTED');
  });

  it('describes every error answer as JSON in the error shape, also on the PDF and GL07 routes', () => {
    const pdf = doc.paths['/api/invoices/{id}/pdf']!.get!;
    const gl07 = doc.paths['/api/invoices/{id}/gl07']!.get!;
    expect(Object.keys(pdf.responses['200']!.content!)).toEqual(['application/pdf']);
    expect(Object.keys(gl07.responses['200']!.content!)).toEqual(['application/xml']);
    for (const op of [pdf, gl07]) for (const status of ['400', '401', '404', '409']) expect(op.responses[status], status).toBeDefined();
    for (const { path, method, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        expect(Object.keys(response.content ?? {}), `${method} ${path} ${status}`).toEqual(['application/json']);
        expect(response.content!['application/json'], `${method} ${path} ${status}`).toMatchObject({ schema: { required: ['code', 'message'] } });
      }
    }
  });

  it('answers a wrong method on a known path with 405, an Allow header and the error shape', async () => {
    const wrong = await t.app.inject({ method: 'DELETE', url: '/api/customers', headers: t.adminHeaders });
    error(wrong, 405, 'METHOD_NOT_ALLOWED');
    expect(wrong.headers.allow).toBe('GET, HEAD, POST');
    const onParams = await t.app.inject({ method: 'PATCH', url: `/api/customers/${randomUUID()}?x=1` });
    error(onParams, 405, 'METHOD_NOT_ALLOWED');
    expect(onParams.headers.allow).toBe('GET, HEAD, PUT');
    const push = await t.app.inject({ method: 'GET', url: SYNC_ROUTES.push });
    error(push, 405, 'METHOD_NOT_ALLOWED');
    expect(push.headers.allow).toBe('POST');
  });

  it('answers an unknown path with 404 in the error shape', async () => {
    error(await t.app.inject({ method: 'GET', url: '/api/nothing-here' }), 404, 'NOT_FOUND');
    error(await t.app.inject({ method: 'POST', url: '/api/customers/a/b/c' }), 404, 'NOT_FOUND');
  });

  it('answers a path segment too long with 414 in the error shape, without echoing it', async () => {
    for (const method of ['GET', 'PUT'] as const) {
      const res = await t.app.inject({ method, url: `/api/invoices/${'x'.repeat(5_000)}`, headers: t.adminHeaders });
      const body = error(res, 414, 'URI_TOO_LONG');
      expect(body.message.length).toBeLessThan(200);
    }
  });

  it('answers a request line past what Node parses with 431 in the error shape, over a real socket', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/api/customers/${'x'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(ApiErrorSchema.strict().parse(await res.json()).code).toBe('HEADERS_TOO_LARGE');
  });

  it('answers a path that is not valid percent-encoding with 400 in the error shape', async () => {
    error(await t.app.inject({ method: 'GET', url: '/api/customers/%E0%A4%A', headers: t.adminHeaders }), 400, 'BAD_URL');
  });
});
