import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, Change, SYNC_ROUTES, type PullResponse } from '@nota/protocol';
import { createTestApp, enrolRegister, expectJson, syncHeaders, testDatabases, type TestApp } from '../../../test-support/test-app';

describe.each(testDatabases())('PUT /api/settings/:key (%s)', (kind) => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    ({ token } = await enrolRegister(t));
  });
  afterAll(() => t.close());

  const put = (key: string, payload: string) =>
    t.app.inject({ method: 'PUT', url: `/api/settings/${key}`, headers: { ...t.adminHeaders, 'content-type': 'application/json' }, payload });
  const refused = (res: { statusCode: number; json: () => unknown }) => {
    expect(res.statusCode).toBe(400);
    return ApiErrorSchema.parse(res.json());
  };
  const settingsInFeed = async () => {
    const page = expectJson<PullResponse>(
      await t.app.inject({ method: 'GET', url: `${SYNC_ROUTES.pull}?cursor=0&limit=10000`, headers: syncHeaders(token) }),
      200,
    );
    return page.changes.map((c) => Change.parse(c)).flatMap((c) => (c.entity === 'setting' ? [c.data] : []));
  };

  it('refuses a null value, which no register can store, with a field error, and stores nothing', async () => {
    const error = refused(await put('receipt-footer', '{"value": null}'));
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'body.value' });
    expect(error.message).toMatch(/null/);
    expect(refused(await put('receipt-footer', '{}')).field).toBe('body.value');
    expect(await settingsInFeed()).toEqual([]);
  });

  it('holds a setting the register knows to that setting\'s schema', async () => {
    expect(refused(await put('printerTimeoutMs', '{"value": "soon"}')).field).toBe('body.value');
    expect(refused(await put('storeName', '{"value": "Butik\\u0000"}')).field).toBe('body.value');
    expect(refused(await put('registerId', '{"value": "0b6c1f3e-1111-4111-8111-111111111111"}')).field).toBe('params.key');
    expectJson(await put('storeAddress', '{"value": null}'), 200);
    expectJson(await put('storeName', '{"value": "Museibutiken"}'), 200);
    expectJson(await put('receipt-footer', '{"value": {"lines": ["Tack!", "Välkommen åter"]}}'), 200);
    expect(await settingsInFeed()).toEqual([
      { key: 'storeAddress', value: null },
      { key: 'storeName', value: 'Museibutiken' },
      { key: 'receipt-footer', value: { lines: ['Tack!', 'Välkommen åter'] } },
    ]);
  });

  it('refuses 100,000 nested arrays with a field error instead of overflowing the stack', async () => {
    const deep = `{"value": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const error = refused(await put('receipt-footer', deep));
    expect(error.field).toBe('body.value');
    expect(error.message).toMatch(/nests deeper/);
  });
});
