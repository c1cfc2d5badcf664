import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { headOfficeRoutes, PUBLIC } from './routes';

describe('the head-office route map', () => {
  const routes = headOfficeRoutes();

  it('names each path parameter in its params schema, and nothing else', () => {
    for (const { name, route } of routes) {
      const inPath = [...route.path.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1]).sort();
      const inSchema = route.params instanceof z.ZodObject ? Object.keys(route.params.shape).sort() : [];
      expect(inSchema, name).toEqual(inPath);
    }
  });

  it('has one entry per method and path', () => {
    const keys = routes.map(({ route }) => `${route.method} ${route.path}`);
    expect(keys.length).toBeGreaterThan(50);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('answers 204 with no content, and only the sign-in routes are public', () => {
    for (const { name, route } of routes) {
      if (route.status === 204) expect(route.response.safeParse(null).success, name).toBe(true);
      if (route.roles === PUBLIC || route.roles.length === 0) expect(name, 'a public route').toMatch(/^auth\.(signIn|setup)$/);
      if (route.method === 'GET') expect(route.body, `${name} is a GET with a body`).toBeUndefined();
    }
  });
});
