import type { FastifyPluginAsync } from 'fastify';
import signIn from '../api/auth/sign-in';
import health from '../public';
import { recordAccess } from './access';

/** Routes anyone may call: health, the OpenAPI document, signing in and the first set-up. */
const group: FastifyPluginAsync = async (fastify) => {
  fastify.addHook('onRoute', (route) => {
    // The document says so, and the fuzzer sends these without credentials.
    route.schema = { ...route.schema, security: [] };
    recordAccess(fastify, route, 'public');
  });
  await fastify.register(health);
  await fastify.register(signIn);
};
export default group;
