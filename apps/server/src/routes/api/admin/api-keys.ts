import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { headOffice } from '@nota/protocol';
import { audit } from '../../../services/audit';
import { createApiKey, findApiKey, listApiKeys, revokeApiKey, toApiKeyView } from '../../../services/auth/api-keys';
import { HttpError } from '../../../services/errors';
import { routeOptions } from '../../route-options';

/** Administrators make keys for scripts and integrations: shown once, revocable. */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.route({
    ...routeOptions(headOffice.apiKeys.list),
    handler: async () => ({ apiKeys: await fastify.db.read((db) => listApiKeys(db)) }),
  });

  fastify.route({
    ...routeOptions(headOffice.apiKeys.create),
    handler: async (request) => {
      const now = fastify.now();
      return fastify.db.transaction(async (tx) => {
        const { row, key } = await createApiKey(tx, request.body, now);
        await audit(tx, request.principal, { entity: 'api-key', entityId: row.id, action: 'create', newValue: toApiKeyView(row) }, now);
        return { apiKey: toApiKeyView(row), key };
      });
    },
  });

  fastify.route({
    ...routeOptions(headOffice.apiKeys.revoke),
    handler: async (request) => {
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
  });
};
export default routes;
