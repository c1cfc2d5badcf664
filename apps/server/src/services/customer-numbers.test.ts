import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '@nota/protocol';
import { customer } from '../test-support/fixtures';
import { createTestApp, enrolRegister, expectJson, leaseBlock, testDatabases, type TestApp } from '../test-support/test-app';

describe.each(testDatabases())('customer-number blocks (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('never overlap, under concurrent leases from many registers and head-office creations', async () => {
    const registers = await Promise.all(Array.from({ length: 5 }, (_, i) => enrolRegister(t, `Kassa ${i}`)));
    const { id: _i, version: _v, customerNumber: _n, createdAt: _c, updatedAt: _u, ...input } = customer(1);
    const ranges: [number, number][] = [];
    await Promise.all([
      ...registers.flatMap((r) =>
        Array.from({ length: 8 }, async () => {
          const b = await leaseBlock(t, r.token, 10 + Math.floor(Math.random() * 90));
          ranges.push([b.firstNumber, b.lastNumber]);
        }),
      ),
      ...Array.from({ length: 10 }, async () => {
        const c = expectJson<{ customer: Customer }>(
          await t.app.inject({ method: 'POST', url: '/api/customers', headers: t.adminHeaders, payload: { customer: input } }),
          200,
        ).customer;
        ranges.push([c.customerNumber, c.customerNumber]);
      }),
    ]);
    expect(ranges).toHaveLength(50);
    ranges.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < ranges.length; i += 1) expect(ranges[i]![0]).toBeGreaterThan(ranges[i - 1]![1]);
  });

  it('refuses a size outside the contract', async () => {
    const { token } = await enrolRegister(t);
    const { SYNC_ROUTES } = await import('@nota/protocol');
    const { syncHeaders } = await import('../test-support/test-app');
    const res = await t.app.inject({ method: 'POST', url: SYNC_ROUTES.leaseNumbers, headers: syncHeaders(token), payload: { size: 1 } });
    expect(expectJson(res, 400).code).toBe('INVALID_REQUEST');
  });
});
