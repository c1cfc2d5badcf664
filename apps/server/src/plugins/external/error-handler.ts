import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
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

/** Every error leaves as an ApiError; nothing a client sends can produce a 500. */
export default fp(
  async (fastify) => {
    fastify.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
      if (error instanceof HttpError) {
        const body: ApiError = { code: error.code, message: error.message };
        if (error.field) body.field = error.field;
        if (error.details) body.details = error.details;
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
    fastify.setNotFoundHandler((request, reply) =>
      reply.code(404).send({ code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}.` }),
    );
  },
  { name: 'error-handler' },
);
