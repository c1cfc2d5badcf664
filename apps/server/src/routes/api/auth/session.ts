import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { headOffice } from '@nota/protocol';
import { changeOwnPassword, currentSession, signOut, signOutEverywhere } from '../../../services/auth/own-session';
import { clearSessionCookie } from './cookie';
import { routeOptions } from '../../route-options';


const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.route({
    ...routeOptions(headOffice.auth.session),
    handler: async (request) => currentSession(fastify.db, request.principal!),
  });

  fastify.route({
    ...routeOptions(headOffice.auth.signOut),
    handler: async (request, reply) => {
      await signOut(fastify.db, request.principal!, fastify.now());
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  });

  fastify.route({
    ...routeOptions(headOffice.auth.signOutEverywhere),
    handler: async (request, reply) => {
      await signOutEverywhere(fastify.db, request.principal!, fastify.now());
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  });

  fastify.route({
    ...routeOptions(headOffice.auth.changePassword),
    handler: async (request, reply) => {
      await changeOwnPassword(fastify.db, request.principal!, request.body, fastify.now(), fastify.throttleRules);
      return reply.code(204).send(null);
    },
  });
};
export default routes;
