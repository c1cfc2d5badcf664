import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, SYNC_ROUTES } from '@nota/protocol';
import { createUser, signIn, type SignedIn } from '../test-support/back-office';
import { listInvoices, pushInvoiceSales } from '../test-support/invoicing';
import { createTestApp, expectJson, testDatabases, type TestApp } from '../test-support/test-app';

// A store manager sees and changes its own cost centres' registers, register users, sales and
// invoices, and nothing of the others', whatever it puts in the URL or the body.

describe.each(testDatabases())('a store manager of cost centre A (%s)', (kind) => {
  let t: TestApp;
  let manager: SignedIn;
  const registers: Record<'A' | 'B', { id: string; token: string }> = {} as never;
  const invoices: Record<'A' | 'B', string> = {} as never;

  const allInvoices = async () => (await listInvoices(t)) as unknown as { id: string; costCentre: string }[];

  async function enrolIn(costCentreCode: 'A' | 'B') {
    const created = expectJson<{ register: { id: string }; enrolmentCode: string }>(
      await t.app.inject({ method: 'POST', url: '/api/registers', headers: t.adminHeaders, payload: { name: `Kassa ${costCentreCode}`, costCentreCode } }),
      200,
    );
    const enrolled = expectJson<{ token: string }>(
      await t.app.inject({ method: 'POST', url: SYNC_ROUTES.enrol, headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) }, payload: { code: created.enrolmentCode, clientVersion: 'test' } }),
      200,
    );
    return { id: created.register.id, token: enrolled.token };
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const code of ['A', 'B'] as const) {
      expectJson(await t.app.inject({ method: 'POST', url: '/api/cost-centres', headers: t.adminHeaders, payload: { code, name: `Butik ${code}` } }), 200);
      registers[code] = await enrolIn(code);
      await pushInvoiceSales(t, registers[code].token, { count: 1, firstReceipt: 1 });
    }
    for (const invoice of await allInvoices()) invoices[invoice.costCentre as 'A' | 'B'] = invoice.id;
    await createUser(t, { username: 'stina', role: 'store-manager', costCentres: ['A'] });
    manager = await signIn(t, 'stina');
  }, 120_000);
  afterAll(() => t?.close());

  const as = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => t.app.inject({ method, url, headers: manager.headers, ...(payload ? { payload } : {}) });
  const outOfScope = async (res: Awaited<ReturnType<typeof as>>) => expect(expectJson(res, 403)).toMatchObject({ code: 'OUT_OF_SCOPE' });

  it('lists only its registers, sales and invoices', async () => {
    expect(expectJson<{ registers: { id: string }[] }>(await as('GET', '/api/registers'), 200).registers.map((r) => r.id)).toEqual([registers.A.id]);
    const sales = expectJson<{ sales: { registerId: string }[] }>(await as('GET', '/api/sales'), 200).sales;
    expect(sales.map((s) => s.registerId)).toEqual([registers.A.id]);
    expect(expectJson(await as('GET', '/api/sales/count'), 200)).toEqual({ count: 1 });
    const listed = expectJson<{ invoices: { id: string; costCentre: string }[] }>(await as('GET', '/api/invoices'), 200).invoices;
    expect(listed.map((i) => i.id)).toEqual([invoices.A]);
    // Head office sees both.
    expect((await allInvoices()).map((i) => i.costCentre).sort()).toEqual(['A', 'B']);
  });

  it("refuses another cost centre's register, sales and invoices by id", async () => {
    await outOfScope(await as('GET', `/api/sales?registerId=${registers.B.id}`));
    await outOfScope(await as('GET', `/api/sales/count?registerId=${registers.B.id}`));
    await outOfScope(await as('GET', `/api/invoices/${invoices.B}`));
    await outOfScope(await as('GET', `/api/invoices/${invoices.B}/pdf`));
    expectJson(await as('GET', `/api/invoices/${invoices.A}`), 200);
    await outOfScope(await as('POST', `/api/registers/${registers.B.id}/enrolment-code`));
    await outOfScope(await as('POST', `/api/registers/${registers.B.id}/revoke`));
    // B's register still syncs: the refusal changed nothing.
    expect((await t.app.inject({ method: 'GET', url: `${SYNC_ROUTES.pull}?cursor=0`, headers: { authorization: `Bearer ${registers.B.token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) } })).statusCode).toBe(200);
  });

  it('creates registers and register users in its cost centre only, and cannot take over another one\'s user', async () => {
    await outOfScope(await as('POST', '/api/registers', { name: 'Kassa 9', costCentreCode: 'B' }));
    expectJson(await as('POST', '/api/registers', { name: 'Kassa 2', costCentreCode: 'A' }), 200);
    const user = { name: 'Kalle', role: 'cashier', pin: '4829' };
    await outOfScope(await as('PUT', '/api/register-users/kalle', { ...user, costCentreCode: 'B' }));
    expectJson(await as('PUT', '/api/register-users/kalle', { ...user, costCentreCode: 'A' }), 200);
    expectJson(await t.app.inject({ method: 'PUT', url: '/api/register-users/berit', headers: t.adminHeaders, payload: { ...user, name: 'Berit', costCentreCode: 'B' } }), 200);
    await outOfScope(await as('PUT', '/api/register-users/berit', { ...user, name: 'Berit', costCentreCode: 'A' }));
  });

  it('may not do head office\'s work', async () => {
    for (const [method, url, payload] of [
      ['POST', '/api/cost-centres', { code: 'C', name: 'Ny' }],
      ['GET', '/api/accounting/mapping'],
      ['GET', '/api/exports'],
      ['GET', '/api/users'],
      ['GET', '/api/audit'],
    ] as const) {
      expect(expectJson(await as(method, url, payload), 403), `${method} ${url}`).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
