import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, SYNC_ROUTES } from '@nota/protocol';
import { createTestApp, enrolRegister, expectJson, syncHeaders, testDatabases, type TestApp } from '../../../test-support/test-app';

describe.each(testDatabases())('enrolment and auth (%s)', (kind) => {
  let t: TestApp;
  let now = new Date('2026-05-04T08:00:00Z');
  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => now });
    // Starting PGlite on a busy machine can take longer than the default hook timeout.
  }, 120_000);
  afterAll(() => t.close());

  async function newRegister() {
    await t.app.inject({ method: 'POST', url: '/api/cost-centres', headers: t.adminHeaders, payload: { code: 'CC1', name: 'Butik' } });
    return expectJson<{ register: { id: string }; enrolmentCode: string; expiresAt: string }>(
      await t.app.inject({ method: 'POST', url: '/api/registers', headers: t.adminHeaders, payload: { name: 'Kassa', costCentreCode: 'CC1' } }),
      200,
    );
  }
  const enrol = (code: string) =>
    t.app.inject({ method: 'POST', url: SYNC_ROUTES.enrol, headers: { [PROTOCOL_HEADER]: '1' }, payload: { code, clientVersion: 't' } });

  it('exchanges a code once for a token; a replay is refused', async () => {
    const created = await newRegister();
    expect(created.enrolmentCode).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{8}$/);
    expect(new Date(created.expiresAt).getTime() - now.getTime()).toBe(24 * 3600 * 1000);
    // Typed in lower case with a dash, as cashiers do.
    const typed = `${created.enrolmentCode.slice(0, 4)}-${created.enrolmentCode.slice(4)}`.toLowerCase();
    const first = expectJson<{ token: string; registerId: string; costCentre: { code: string } }>(await enrol(typed), 200);
    expect(first.token).toMatch(/^nrt_[A-Za-z0-9_-]{43}$/);
    expect(first.registerId).toBe(created.register.id);
    expect(first.costCentre.code).toBe('CC1');
    expect(expectJson(await enrol(created.enrolmentCode), 410).code).toBe('ENROLMENT_CODE_USED');
    const pull = await t.app.inject({ method: 'GET', url: SYNC_ROUTES.pull, headers: syncHeaders(first.token) });
    expect(pull.statusCode).toBe(200);
  });

  it('refuses unknown and expired codes', async () => {
    expect(expectJson(await enrol('ABCDEFGH'), 401).code).toBe('ENROLMENT_CODE_INVALID');
    const created = await newRegister();
    now = new Date(now.getTime() + 24 * 3600 * 1000 + 1);
    expect(expectJson(await enrol(created.enrolmentCode), 410).code).toBe('ENROLMENT_CODE_EXPIRED');
  });

  it('refuses a revoked register, for sync and for enrolment', async () => {
    const { registerId, token } = await enrolRegister(t);
    const revoke = await t.app.inject({ method: 'POST', url: `/api/registers/${registerId}/revoke`, headers: t.adminHeaders });
    expect(expectJson<{ register: { revoked: boolean } }>(revoke, 200).register.revoked).toBe(true);
    const pull = await t.app.inject({ method: 'GET', url: SYNC_ROUTES.pull, headers: syncHeaders(token) });
    expect(expectJson(pull, 401).code).toBe('REGISTER_REVOKED');
    const list = expectJson<{ registers: { id: string; revoked: boolean }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/registers', headers: t.adminHeaders }),
      200,
    );
    expect(list.registers.find((r) => r.id === registerId)?.revoked).toBe(true);
    const again = await t.app.inject({ method: 'POST', url: `/api/registers/${registerId}/enrolment-code`, headers: t.adminHeaders });
    expect(expectJson(again, 409).code).toBe('REGISTER_REVOKED');
  });

  it('answers 426 to a register speaking another protocol', async () => {
    const { token } = await enrolRegister(t);
    for (const version of ['2', undefined]) {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (version) headers[PROTOCOL_HEADER] = version;
      const res = await t.app.inject({ method: 'GET', url: SYNC_ROUTES.pull, headers });
      const body = expectJson<{ code: string; message: string }>(res, 426);
      expect(body.code).toBe('PROTOCOL_UNSUPPORTED');
      expect(body.message).toBe(
        `This register speaks protocol ${version ?? 'none'}; the server speaks 1. Update the register software.`,
      );
    }
  });

  it('requires credentials on every /api route, and the right kind', async () => {
    const { token } = await enrolRegister(t);
    const doc = expectJson<{ paths: Record<string, Record<string, unknown>> }>(await t.app.inject({ method: 'GET', url: '/docs/json' }), 200);
    const apiRoutes = t.app.routeTable.filter((r) => r.url.startsWith('/api/'));
    let checked = 0;
    for (const { method, url: pattern } of apiRoutes) {
      const documented = pattern.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[documented]?.[method.toLowerCase()], `${method} ${pattern} in /docs/json`).toBeDefined();
      const url = pattern.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');
      {
        const upper = method as 'GET' | 'POST' | 'PUT';
        const bare = await t.app.inject({ method: upper, url, headers: { [PROTOCOL_HEADER]: '1' }, payload: upper === 'GET' ? undefined : {} });
        const open = t.app.routeAccess.find((r) => r.method === method && r.url === pattern && (r.group === 'public' || r.enrolment));
        if (open) {
          // The code (or the username and password) in the body is the credential here.
          expect(bare.statusCode, `${method} ${url}`).toBe(400);
          continue;
        }
        expect(bare.statusCode, `${method} ${url}`).toBe(401);
        // A register token opens only sync routes, an API key only admin routes.
        const isSync = Object.values(SYNC_ROUTES).includes(url as never);
        const wrong = isSync ? t.adminHeaders : syncHeaders(token);
        const crossed = await t.app.inject({ method: upper, url, headers: wrong, payload: upper === 'GET' ? undefined : {} });
        expect(crossed.statusCode, `${method} ${url} with the wrong kind of credential`).toBe(401);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(17);
  });

  it('serves /healthz and /docs/json without credentials', async () => {
    expect(expectJson(await t.app.inject({ method: 'GET', url: '/healthz' }), 200)).toEqual({ status: 'ok', database: kind });
    const doc = expectJson<{ paths: Record<string, unknown> }>(await t.app.inject({ method: 'GET', url: '/docs/json' }), 200);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([SYNC_ROUTES.push, SYNC_ROUTES.pull, '/api/customers/{id}']));
  });
});
