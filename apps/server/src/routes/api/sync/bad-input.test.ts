import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, PROTOCOL_HEADER, SYNC_ROUTES } from '@nota/protocol';
import { storedCounts } from '../../../test-support/counts';
import { completed, created, customer, sale } from '../../../test-support/fixtures';
import { createTestApp, enrolRegister, leaseBlock, syncHeaders, testDatabases, type TestApp } from '../../../test-support/test-app';

describe.each(testDatabases())('bad input on push (%s)', (kind) => {
  let t: TestApp;
  let token: string;
  let firstNumber: number;
  beforeAll(async () => {
    t = await createTestApp(kind, { enrolRateLimit: 3 });
    ({ token } = await enrolRegister(t));
    ({ firstNumber } = await leaseBlock(t, token, 100));
  });
  afterAll(() => t.close());

  const send = (payload: string, headers: Record<string, string> = syncHeaders(token)) =>
    t.app.inject({ method: 'POST', url: SYNC_ROUTES.push, headers: { ...headers, 'content-type': 'application/json' }, payload });
  const expectError = (res: { statusCode: number; json: () => unknown }, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    const body = ApiErrorSchema.parse(res.json());
    expect(body.code).toBe(code);
  };

  it('answers malformed JSON, schema errors, unknown event types, oversized bodies and missing tokens with ApiErrors', async () => {
    const before = await storedCounts(t.database);
    expectError(await send('{"batchId": '), 400, 'MALFORMED_JSON');
    expectError(await send(JSON.stringify({ batchId: 'x', events: [], backlog: -1 })), 400, 'INVALID_REQUEST');
    const backlog = await send(JSON.stringify({ batchId: randomUUID(), events: [created(customer(firstNumber))], backlog: 2 ** 31 }));
    expectError(backlog, 400, 'INVALID_REQUEST');
    expect(ApiErrorSchema.parse(backlog.json()).details?.[0]?.field).toBe('body.backlog');
    const huge = JSON.stringify({ batchId: randomUUID(), events: [created(customer(firstNumber))], backlog: 0, pad: 'x'.repeat(6 * 1024 * 1024) });
    expectError(await send(huge), 413, 'BODY_TOO_LARGE');
    expectError(await send('{}', { [PROTOCOL_HEADER]: '1' }), 401, 'UNAUTHENTICATED');
    expectError(await send('{}', syncHeaders('nrt_not-a-token')), 401, 'INVALID_TOKEN');
    expectError(
      await t.app.inject({ method: 'POST', url: SYNC_ROUTES.push, headers: { ...syncHeaders(token), 'content-type': 'application/xml' }, payload: '<a/>' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(await storedCounts(t.database)).toEqual(before);
  });

  it('rejects an event the contract does not know on its own, with its reason, and applies the rest of the batch', async () => {
    const unknownType = { ...created(customer(firstNumber + 50)), type: 'customer.deleted' };
    const hugeQuantity = completed(sale(7_001));
    (hugeQuantity as { sale: { lines: { quantity: number }[] } }).sale.lines[0]!.quantity = 2 ** 53;
    const fine = completed(sale(7_002));
    const res = await send(JSON.stringify({ batchId: randomUUID(), events: [unknownType, hugeQuantity, fine], backlog: 0 }));
    expect(res.statusCode).toBe(200);
    const { results } = res.json() as { results: { id: string; status: string; reason?: { code: string; message: string } }[] };
    expect(results.map((r) => [r.id, r.reason?.code ?? r.status])).toEqual([
      [unknownType.id, 'EVENT_INVALID'],
      [hugeQuantity.id, 'EVENT_INVALID'],
      [fine.id, 'applied'],
    ]);
    expect(results[0]!.reason!.message).toMatch(/type/);
    expect(results[1]!.reason!.message).toMatch(/sale\.lines\[0\]\.quantity/);
  });

  it('rate-limits enrolment attempts', async () => {
    const attempt = () =>
      t.app.inject({ method: 'POST', url: SYNC_ROUTES.enrol, headers: { [PROTOCOL_HEADER]: '1' }, payload: { code: 'ZZZZZZZZ', clientVersion: 't' } });
    // One enrolment already happened in beforeAll.
    expect((await attempt()).statusCode).toBe(401);
    expect((await attempt()).statusCode).toBe(401);
    expectError(await attempt(), 429, 'RATE_LIMITED');
  });

  it('never answers 5xx and stores nothing for generated garbage', async () => {
    const valid = { batchId: randomUUID(), events: [created(customer(firstNumber + 1)), completed(sale(1))], backlog: 0 };
    const mutated = fc
      .tuple(fc.constantFrom('batchId', 'events', 'backlog', 'events.0.type', 'events.0.customer', 'events.1.sale.lines', 'events.0.v', 'events.1.id'), fc.jsonValue())
      .map(([path, value]) => {
        const copy = structuredClone(valid) as Record<string, unknown>;
        const keys = path.split('.');
        let target = copy as Record<string, unknown>;
        for (const k of keys.slice(0, -1)) target = target[k] as Record<string, unknown>;
        target[keys[keys.length - 1]!] = value;
        return JSON.stringify(copy);
      });
    const raw = fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), fc.string(), mutated);
    let before = await storedCounts(t.database);
    await fc.assert(
      fc.asyncProperty(raw, async (payload) => {
        const res = await send(payload);
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode !== 200) {
          ApiErrorSchema.parse(res.json());
          expect(await storedCounts(t.database)).toEqual(before);
        } else {
          // A mutation can leave the batch valid (say backlog 3): then it is applied, and that is the new baseline.
          before = await storedCounts(t.database);
        }
      }),
      { numRuns: 150 },
    );
  });
});
