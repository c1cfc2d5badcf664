import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiError } from '@nota/protocol';
import { HttpError } from '../../services/errors';

// Fastify's own client errors, translated to stable codes registers and scripts can act on.
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_CONTENT_LENGTH',
};

function instancePathToField(path: string): string {
  return path
    .split('/')
    .filter(Boolean)
    .reduce((acc, key) => (/^\d+$/.test(key) ? `${acc}[${key}]` : acc ? `${acc}.${key}` : key), '');
}

/** find-my-way's default: the longest path parameter the router matches. */
const MAX_PARAM_LENGTH = 100;

function uriTooLong(reply: FastifyReply): void {
  void reply.code(414).send({ code: 'URI_TOO_LONG', message: 'A part of the path is longer than any id this API uses.' } satisfies ApiError);
}

/**
 * Errors the router meets before any route or hook runs (Fastify answers them with its own body
 * unless given this as the `frameworkErrors` server option). The path is not echoed: it may be huge.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    uriTooLong(reply);
  } else if (error.code === 'FST_ERR_BAD_URL') {
    void reply.code(400).send({ code: 'BAD_URL', message: 'The path is not valid percent-encoded UTF-8.' } satisfies ApiError);
  } else {
    void reply.code(400).send({ code: 'BAD_REQUEST', message: error.message } satisfies ApiError);
  }
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them: a request line and headers past 16 KB
 * (a path that long), a timeout, bytes that are not HTTP. Fastify's default writes its own body.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, body]: [number, ApiError] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, { code: 'HEADERS_TOO_LARGE', message: 'The request line and headers are larger than 16 KB; no path of this API is that long.' }]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, { code: 'REQUEST_TIMEOUT', message: 'The request did not arrive in time.' }]
        : [400, { code: 'BAD_REQUEST', message: 'The request is not valid HTTP.' }];
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${text}`);
  }
  socket.destroy(error);
}

/** `/api/invoices/:id/pdf` as a test of a request path, segment by segment. */
function pathMatcher(pattern: string): (path: string) => boolean {
  const want = pattern.split('/');
  return (path) => {
    const got = path.split('/');
    return got.length === want.length && want.every((segment, i) => (segment.startsWith(':') ? got[i] !== '' : segment === got[i]));
  };
}

/** Every error leaves as an ApiError; nothing a client sends can produce a 500. */
export default fp(
  async (fastify) => {
    fastify.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
      if (error instanceof HttpError) {
        const body: ApiError = { code: error.code, message: error.message };
        if (error.field) body.field = error.field;
        if (error.details) body.details = error.details;
        if (error.headers) void reply.headers(error.headers);
        return reply.code(error.statusCode).send(body);
      }
      if (hasZodFastifySchemaValidationErrors(error)) {
        const details = error.validation.map((v) => {
          const field = `${error.validationContext ?? 'request'}${v.instancePath ? '.' : ''}${instancePathToField(v.instancePath)}`;
          return { field, code: 'INVALID', message: `${field}: ${v.message}` };
        });
        const first = details[0];
        return reply.code(400).send({
          code: 'INVALID_REQUEST',
          message: first ? first.message : 'The request does not match the schema.',
          ...(first ? { field: first.field } : {}),
          details,
        } satisfies ApiError);
      }
      const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
      if (status < 500) {
        const code = (error.code && FASTIFY_CODES[error.code]) ?? (typeof error.code === 'string' ? error.code : 'BAD_REQUEST');
        return reply.code(status).send({ code, message: error.message } satisfies ApiError);
      }
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send({ code: 'INTERNAL', message: 'The server failed; the request can be retried.' } satisfies ApiError);
    });
    // Which methods each route pattern answers, built once the route table is complete.
    let routes: { matches: (path: string) => boolean; methods: Set<string> }[] | null = null;
    const allowedMethods = (path: string): string[] => {
      if (!routes) {
        const byPattern = new Map<string, Set<string>>();
        for (const { method, url } of fastify.routeTable) {
          const methods = byPattern.get(url) ?? new Set<string>();
          methods.add(method);
          if (method === 'GET') methods.add('HEAD');
          byPattern.set(url, methods);
        }
        routes = [...byPattern].map(([url, methods]) => ({ matches: pathMatcher(url), methods }));
      }
      const allowed = new Set<string>();
      for (const route of routes) if (route.matches(path)) for (const method of route.methods) allowed.add(method);
      return [...allowed].sort();
    };

    fastify.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      // The router says so itself (frameworkErrors) unless a wildcard route, such as the back office's
      // pages, took the path first and handed it back here.
      if (path.split('/').some((segment) => segment.length > MAX_PARAM_LENGTH)) return uriTooLong(reply);
      const allowed = allowedMethods(path);
      if (allowed.length > 0) {
        return reply
          .code(405)
          .header('allow', allowed.join(', '))
          .send({ code: 'METHOD_NOT_ALLOWED', message: `${path.slice(0, 200)} answers ${allowed.join(', ')}, not ${request.method}.` } satisfies ApiError);
      }
      return reply.code(404).send({ code: 'NOT_FOUND', message: `No route ${request.method} ${path.slice(0, 200)}.` } satisfies ApiError);
    });
  },
  { name: 'error-handler' },
);
