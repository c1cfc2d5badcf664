import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINISTRATION_ROUTES, ApiKeyView, CreateApiKeyRequest, CreatedApiKey } from '@nota/protocol';
import { UuidParams, errorResponses } from '../../../schemas/admin';
import { audit } from '../../../services/audit';
import { createApiKey, findApiKey, listApiKeys, revokeApiKey, toApiKeyView } from '../../../services/auth/api-keys';
import { ADMINISTRATORS } from '../../../services/auth/principal';
import { HttpError } from '../../../services/errors';

/** Administrators make keys for scripts and integrations: shown once, revocable. */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  const config = { roles: ADMINISTRATORS };

  fastify.get(
    ADMINISTRATION_ROUTES.listApiKeys.path,
    { config, schema: { response: { 200: z.object({ apiKeys: z.array(ApiKeyView) }), ...errorResponses } } },
    async () => ({ apiKeys: await fastify.db.read((db) => listApiKeys(db)) }),
  );

  fastify.post(
    ADMINISTRATION_ROUTES.createApiKey.path,
    { config, schema: { body: CreateApiKeyRequest, response: { 200: CreatedApiKey, ...errorResponses } } },
    async (request) => {
      const now = fastify.now();
      return fastify.db.transaction(async (tx) => {
        const { row, key } = await createApiKey(tx, request.body, now);
        await audit(tx, request.principal, { entity: 'api-key', entityId: row.id, action: 'create', newValue: toApiKeyView(row) }, now);
        return { apiKey: toApiKeyView(row), key };
      });
    },
  );

  fastify.post(
    ADMINISTRATION_ROUTES.revokeApiKey.path,
    { config, schema: { params: UuidParams, response: { 200: z.object({ apiKey: ApiKeyView }), ...errorResponses } } },
    async (request) => {
      const now = fastify.now();
      return fastify.db.transaction(async (tx) => {
        const before = await findApiKey(tx, request.params.id);
        if (!before) throw new HttpError(404, 'UNKNOWN_API_KEY', `API key ${request.params.id} does not exist.`);
        if (before.revokedAt) return { apiKey: toApiKeyView(before) };
        const after = await revokeApiKey(tx, before.id, now);
        await audit(tx, request.principal, { entity: 'api-key', entityId: after.id, action: 'revoke', oldValue: toApiKeyView(before), newValue: toApiKeyView(after) }, now);
        return { apiKey: toApiKeyView(after) };
      });
    },
  );
};
export default routes;
