import type { FastifyPluginAsync } from 'fastify';
import syncEnrol from '../api/sync/enrol';
import syncLease from '../api/sync/lease';
import syncPull from '../api/sync/pull';
import syncPush from '../api/sync/push';
import syncSetAside from '../api/sync/set-aside';
import { guard, recordAccess } from './access';

/** What registers call: the register's token (enrolment: its one-time code) and the protocol version. */
const group: FastifyPluginAsync<{ enrolRateLimit: number }> = async (fastify, opts) => {
  fastify.addHook('onRoute', (route) => {
    guard(route, route.config?.enrolment ? [fastify.requireProtocol] : [fastify.requireRegister, fastify.requireProtocol]);
    recordAccess(fastify, route, 'sync');
  });
  await fastify.register(syncEnrol, { enrolRateLimit: opts.enrolRateLimit });
  await fastify.register(syncPush);
  await fastify.register(syncPull);
  await fastify.register(syncLease);
  await fastify.register(syncSetAside);
};
export default group;
