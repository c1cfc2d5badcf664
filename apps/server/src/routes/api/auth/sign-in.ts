import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { headOffice } from '@nota/protocol';
import { setUpFirstAdministrator } from '../../../services/auth/first-administrator';
import { signIn, sessionInfo } from '../../../services/auth/sign-in';
import { setSessionCookie } from './cookie';
import { routeOptions } from '../../route-options';

/** Signing in, and creating the first administrator with the printed set-up code: the public auth routes. */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.route({
    ...routeOptions(headOffice.auth.signIn),
    handler: async (request, reply) => {
      const rules = { throttle: fastify.throttleRules, session: fastify.sessionRules };
      const { user, session } = await signIn(fastify.db, { ...request.body, ip: request.ip }, fastify.now(), rules);
      setSessionCookie(request, reply, session);
      request.log.info({ userId: user.id }, 'signed in');
      return sessionInfo(user, session);
    },
  });

  // The code is the credential: not guessable by volume.
  fastify.route({
    ...routeOptions(headOffice.auth.setup, { rateLimit: { max: 10, timeWindow: '1 minute' } }),
    handler: async (request, reply) => {
      const { user, session } = await setUpFirstAdministrator(fastify.db, request.body, fastify.now(), fastify.sessionRules);
      setSessionCookie(request, reply, session);
      request.log.info({ userId: user.id }, 'first administrator created');
      return sessionInfo(user, session);
    },
  });
};
export default routes;
