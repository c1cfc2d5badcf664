import type { FastifyPluginAsync } from 'fastify';
import type { AppOptions } from '../../options';
import backoffice from '../../plugins/app/backoffice';
import signIn from '../api/auth/sign-in';
import health from '../public';
import { recordAccess } from './access';

/** Routes anyone may call: health, the OpenAPI document, signing in and the first set-up, the back office's page. */
const group: FastifyPluginAsync<AppOptions> = async (fastify, opts) => {
  fastify.addHook('onRoute', (route) => {
    // The document says so, and the fuzzer sends these without credentials.
    route.schema = { ...route.schema, security: [] };
    recordAccess(fastify, route, 'public');
  });
  await fastify.register(health);
  await fastify.register(signIn);
  await fastify.register(backoffice, opts);
};
export default group;
