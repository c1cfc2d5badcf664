import type { FastifyInstance, RouteOptions } from 'fastify';
import type { RouteAccess } from '../../types';

/** Records a route's group and declaration in `fastify.routeAccess` (the permission matrix reads it). */
export function recordAccess(fastify: FastifyInstance, route: RouteOptions, group: RouteAccess['group']): void {
  const list = fastify.routeAccess as RouteAccess[];
  for (const method of [route.method].flat()) {
    if (method === 'HEAD') continue;
    list.push({ method, url: route.url, group, roles: route.config?.roles ?? [], sessionOnly: route.config?.sessionOnly ?? false, enrolment: route.config?.enrolment ?? false, schema: route.schema });
  }
}

/** Puts `guards` before the route's own onRequest hooks (where the OpenAPI transform also sees them). */
export function guard(route: RouteOptions, guards: NonNullable<RouteOptions['onRequest']>): void {
  route.onRequest = [...[guards].flat(), ...[route.onRequest ?? []].flat()];
}
