import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app';

describe('the back office served at /', () => {
  let t: TestApp;
  let missing: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'nota-backoffice-'));
  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app page</title><script type="module" src="/assets/app-1a2b.js"></script>');
    writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log("app")');
    t = await createTestApp('pglite', { backofficeDir: dir });
    missing = await createTestApp('pglite', { backofficeDir: join(dir, 'not-built') });
  }, 90_000);
  afterAll(async () => {
    await t.close();
    await missing.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, app = t) => app.app.inject({ method: 'GET', url });

  it('answers the app page for / and for every address the app routes itself, with a strict CSP', async () => {
    for (const url of ['/', '/customers', '/invoices/0b6c1f3e-1111-4111-8111-111111111111?x=1']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('app page');
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
    }
  });

  it('serves the hashed assets for good, and a missing file as a 404 rather than the page', async () => {
    const js = await get('/assets/app-1a2b.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toMatch(/immutable/);
    expect((await get('/assets/gone-9z.js')).statusCode).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/package.json')).statusCode).toBe(404);
  });

  it('never answers the API, the OpenAPI document or the health check with the app page', async () => {
    const api = await get('/api/nothing-here');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await get('/api/customers')).statusCode).toBe(401);
    expect((await get('/docs/nothing')).statusCode).toBe(404);
    expect((await get('/healthz')).json()).toMatchObject({ status: 'ok' });
    expect((await get('/docs/json')).json()).toHaveProperty('openapi');
  });

  it('says how to build the app when it is not built', async () => {
    const res = await get('/customers', missing);
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('npm run build');
    expect((await get('/api/nothing-here', missing)).statusCode).toBe(404);
  });
});
