import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import app from './app';
import { clientErrorHandler, frameworkErrors } from './plugins/external/error-handler';
import type { AppOptions } from './options';
import { loggableError } from './services/loggable-error';

export const BODY_LIMIT = 5 * 1024 * 1024;

/** Secrets travel in this header; pino blanks it wherever a request's headers are logged. */
export const REDACT = ['req.headers.authorization', 'req.headers.cookie'];

export function loggerOptions(overrides: Record<string, unknown> = {}): FastifyServerOptions['logger'] {
  return {
    level: process.env.LOG_LEVEL ?? 'info',
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; headers: Record<string, unknown>; ip?: string }) => ({
        method: req.method,
        url: req.url,
        headers: req.headers,
        remoteAddress: req.ip,
      }),
    },
    ...overrides,
  };
}

/** Whatever logger a caller configures, errors are logged without the values of failed queries. */
function withLoggableErrors(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (logger === undefined || logger === true) return withLoggableErrors(loggerOptions());
  if (!logger || typeof logger !== 'object') return logger;
  const serializers = { ...(logger as { serializers?: Record<string, unknown> }).serializers, err: loggableError, error: loggableError };
  return { ...logger, serializers } as FastifyServerOptions['logger'];
}

/** A ready server: tests use `inject`, the load generator `listen({ port: 0 })`. */
export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const fastify = Fastify({
    logger: withLoggableErrors(options.logger),
    bodyLimit: BODY_LIMIT,
    // Registers retry on failure anyway; an id per request ties its log lines together.
    requestIdHeader: 'x-request-id',
    trustProxy: options.trustProxy ?? false,
    frameworkErrors,
    clientErrorHandler,
    // Start-up migrates the database and hashes the first administrator's password (Argon2id): on a
    // new data folder and a busy 2-core box that outlasts Fastify's 10 s default, and a server that
    // gives up half-way through its first start helps nobody.
    pluginTimeout: 300_000,
  });
  // The route table, so tests can prove every /api route is guarded and documented.
  const routeTable: { method: string; url: string }[] = [];
  fastify.decorate('routeTable', routeTable);
  // Filled by the route groups (routes/groups): each route's group and declared roles.
  fastify.decorate('routeAccess', []);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeTable.push({ method, url: route.url });
  });
  await fastify.register(app, options);
  await fastify.ready();
  return fastify;
}
