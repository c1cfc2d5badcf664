import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headOfficeRoutes } from '@nota/protocol';
import { createTestApp, type TestApp } from '../test-support/test-app';
import type { RouteAccess } from '../types';

// The head-office contract is the route map in packages/protocol. This test keeps the server to it: every
// entry is registered, in the group its roles say, with its roles and its shapes; and every route the
// head-office group registers has an entry, so no route can be added beside the map.

describe('the server and the head-office route map', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  }, 120_000);
  afterAll(() => t?.close());

  const key = (method: string, url: string) => `${method} ${url}`;
  const registered = () => new Map(t.app.routeAccess.map((r) => [key(r.method, r.url), r]));

  it('registers every route of the map with its roles, in the group they say', () => {
    const routes = registered();
    const missing: string[] = [];
    for (const { name, route } of headOfficeRoutes()) {
      const found = routes.get(key(route.method, route.path));
      if (!found) {
        missing.push(`${name}: ${key(route.method, route.path)}`);
        continue;
      }
      expect({ name, group: found.group }).toEqual({ name, group: route.roles.length === 0 ? 'public' : 'head-office' });
      expect({ name, roles: [...found.roles], sessionOnly: found.sessionOnly }).toEqual({ name, roles: [...route.roles], sessionOnly: route.sessionOnly ?? false });
    }
    expect(missing, 'routes of the map the server does not register').toEqual([]);
  });

  it('registers each with the shapes of its entry', () => {
    const routes = registered();
    for (const { name, route } of headOfficeRoutes()) {
      const found = routes.get(key(route.method, route.path));
      if (!found) continue; // reported by the test above
      const schema = found.schema as Record<string, unknown> & { response: Record<number, unknown> };
      const same = (a: unknown, b: unknown) => a === b;
      expect({ name, params: same(schema.params, route.params), query: same(schema.querystring, route.query), body: same(schema.body, route.body) }).toEqual({ name, params: true, query: true, body: true });
      expect({ name, response: same(schema.response[route.status ?? 200], route.response) }).toEqual({ name, response: true });
    }
  });

  it('has an entry for every head-office route the server registers', () => {
    const inMap = new Set(headOfficeRoutes().map(({ route }) => key(route.method, route.path)));
    const outside = t.app.routeAccess.filter((r: RouteAccess) => (r.group === 'head-office' || r.url.startsWith('/api/auth/')) && !inMap.has(key(r.method, r.url)));
    expect(outside.map((r) => key(r.method, r.url)), 'add these to headOffice in packages/protocol/src/head-office/routes.ts').toEqual([]);
  });

});
