import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, SYNC_ROUTES, type SetAsideChange } from '@nota/protocol';
import { createTestApp, enrolRegister, expectJson, syncHeaders, testDatabases, type TestApp } from '../../../test-support/test-app';

describe.each(testDatabases())('set-aside changes (%s)', (kind) => {
  let t: TestApp;
  let register: { registerId: string; token: string };
  beforeAll(async () => {
    t = await createTestApp(kind);
    register = await enrolRegister(t);
  });
  afterAll(() => t.close());

  const report = (changes: unknown[], token = register.token) =>
    t.app.inject({ method: 'POST', url: SYNC_ROUTES.setAside, headers: syncHeaders(token), payload: { changes } });
  const list = async () =>
    expectJson<{ changes: (SetAsideChange & { registerId: string })[] }>(
      await t.app.inject({ method: 'GET', url: '/api/sync/set-aside-changes', headers: t.adminHeaders }),
      200,
    ).changes;

  it('stores what a register reports once, however often it is sent, and lists it for head office', async () => {
    const change: SetAsideChange = {
      id: randomUUID(),
      entity: 'setting',
      recordId: 'receipt-footer',
      reason: 'The record does not match the sync contract: data.value: must not be null',
      setAsideAt: '2026-05-04T10:00:00.000Z',
    };
    expect(expectJson(await report([change]), 200)).toEqual({ received: 1 });
    expectJson(await report([change]), 200);
    const listed = (await list()).filter((c) => c.id === change.id);
    expect(listed).toEqual([expect.objectContaining({ ...change, registerId: register.registerId })]);
  });

  it('refuses a report the contract does not carry, and one without a register token', async () => {
    const bad = { id: randomUUID(), entity: 'setting', recordId: 'x\u0000', reason: 'r', setAsideAt: '2026-05-04T10:00:00.000Z' };
    const res = await report([bad]);
    expect(res.statusCode).toBe(400);
    expect(ApiErrorSchema.parse(res.json()).field).toBe('body.changes[0].recordId');
    expect((await t.app.inject({ method: 'POST', url: SYNC_ROUTES.setAside, headers: t.adminHeaders, payload: { changes: [] } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/sync/set-aside-changes', headers: syncHeaders(register.token) })).statusCode).toBe(401);
  });
});
