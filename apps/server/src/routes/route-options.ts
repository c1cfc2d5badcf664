import type { FastifyContextConfig } from 'fastify';
import type { HeadOfficeRoute } from '@nota/protocol';
import { errorResponses } from '../schemas/admin';

type Part<R, K extends string> = R extends { [k in K]: infer S } ? S : undefined;
type Status<R> = R extends { status: 204 } ? 204 : 200;

/** The fastify schema of a route of the map, typed so the handler's request and answer follow it. */
export interface RouteSchema<R extends HeadOfficeRoute> {
  params: Part<R, 'params'>;
  querystring: Part<R, 'query'>;
  body: Part<R, 'body'>;
  response: { [S in Status<R>]: R['response'] } & typeof errorResponses;
  produces?: string[];
}

/**
 * Method, url, schema and roles of a head-office route from its entry in `headOffice` (packages/protocol):
 * `fastify.route({ ...routeOptions(headOffice.customers.list), handler })`. The handler's request and its
 * answer are typed by the entry, so a misspelt path or shape is a type error, not a drifted contract.
 * `config` adds server-only settings, such as a route's own rate limit.
 */
export function routeOptions<const R extends HeadOfficeRoute>(route: R, config: FastifyContextConfig = {}) {
  const schema = {
    ...(route.params ? { params: route.params } : {}),
    ...(route.query ? { querystring: route.query } : {}),
    ...(route.body ? { body: route.body } : {}),
    ...(route.produces ? { produces: [...route.produces] } : {}),
    response: { [route.status ?? 200]: route.response, ...errorResponses },
  } as unknown as RouteSchema<R>;
  return {
    method: route.method,
    url: route.path,
    schema,
    config: { ...(route.roles.length > 0 ? { roles: route.roles } : {}), ...(route.sessionOnly ? { sessionOnly: true } : {}), ...config },
  };
}
