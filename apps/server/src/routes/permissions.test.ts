import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, CSRF_HEADER, PROTOCOL_HEADER, PROTOCOL_VERSION, SESSION_COOKIE } from '@nota/protocol';
import { createSession, DEFAULT_SESSION_RULES } from '../services/auth/sessions';
import { createUser } from '../test-support/back-office';
import { createTestApp, enrolRegister, expectJson, TEST_API_KEY, type TestApp } from '../test-support/test-app';
import type { RouteAccess } from '../types';
import { guardHeadOffice } from './groups/head-office';

// The permission matrix: every route the server registers, called by every kind of caller, answers
// as the policy below says: refused (401/403, no data) or let through to the route (anything else).
// The policy is written out here, route by route, so a new route fails this test until someone
// decides who may call it, and a changed rule shows up in review.

type Caller = 'anonymous' | 'register' | 'administrator' | 'head-office' | 'store-manager' | 'api-key';
const CALLERS: Caller[] = ['anonymous', 'register', 'administrator', 'head-office', 'store-manager', 'api-key'];

/** Who may call each route. `public`: anyone; `register`: a register's token; `enrolment`: anyone with the protocol. */
type Rule = 'public' | 'register' | 'enrolment' | 'admin' | 'books' | 'everyone' | 'own-session' | 'admin-only-person';
const POLICY: Record<string, Rule> = {
  'GET /healthz': 'public',
  'GET /docs/json': 'public',
  // The back office's page and files (never for /api, /docs or /healthz: plugins/app/backoffice.test.ts).
  'GET /*': 'public',
  'POST /api/auth/sign-in': 'public',
  'POST /api/auth/setup': 'public',

  'POST /api/sync/enrol': 'enrolment',
  'POST /api/sync/push': 'register',
  'GET /api/sync/pull': 'register',
  'POST /api/sync/customer-numbers/lease': 'register',
  'POST /api/sync/set-aside': 'register',

  'GET /api/auth/session': 'own-session',
  'POST /api/auth/sign-out': 'own-session',
  'POST /api/auth/sign-out-everywhere': 'own-session',
  'POST /api/auth/password': 'own-session',

  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'PATCH /api/users/:id': 'admin',
  'POST /api/users/:id/password': 'admin',
  'GET /api/api-keys': 'admin',
  'POST /api/api-keys': 'admin',
  'POST /api/api-keys/:id/revoke': 'admin',
  'GET /api/audit': 'admin',
  'PUT /api/agresso/connection': 'admin',

  'POST /api/cost-centres': 'books',
  'GET /api/products': 'books',
  'GET /api/products/:id': 'books',
  'PUT /api/products/:id': 'books',
  'GET /api/product-groups': 'books',
  'PUT /api/product-groups/:id': 'books',
  'GET /api/vat-rates': 'books',
  'PUT /api/settings/:key': 'books',
  'POST /api/customers': 'books',
  'PUT /api/customers/:id': 'books',
  'GET /api/customer-conflicts': 'books',
  'PUT /api/customers/:id/payment-terms': 'books',
  'GET /api/invoicing/seller': 'books',
  'PUT /api/invoicing/seller': 'books',
  'GET /api/accounting/mapping': 'books',
  'PUT /api/accounting/mapping': 'books',
  'GET /api/agresso/connection': 'books',
  'POST /api/agresso/connection/test': 'books',
  'GET /api/invoices/count': 'books',
  'GET /api/invoices/:id/gl07': 'books',
  'POST /api/invoices/:id/activate': 'books',
  'PUT /api/invoices/:id/customer': 'books',
  'POST /api/invoices/:id/credit': 'books',
  'GET /api/exports': 'books',
  'GET /api/exports/batches': 'books',
  'GET /api/exports/batches/:number': 'books',
  'POST /api/exports/:id/retry': 'books',
  'POST /api/exports/retry-failed': 'books',
  // Switching a store's ways to pay is head office's (routes/api/admin/payment-methods.ts says why).
  'PUT /api/payment-methods/:method/cost-centres/:costCentreCode': 'books',

  // A store manager's own cost centres only (checked by the routes, see store-manager-scope.test.ts).
  'POST /api/registers': 'everyone',
  'GET /api/registers': 'everyone',
  'POST /api/registers/:id/enrolment-code': 'everyone',
  'POST /api/registers/:id/revoke': 'everyone',
  'PUT /api/register-users/:id': 'everyone',
  'GET /api/customers': 'everyone',
  'GET /api/customers/:id': 'everyone',
  'GET /api/cost-centres': 'everyone',
  'GET /api/sync/rejected-events': 'everyone',
  'GET /api/sync/set-aside-changes': 'everyone',
  'GET /api/sales': 'everyone',
  'GET /api/sales/count': 'everyone',
  'GET /api/invoices': 'everyone',
  'GET /api/invoices/:id': 'everyone',
  'GET /api/invoices/:id/pdf': 'everyone',
  'GET /api/payment-methods': 'everyone',
};

function mayCall(rule: Rule, caller: Caller): boolean {
  switch (rule) {
    case 'public':
    case 'enrolment':
      return true;
    case 'register':
      return caller === 'register';
    case 'own-session':
      return ['administrator', 'head-office', 'store-manager'].includes(caller);
    case 'admin':
      return caller === 'administrator' || caller === 'api-key';
    case 'books':
      return ['administrator', 'head-office', 'api-key'].includes(caller);
    case 'everyone':
      return ['administrator', 'head-office', 'store-manager', 'api-key'].includes(caller);
    default:
      return false;
  }
}

