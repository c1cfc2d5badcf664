import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, PushResponse } from '@nota/protocol';
import { created, customer, updated } from '../test-support/fixtures';
import { createTestApp, enrolRegister, expectJson, leaseBlock, push, testDatabases, type TestApp } from '../test-support/test-app';

type Conflict = { customerId: string; field: string; headOfficeValue: unknown; registerValue: unknown; eventId: string };

describe.each(testDatabases())('customer edits from two places (%s)', (kind) => {
  let t: TestApp;
  let token: string;
  let nextNumber: number;
  beforeAll(async () => {
    t = await createTestApp(kind);
    ({ token } = await enrolRegister(t));
    nextNumber = (await leaseBlock(t, token, 50)).firstNumber;
  });
  afterAll(() => t.close());

  const get = async (id: string) =>
    expectJson<{ customer: Customer }>(await t.app.inject({ method: 'GET', url: `/api/customers/${id}`, headers: t.adminHeaders }), 200).customer;
  const headOfficeEdit = async (c: Customer, changes: Partial<Customer>) => {
    const { id, version, customerNumber: _n, createdAt: _c, updatedAt: _u, ...input } = c;
    return expectJson<{ customer: Customer }>(
      await t.app.inject({ method: 'PUT', url: `/api/customers/${id}`, headers: t.adminHeaders, payload: { baseVersion: version, customer: { ...input, ...changes } } }),
      200,
    ).customer;
  };
  const registerCreates = async () => {
    const c = customer(nextNumber++);
    expect(expectJson<PushResponse>(await push(t, token, [created(c)]), 200).results[0]?.status).toBe('applied');
    return get(c.id);
  };

  it('applies an edit on the current version and bumps the version', async () => {
    const v1 = await registerCreates();
    const res = expectJson<PushResponse>(await push(t, token, [updated({ ...v1, city: 'Lund' }, 1, ['city'])]), 200);
    expect(res.results[0]?.status).toBe('applied');
    const v2 = await get(v1.id);
    expect(v2).toMatchObject({ city: 'Lund', version: 2 });
  });

  it('merges a stale edit field by field and records a true conflict, keeping head office’s value', async () => {
    const v1 = await registerCreates();
    // Head office changes the city and the phone; the register, still on v1, changes phone and email.
    const v2 = await headOfficeEdit(v1, { city: 'Göteborg', phone: '031-123456' });
    expect(v2.version).toBe(2);
    const edit = updated({ ...v1, phone: '08-999999', email: 'ny@example.se', purchaseInstruction: null }, 1, ['phone', 'email']);
    expect(expectJson<PushResponse>(await push(t, token, [edit]), 200).results[0]?.status).toBe('applied');
    const merged = await get(v1.id);
    expect(merged).toMatchObject({ city: 'Göteborg', phone: '031-123456', email: 'ny@example.se', version: 3 });
    const { conflicts } = expectJson<{ conflicts: Conflict[] }>(
      await t.app.inject({ method: 'GET', url: '/api/customer-conflicts', headers: t.adminHeaders }),
      200,
    );
    const mine = conflicts.filter((c) => c.customerId === v1.id);
    expect(mine).toEqual([expect.objectContaining({ field: 'phone', headOfficeValue: '031-123456', registerValue: '08-999999', eventId: edit.id })]);
  });

  it('accepts the same change made at both places without a conflict', async () => {
    const v1 = await registerCreates();
    await headOfficeEdit(v1, { city: 'Uppsala' });
    const res = expectJson<PushResponse>(await push(t, token, [updated({ ...v1, city: 'Uppsala' }, 1, ['city'])]), 200);
    expect(res.results[0]?.status).toBe('applied');
    expect((await get(v1.id)).version).toBe(2);
    const { conflicts } = expectJson<{ conflicts: Conflict[] }>(
      await t.app.inject({ method: 'GET', url: '/api/customer-conflicts', headers: t.adminHeaders }),
      200,
    );
    expect(conflicts.filter((c) => c.customerId === v1.id)).toEqual([]);
  });

  it('refuses a stale head-office edit with 409, and rejects edits of unknown customers', async () => {
    const v1 = await registerCreates();
    await headOfficeEdit(v1, { city: 'Kiruna' });
    const { id, version, customerNumber: _n, createdAt: _c, updatedAt: _u, ...input } = v1;
    const res = await t.app.inject({ method: 'PUT', url: `/api/customers/${id}`, headers: t.adminHeaders, payload: { baseVersion: version, customer: input } });
    expect(expectJson(res, 409).code).toBe('STALE_VERSION');
    const ghost = customer(nextNumber++);
    const pushed = expectJson<PushResponse>(await push(t, token, [updated(ghost, 1, ['city'])]), 200);
    expect(pushed.results[0]?.reason?.code).toBe('UNKNOWN_CUSTOMER');
  });

  it('validates head-office customers with the domain rules and numbers them from the shared counter', async () => {
    const { id: _i, version: _v, customerNumber: _n, createdAt: _c, updatedAt: _u, ...input } = customer(1);
    const bad = await t.app.inject({ method: 'POST', url: '/api/customers', headers: t.adminHeaders, payload: { customer: { ...input, email: null } } });
    expect(expectJson(bad, 400).code).toBe('INVALID_CUSTOMER');
    const made = expectJson<{ customer: Customer }>(
      await t.app.inject({ method: 'POST', url: '/api/customers', headers: t.adminHeaders, payload: { customer: input } }),
      200,
    ).customer;
    const block = await leaseBlock(t, token, 10);
    expect(made.customerNumber).toBeLessThan(block.firstNumber);
    expect(made.customerNumber).toBeGreaterThan(nextNumber);
  });
});
