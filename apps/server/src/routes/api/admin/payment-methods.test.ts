import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, SYNC_ROUTES, type AuditPage, type Change, type PaymentMethodsResponse, type PullResponse } from '@nota/protocol';
import { seed } from '../../../services/seed';
import { createUser, signIn, type SignedIn } from '../../../test-support/back-office';
import { createTestApp, expectJson, syncHeaders, testDatabases, type TestApp } from '../../../test-support/test-app';

// PAYMENT METHODS: every method is active at every cost centre until head office turns it off there,
// and a change reaches the registers of that cost centre at their next pull, and no other register.

type MethodRecord = Extract<Change, { entity: 'payment_method' }>['data'];

describe.each(testDatabases())('payment methods per cost centre (%s)', (kind) => {
  let t: TestApp;
  let manager: SignedIn;
  const registers: Record<string, { token: string; cursor: string }> = {};

  async function enrolIn(code: string) {
    expectJson(await t.app.inject({ method: 'POST', url: '/api/cost-centres', headers: t.adminHeaders, payload: { code, name: `Butik ${code}` } }), 200);
    const created = expectJson<{ enrolmentCode: string }>(
      await t.app.inject({ method: 'POST', url: '/api/registers', headers: t.adminHeaders, payload: { name: `Kassa ${code}`, costCentreCode: code } }),
      200,
    );
    const enrolled = expectJson<{ token: string }>(
      await t.app.inject({ method: 'POST', url: SYNC_ROUTES.enrol, headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) }, payload: { code: created.enrolmentCode, clientVersion: 'test' } }),
      200,
    );
    registers[code] = { token: enrolled.token, cursor: '0' };
  }

  /** The payment methods a register pulls from its last cursor on (or from `from`), latest state per method. */
  async function pullMethods(code: string, from?: string): Promise<Map<string, MethodRecord>> {
    const register = registers[code]!;
    const methods = new Map<string, MethodRecord>();
    let cursor = from ?? register.cursor;
    for (;;) {
      const page = expectJson<PullResponse>(
        await t.app.inject({ method: 'GET', url: `${SYNC_ROUTES.pull}?cursor=${cursor}&limit=10000`, headers: syncHeaders(register.token) }),
        200,
      );
      for (const change of page.changes as Change[]) if (change.entity === 'payment_method') methods.set(change.data.id, change.data);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    if (from === undefined) register.cursor = cursor;
    return methods;
  }

  const list = async (headers = t.adminHeaders) => expectJson<PaymentMethodsResponse>(await t.app.inject({ method: 'GET', url: '/api/payment-methods', headers }), 200);
  /** `{ cash: { NORR: true, … }, … }`: the matrix as the page shows it. */
  const matrix = (r: PaymentMethodsResponse) => Object.fromEntries(r.methods.map((m) => [m.id, Object.fromEntries(m.activations.map((a) => [a.costCentre, a.active]))]));
  const put = (method: string, code: string, payload: unknown, headers = t.adminHeaders) =>
    t.app.inject({ method: 'PUT', url: `/api/payment-methods/${method}/cost-centres/${code}`, headers, payload: payload as object });
  const auditOf = async (entityId: string) =>
    expectJson<AuditPage>(await t.app.inject({ method: 'GET', url: `/api/audit?entity=payment-method&entityId=${encodeURIComponent(entityId)}`, headers: t.adminHeaders }), 200).entries;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await enrolIn('NORR');
    await enrolIn('SYD');
    await createUser(t, { username: 'stina', role: 'store-manager', costCentres: ['SYD'] });
    manager = await signIn(t, 'stina');
  }, 120_000);
  afterAll(() => t?.close());

  it('has every method active at every cost centre, and each register pulls its own cost centre’s three', async () => {
    const listed = await list();
    expect(listed.costCentres).toEqual([{ code: 'NORR', name: 'Butik NORR' }, { code: 'SYD', name: 'Butik SYD' }]);
    expect(listed.methods.map((m) => m.id)).toEqual(['cash', 'card', 'invoice']);
    expect(matrix(listed)).toEqual({ cash: { NORR: true, SYD: true }, card: { NORR: true, SYD: true }, invoice: { NORR: true, SYD: true } });
    for (const code of ['NORR', 'SYD']) {
      const pulled = await pullMethods(code);
      expect([...pulled.values()].map((m) => [m.id, m.enabled]).sort()).toEqual([['card', true], ['cash', true], ['invoice', true]]);
    }
  });

  it('turns card off at NORR: saved, audited with old and new value, pulled by NORR’s register and not by SYD’s', async () => {
    expect(expectJson(await put('card', 'NORR', { active: false }), 200)).toEqual({ method: 'card', costCentre: 'NORR', active: false });
    expect(matrix(await list())).toEqual({ cash: { NORR: true, SYD: true }, card: { NORR: false, SYD: true }, invoice: { NORR: true, SYD: true } });

    const [entry, ...older] = await auditOf('card@NORR');
    expect(older).toEqual([]);
    expect(entry).toMatchObject({
      action: 'deactivate',
      actor: { kind: 'api-key' },
      oldValue: { method: 'card', costCentre: 'NORR', active: true },
      newValue: { method: 'card', costCentre: 'NORR', active: false },
    });

    const north = await pullMethods('NORR');
    expect([...north.values()]).toEqual([{ id: 'card', name: 'Kort', enabled: false }]);
    expect((await pullMethods('SYD')).size).toBe(0);
    // A register of each enrolled from scratch ends with the same state.
    expect((await pullMethods('NORR', '0')).get('card')).toMatchObject({ enabled: false });
    expect((await pullMethods('SYD', '0')).get('card')).toMatchObject({ enabled: true });
  });

  it('changes nothing when the state asked for is the one saved', async () => {
    expect(expectJson(await put('card', 'NORR', { active: false }), 200)).toMatchObject({ active: false });
    expect(await auditOf('card@NORR')).toHaveLength(1);
    expect((await pullMethods('NORR')).size).toBe(0);
    // Already on by default: no row, no entry, nothing to pull.
    expect(expectJson(await put('cash', 'SYD', { active: true }), 200)).toMatchObject({ active: true });
    expect(await auditOf('cash@SYD')).toEqual([]);
    expect((await pullMethods('SYD')).size).toBe(0);
  });

  it('lets invoice be turned off and card back on, each reaching only its cost centre', async () => {
    expectJson(await put('invoice', 'SYD', { active: false }), 200);
    expectJson(await put('card', 'NORR', { active: true }), 200);
    expect(matrix(await list())).toEqual({ cash: { NORR: true, SYD: true }, card: { NORR: true, SYD: true }, invoice: { NORR: true, SYD: false } });
    expect([...(await pullMethods('NORR')).values()]).toEqual([{ id: 'card', name: 'Kort', enabled: true }]);
    expect([...(await pullMethods('SYD')).values()]).toEqual([{ id: 'invoice', name: 'Faktura', enabled: false }]);
    expect((await auditOf('card@NORR')).map((e) => e.action)).toEqual(['activate', 'deactivate']);
  });

  it('keeps the state across a restart’s seed and feeds a new cost centre all three at once', async () => {
    await seed(t.database);
    expect((await pullMethods('NORR')).size).toBe(0);
    expect((await pullMethods('SYD')).size).toBe(0);
    await enrolIn('VAST');
    expect([...(await pullMethods('VAST')).values()].every((m) => m.enabled)).toBe(true);
    expect((await pullMethods('VAST', '0')).size).toBe(3);
    expect(matrix(await list()).invoice).toEqual({ NORR: true, SYD: false, VAST: true });
    expectJson(await put('invoice', 'SYD', { active: true }), 200);
    expect([...(await pullMethods('SYD')).values()]).toEqual([{ id: 'invoice', name: 'Faktura', enabled: true }]);
  });

  it('names the field of a refusal and changes nothing', async () => {
    const method = await put('cheque', 'NORR', { active: false });
    expect(method.statusCode).toBe(400);
    expect(method.json()).toMatchObject({ field: 'params.method' });
    const centre = await put('card', 'NOWHERE', { active: false });
    expect(centre.statusCode).toBe(404);
    expect(centre.json()).toMatchObject({ code: 'UNKNOWN_COST_CENTRE', field: 'costCentreCode' });
    const body = await put('card', 'NORR', { active: 'no' });
    expect(body.statusCode).toBe(400);
    expect(body.json()).toMatchObject({ field: 'body.active' });
    expect(matrix(await list()).card).toEqual({ NORR: true, SYD: true, VAST: true });
  });

  it('shows a store manager its own cost centres only, and lets it look but not switch', async () => {
    const seen = await list(manager.headers);
    expect(seen.costCentres.map((c) => c.code)).toEqual(['SYD']);
    expect(seen.methods.map((m) => m.activations.map((a) => a.costCentre))).toEqual([['SYD'], ['SYD'], ['SYD']]);
    const refused = await put('card', 'SYD', { active: false }, manager.headers);
    expect(refused.statusCode).toBe(403);
    expect(matrix(await list()).card).toMatchObject({ SYD: true });
    expect((await pullMethods('SYD')).size).toBe(0);
  });
});