/** What the route's declaration says, in the policy's words. */
function declared(r: RouteAccess): Rule {
  if (r.group === 'public') return 'public';
  if (r.group === 'sync') return r.enrolment ? 'enrolment' : 'register';
  if (r.sessionOnly) return 'own-session';
  const roles = [...r.roles].sort().join(',');
  if (roles === 'administrator') return 'admin';
  if (roles === 'administrator,head-office') return 'books';
  if (roles === 'administrator,head-office,store-manager') return 'everyone';
  return 'admin-only-person';
}

describe('the permission matrix', () => {
  let t: TestApp;
  let registerToken: string;
  const userIds = new Map<Caller, string>();

  beforeAll(async () => {
    t = await createTestApp('pglite');
    ({ token: registerToken } = await enrolRegister(t));
    expectJson(await t.app.inject({ method: 'POST', url: '/api/cost-centres', headers: t.adminHeaders, payload: { code: 'A', name: 'Butik A' } }), 200);
    userIds.set('administrator', (await createUser(t, { username: 'ada', role: 'administrator' })).id);
    userIds.set('head-office', (await createUser(t, { username: 'hugo', role: 'head-office' })).id);
    userIds.set('store-manager', (await createUser(t, { username: 'stina', role: 'store-manager', costCentres: ['A'] })).id);
  }, 120_000);
  afterAll(() => t?.close());

  /** A fresh session per request: sign-out routes end the one they are called with. */
  async function headersFor(caller: Caller): Promise<Record<string, string>> {
    const protocol = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
    if (caller === 'anonymous') return protocol;
    if (caller === 'register') return { ...protocol, authorization: `Bearer ${registerToken}` };
    if (caller === 'api-key') return { ...protocol, authorization: `Bearer ${TEST_API_KEY}` };
    const session = await t.database.transaction((tx) => createSession(tx, userIds.get(caller)!, new Date(), DEFAULT_SESSION_RULES));
    return { ...protocol, cookie: `${SESSION_COOKIE}=${session.id}`, [CSRF_HEADER]: session.csrfToken };
  }

  it('has a written rule for every route the server registers, and the routes declare that rule', () => {
    const registered = t.app.routeTable.map((r) => `${r.method} ${r.url}`).sort();
    const access = new Map(t.app.routeAccess.map((r) => [`${r.method} ${r.url}`, r]));
    // Every registered route went through a group (and so through its guard).
    expect(registered.filter((r) => !access.has(r))).toEqual([]);
    expect(registered).toEqual(Object.keys(POLICY).sort());
    const mismatched = [...access].filter(([route, r]) => declared(r) !== POLICY[route]).map(([route, r]) => `${route}: declared ${declared(r)}, policy ${POLICY[route]}`);
    expect(mismatched).toEqual([]);
  });

  it('answers every route, for every caller, as the policy says', async () => {
    const problems: string[] = [];
    let requests = 0;
    for (const { method, url } of t.app.routeTable) {
      const rule = POLICY[`${method} ${url}`];
      if (!rule) continue;
      const path = url.replace(':id', randomUUID()).replace(':key', 'receipt-footer').replace(':number', '1').replace(':method', 'card').replace(':costCentreCode', 'A');
      for (const caller of CALLERS) {
        const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
        const res = await t.app.inject({
          method: method as 'GET',
          url: path,
          headers: { ...(await headersFor(caller)), ...(hasBody ? { 'content-type': 'application/json' } : {}) },
          ...(hasBody ? { payload: '{}' } : {}),
        });
        requests += 1;
        const refused = res.statusCode === 401 || (res.statusCode === 403 && res.json().code === 'FORBIDDEN');
        const where = `${method} ${url} as ${caller}: ${res.statusCode} ${res.body.slice(0, 120)}`;
        if (mayCall(rule, caller)) {
          if (res.statusCode === 401 || res.statusCode === 403) problems.push(`refused, but the policy lets it through: ${where}`);
          if (res.statusCode >= 500) problems.push(`failed: ${where}`);
        } else {
          if (!refused) problems.push(`let through, but the policy refuses it: ${where}`);
          // A refusal carries the error shape and nothing else.
          else if (!ApiErrorSchema.strict().safeParse(res.json()).success) problems.push(`refusal with more than an error: ${where}`);
        }
      }
    }
    expect(requests).toBe(Object.keys(POLICY).length * CALLERS.length);
    expect(problems).toEqual([]);
  }, 300_000);

  it('refuses to start with a head-office route that declares no roles, and guards one that does', async () => {
    const bare = async () => {
      const app = Fastify({ logger: false });
      app.decorate('requireHeadOffice', async () => undefined);
      app.decorate('routeAccess', []);
      return app;
    };
    const forgetful = await bare();
    await expect(
      forgetful.register(async (scope) => {
        guardHeadOffice(scope);
        scope.get('/api/forgotten', async () => ({ secret: true }));
      }),
    ).rejects.toThrow('GET /api/forgotten is a head-office route without config.roles');

    const careful = await bare();
    const seen: unknown[] = [];
    careful.addHook('onRoute', (route) => void seen.push(route));
    await careful.register(async (scope) => {
      guardHeadOffice(scope);
      scope.get('/api/declared', { config: { roles: ['administrator'] } }, async () => ({ ok: true }));
    });
    await careful.ready();
    expect(careful.routeAccess).toEqual([{ method: 'GET', url: '/api/declared', group: 'head-office', roles: ['administrator'], sessionOnly: false, enrolment: false }]);
    expect([(seen[0] as { onRequest: unknown }).onRequest].flat()).toContain(careful.requireHeadOffice);
    await careful.close();
  });
});
