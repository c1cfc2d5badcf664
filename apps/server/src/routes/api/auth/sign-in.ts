import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AUTH_ROUTES, SessionInfo, SetupRequest, SignInRequest } from '@nota/protocol';
import { errorResponses } from '../../../schemas/admin';
import { setUpFirstAdministrator } from '../../../services/auth/first-administrator';
import { signIn, sessionInfo } from '../../../services/auth/sign-in';
import { setSessionCookie } from './cookie';

/** Signing in, and creating the first administrator with the printed set-up code: the public auth routes. */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    AUTH_ROUTES.signIn.path,
    { schema: { body: SignInRequest, response: { 200: SessionInfo, ...errorResponses } } },
    async (request, reply) => {
      const rules = { throttle: fastify.throttleRules, session: fastify.sessionRules };
      const { user, session } = await signIn(fastify.db, { ...request.body, ip: request.ip }, fastify.now(), rules);
      setSessionCookie(request, reply, session);
      request.log.info({ userId: user.id }, 'signed in');
      return sessionInfo(user, session);
    },
  );

  fastify.post(
    AUTH_ROUTES.setup.path,
    {
      // The code is the credential: not guessable by volume.
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { body: SetupRequest, response: { 200: SessionInfo, ...errorResponses } },
    },
    async (request, reply) => {
      const { user, session } = await setUpFirstAdministrator(fastify.db, request.body, fastify.now(), fastify.sessionRules);
      setSessionCookie(request, reply, session);
      request.log.info({ userId: user.id }, 'first administrator created');
      return sessionInfo(user, session);
    },
  );
};
export default routes;
