import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_MAPPING, TEST_SELLER } from '@nota/domain/test-fixtures';
import { ApiErrorSchema, CSRF_HEADER, PROTOCOL_HEADER, PROTOCOL_VERSION, SESSION_COOKIE } from '@nota/protocol';
import { createSession, DEFAULT_SESSION_RULES } from '../services/auth/sessions';
import { createUser } from '../test-support/back-office';
import { completed, created, customer } from '../test-support/fixtures';
import { invoiceSale } from '../test-support/invoicing';
import {
  encodeParam,
  HOSTILE,
  HOSTILE_PARAMS,
  operationsOf,
  Raw,
  replaceAt,
  toJson,
  valueOf,
  type Operation,
} from '../test-support/openapi-fuzz';
import { forbiddenStoredText } from '../test-support/stored-text';
import { createTestApp, enrolRegister, expectJson, leaseBlock, push, TEST_API_KEY, testDatabases, type TestApp } from '../test-support/test-app';

// A generic OpenAPI fuzzer, run as a test: every route of the served document, with requests built
// from its schemas, the same requests with one part made hostile, and every kind of credential. The
// server may refuse anything, but never with a 5xx, never anything but its error shape, never with data
// to a caller without the right credential, and it stores nothing its contracts forbid.

// Bounded so the suite stays well under a minute on a busy 2-core machine; NOTA_FUZZ_RUNS scales it.
const SCALE = Number(process.env.NOTA_FUZZ_RUNS ?? 1);
const VALID_CASES = Math.round(5 * SCALE);
const HOSTILE_CASES = Math.round(10 * SCALE);
const WRONG_CREDENTIAL_CASES = Math.round(2 * SCALE);
const SEED = Number(process.env.NOTA_FUZZ_SEED ?? 20_261_127);

type Credential = 'admin' | 'register' | 'none' | 'session';

interface Case {
  url: string;
  body: string | undefined;
  protocol: string;
  /** What was made hostile, for the report. */
  hostile: string | null;
}

