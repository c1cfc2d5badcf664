import swagger, { type SwaggerTransform, type SwaggerTransformObject } from '@fastify/swagger';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '@nota/protocol';

const ERROR_DESCRIPTIONS: Record<string, string> = {
  400: 'The request is not valid; `field` and `details` name what is wrong.',
  401: 'No valid credential: a back-office session (cookie) or `Authorization: Bearer ...`.',
  403: 'The caller\'s role may not do this (FORBIDDEN), it is outside its cost centres (OUT_OF_SCOPE), or a write lacks the CSRF token.',
  404: 'No such record.',
  409: 'The record is not in a state that allows this.',
  410: 'Gone.',
  413: 'The body is too large.',
  426: 'The register speaks another protocol version (`nota-protocol`); update it.',
  429: 'Too many attempts; try again later.',
};

const protocolHeader = {
  type: 'object',
  properties: {
    [PROTOCOL_HEADER]: { type: 'string', enum: [String(PROTOCOL_VERSION)], description: 'The sync protocol version the register speaks.' },
  },
  required: [PROTOCOL_HEADER],
};

/** The header is declared wherever the guard that demands it runs, so the two cannot drift apart. */
function transform(fastify: FastifyInstance): SwaggerTransform {
  return (input) => {
    const output = jsonSchemaTransform(input as Parameters<typeof jsonSchemaTransform>[0]);
    const guards = [input.route.onRequest ?? []].flat();
    if (guards.includes(fastify.requireProtocol)) output.schema = { ...output.schema, headers: protocolHeader };
    return output;
  };
}

type Responses = Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;

/**
 * A route that produces a PDF or XML answers errors as JSON all the same; @fastify/swagger lists every
 * answer under the route's `produces`, so error answers are put back under application/json.
 */
const errorsAsJson: SwaggerTransformObject = (document) => {
  const openapi = 'openapiObject' in document ? document.openapiObject : document.swaggerObject;
  for (const methods of Object.values(openapi.paths ?? {})) {
    for (const operation of Object.values(methods ?? {})) {
      const responses = (operation as { responses?: Responses } | undefined)?.responses;
      for (const [status, response] of Object.entries(responses ?? {})) {
        if (Number(status) < 400) continue;
        const schema = Object.values(response.content ?? {})[0]?.schema;
        if (schema) response.content = { 'application/json': { schema } };
        if (response.description === 'Default Response' && ERROR_DESCRIPTIONS[status]) response.description = ERROR_DESCRIPTIONS[status];
      }
    }
  }
  return openapi;
};

export default fp(
  async (fastify) => {
    await fastify.register(swagger, {
      openapi: {
        info: { title: 'Nota server', version: `protocol ${PROTOCOL_VERSION}` },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
      },
      transform: transform(fastify),
      transformObject: errorsAsJson,
    });
  },
  { name: 'swagger' },
);
