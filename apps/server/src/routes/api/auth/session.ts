import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AUTH_ROUTES, ChangePasswordRequest, SessionInfo } from '@nota/protocol';
import { errorResponses } from '../../../schemas/admin';
import { changeOwnPassword, currentSession, signOut, signOutEverywhere } from '../../../services/auth/own-session';
import { ALL_ROLES } from '../../../services/auth/principal';
import { clearSessionCookie } from './cookie';

// A person's own session: every role, and only with the session cookie (an API key has no session).
const own = { roles: ALL_ROLES, sessionOnly: true };
const noContent = { 204: z.null().describe('Done'), ...errorResponses };

const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(AUTH_ROUTES.session.path, { config: own, schema: { response: { 200: SessionInfo, ...errorResponses } } }, async (request) =>
    currentSession(fastify.db, request.principal!),
  );

  fastify.post(AUTH_ROUTES.signOut.path, { config: own, schema: { response: noContent } }, async (request, reply) => {
    await signOut(fastify.db, request.principal!, fastify.now());
    clearSessionCookie(request, reply);
    return reply.code(204).send(null);
  });

  fastify.post(AUTH_ROUTES.signOutEverywhere.path, { config: own, schema: { response: noContent } }, async (request, reply) => {
    await signOutEverywhere(fastify.db, request.principal!, fastify.now());
    clearSessionCookie(request, reply);
    return reply.code(204).send(null);
  });

  fastify.post(AUTH_ROUTES.changePassword.path, { config: own, schema: { body: ChangePasswordRequest, response: noContent } }, async (request, reply) => {
    await changeOwnPassword(fastify.db, request.principal!, request.body, fastify.now(), fastify.throttleRules);
    return reply.code(204).send(null);
  });
};
export default routes;