describe.each(testDatabases())('fuzzing every route of the OpenAPI document (%s)', (kind) => {
  let t: TestApp;
  let token: string;
  let operations: Operation[];
  let personId: string;
  /** Ids of records that exist, so generated requests also reach real rows. */
  const known: string[] = [];
  /** Valid bodies a person or register would send, as bases for hostile variants. */
  const examples = new Map<string, unknown[]>();

  beforeAll(async () => {
    t = await createTestApp(kind);
    ({ token } = await enrolRegister(t));
    const { firstNumber } = await leaseBlock(t, token, 100);
    const buyer = customer(firstNumber);
    const sale = invoiceSale(1, buyer);
    expectJson(await push(t, token, [created(buyer), completed(sale)]), 200);
    const invoices = expectJson<{ invoices: { id: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/invoices', headers: t.adminHeaders }), 200);
    known.push(buyer.id, ...invoices.invoices.map((i) => i.id));

    const person = { active: true, internal: false, name: 'Kulturförvaltningen', orgNumber: '212000-1124', country: 'SE', street: 'Storgatan 1', postalCode: '111 22', city: 'Stockholm', email: 'faktura@example.se', invoicingEnabled: true };
    const batch = (events: unknown[]) => ({ batchId: randomUUID(), events, backlog: 0 });
    examples.set('POST /api/sync/push', [batch([created(customer(firstNumber + 1))]), batch([completed(invoiceSale(2, buyer))])]);
    examples.set('POST /api/customers', [{ customer: person }]);
    examples.set('PUT /api/customers/{id}', [{ baseVersion: 1, customer: person }]);
    examples.set('PUT /api/invoicing/seller', [TEST_SELLER]);
    examples.set('PUT /api/accounting/mapping', [TEST_MAPPING]);
    examples.set('PUT /api/agresso/connection', [{ baseUrl: 'http://127.0.0.1:9/service.svc', username: 'NOTA', client: '10', password: 'secret', confirmationTemplateId: 1 }]);
    examples.set('PUT /api/products/{id}', [
      { id: 'p1', sku: 'SKU1', barcode: null, name: 'Mugg', groupId: null, priceOre: 14_950, vatCode: 'standard', active: true },
      { id: 'p2', sku: 'SKU2', barcode: '7310050001234', name: 'Kaffe', groupId: 'g1', priceOre: 3_500, vatCode: 'food', active: true },
    ]);
    examples.set('PUT /api/product-groups/{id}', [{ id: 'g1', name: 'Fika' }]);
    examples.set('PUT /api/register-users/{id}', [{ name: 'Anna', role: 'cashier', pin: '482913' }]);
    examples.set('PUT /api/settings/{key}', [{ value: 'Välkommen åter!' }, { value: { lines: ['a', 'b'] } }]);
    examples.set('POST /api/cost-centres', [{ code: 'CC2', name: 'Museibutiken' }]);
    examples.set('PUT /api/payment-methods/{method}/cost-centres/{costCentreCode}', [{ active: false }, { active: true }]);
    examples.set('POST /api/registers', [{ name: 'Kassa 2', costCentreCode: 'CC1' }]);
    const password = 'a long enough password';
    examples.set('POST /api/users', [{ username: 'fuzz-user', displayName: 'Fuzz', role: 'store-manager', costCentres: ['CC1'], password }]);
    examples.set('PATCH /api/users/{id}', [{ displayName: 'Nytt namn' }, { role: 'head-office', costCentres: [] }, { disabled: false }]);
    examples.set('POST /api/users/{id}/password', [{ password }]);
    examples.set('POST /api/api-keys', [{ name: 'Skript', role: 'store-manager', costCentres: ['CC1'] }]);
    examples.set('POST /api/auth/sign-in', [{ username: 'fuzzer', password }]);
    examples.set('POST /api/auth/password', [{ currentPassword: password, newPassword: password }]);
    // A person signs in to the back office; the session routes are called with a session of theirs.
    const signedIn = await createUser(t, { username: 'fuzzer', role: 'administrator', password });
    personId = signedIn.id;
    known.push(signedIn.id);

    operations = operationsOf((await t.app.inject({ method: 'GET', url: '/docs/json' })).json());
  }, 120_000);
  afterAll(() => t?.close());

  /** A fresh session for every request: sign-out and password changes end sessions. */
  const session = async () => {
    const s = await t.database.transaction((tx) => createSession(tx, personId, new Date(), DEFAULT_SESSION_RULES));
    return { cookie: `${SESSION_COOKIE}=${s.id}`, [CSRF_HEADER]: s.csrfToken };
  };
  const headersFor = async (credential: Credential, protocol: string): Promise<Record<string, string>> => ({
    [PROTOCOL_HEADER]: protocol,
    ...(credential === 'admin' ? { authorization: `Bearer ${TEST_API_KEY}` } : {}),
    ...(credential === 'register' ? { authorization: `Bearer ${token}` } : {}),
    ...(credential === 'session' ? await session() : {}),
  });
  const sessionOnly = (op: Operation) =>
    t.app.routeAccess.some((r) => r.sessionOnly && r.method === op.method && r.url === op.path.replace(/\{(\w+)\}/g, ':$1'));
  const rightCredential = (op: Operation): Credential =>
    op.public
      ? 'none'
      : op.parameters.some((p) => p.in === 'header' && p.name === PROTOCOL_HEADER)
        ? 'register'
        : sessionOnly(op)
          ? 'session'
          : 'admin';

  /** Requests for `op`: `hostile` replaces one parameter or one part of the body with a hostile value. */
  function cases(op: Operation, hostile: boolean): fc.Arbitrary<Case> {
    const params = op.parameters.filter((p) => p.in !== 'header');
    const paramValue = (p: (typeof params)[number]) => {
      const fromSchema = valueOf(p.schema).map(encodeParam);
      return p.schema.format === 'uuid' && known.length > 0 ? fc.oneof(fromSchema, fc.constantFrom(...known)) : fromSchema;
    };
    const values = fc.record(Object.fromEntries(params.map((p) => [p.name, p.required ? paramValue(p) : fc.option(paramValue(p), { nil: undefined })])));
    const bases = examples.get(`${op.method} ${op.path}`) ?? [];
    const body = op.body ? (bases.length > 0 ? fc.oneof(valueOf(op.body), fc.constantFrom(...bases)) : valueOf(op.body)) : fc.constant(undefined);
    const protocol = fc.constantFrom(String(PROTOCOL_VERSION), String(PROTOCOL_VERSION), String(PROTOCOL_VERSION), '2', '');
    const where = fc.nat({ max: (op.body ? 3 : 0) + params.length });
    const what = fc.nat();
    return fc.tuple(values, body, protocol, where, what, fc.constantFrom(...HOSTILE), fc.constantFrom(...HOSTILE_PARAMS)).map(([vals, base, proto, at, pick, value, param]) => {
      const encoded = { ...vals } as Record<string, string | undefined>;
      let payload: unknown = base;
      let label: string | null = null;
      if (hostile) {
        const target = params[at];
        if (target) {
          encoded[target.name] = param;
          label = `${target.in} ${target.name} = ${param.slice(0, 30)}`;
        } else if (op.body) {
          payload = replaceAt(base, pick, value);
          label = `body part ${pick} = ${value instanceof Raw ? value.label : JSON.stringify(value)?.slice(0, 30)}`;
        }
      }
      let url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encoded[name] ?? 'x');
      const query = params.filter((p) => p.in === 'query' && encoded[p.name] !== undefined).map((p) => `${p.name}=${encoded[p.name]}`);
      if (query.length > 0) url += `?${query.join('&')}`;
      return { url, body: op.body ? toJson(payload) : undefined, protocol: proto, hostile: label };
    });
  }

  it('answers no request with a 5xx, anything but the error shape, or data without the right credential; stores nothing forbidden', async () => {
    const started = Date.now();
    const problems: string[] = [];
    let requests = 0;
    let serverErrors = 0;

    for (const [index, op] of operations.entries()) {
      const right = rightCredential(op);
      const plan: [Credential, boolean, number][] = [
        [right, false, VALID_CASES],
        [right, true, HOSTILE_CASES],
        ...(['admin', 'register', 'none'] as const).filter((c) => c !== right).map((c): [Credential, boolean, number] => [c, true, WRONG_CREDENTIAL_CASES]),
      ];
      for (const [credential, hostile, runs] of plan) {
        for (const c of fc.sample(cases(op, hostile), { numRuns: runs, seed: SEED + index })) {
          const res = await t.app.inject({
            method: op.method as 'GET',
            url: c.url,
            headers: { ...(await headersFor(credential, c.protocol)), ...(c.body !== undefined ? { 'content-type': 'application/json' } : {}) },
            ...(c.body !== undefined ? { payload: c.body } : {}),
          });
          requests += 1;
          const where = `${op.method} ${op.path} as ${credential}${c.hostile ? ` with ${c.hostile}` : ''} (${c.url.slice(0, 80)})`;
          if (res.statusCode >= 500) {
            serverErrors += 1;
            problems.push(`${where}: ${res.statusCode} ${res.body.slice(0, 200)}`);
            continue;
          }
          if (res.statusCode >= 400) {
            const shape = ApiErrorSchema.safeParse(safeJson(res.body));
            if (!shape.success) problems.push(`${where}: ${res.statusCode} not in the error shape: ${res.body.slice(0, 200)}`);
          }
          // Router-level refusals (a path segment too long, bad percent-encoding) come before any guard.
          const routerRefusal = (res.statusCode === 414 || res.statusCode === 400) && /"code":"(URI_TOO_LONG|BAD_URL)"/.test(res.body);
          if (!op.public && credential !== right && res.statusCode !== 401 && !routerRefusal) {
            problems.push(`${where}: answered ${res.statusCode} without the right credential: ${res.body.slice(0, 200)}`);
          }
        }
      }
    }

    const stored = await forbiddenStoredText(t.database);
    problems.push(...stored.map((s) => `stored: ${s}`));
    console.log(
      `[fuzz ${kind}] routes ${operations.length}, cases ${requests}, 5xx ${serverErrors}, other problems ${problems.length - serverErrors}, ` +
        `seed ${SEED}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(operations.length).toBeGreaterThanOrEqual(40);
    expect(problems).toEqual([]);
  }, 300_000);
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
