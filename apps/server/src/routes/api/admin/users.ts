import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { headOffice } from '@nota/protocol';
import { audit } from '../../../services/audit';
import { hashPassword } from '../../../services/auth/passwords';
import { revokeUserSessions } from '../../../services/auth/sessions';
import { clearKey, userKey } from '../../../services/auth/sign-in-throttle';
import { findUser, insertUser, listUsers, setPasswordHash, toUserView, updateUser } from '../../../services/auth/users';
import { HttpError } from '../../../services/errors';
import { routeOptions } from '../../route-options';

const unknownUser = (id: string) => new HttpError(404, 'UNKNOWN_USER', `User ${id} does not exist.`);

/** Administrators manage the back office's users. */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.route({
    ...routeOptions(headOffice.users.list),
    handler: async () => ({
      users: await fastify.db.read((db) => listUsers(db)),
    }),
  });

  fastify.route({
    ...routeOptions(headOffice.users.create),
    handler: async (request) => {
      const { password, ...fields } = request.body;
      const passwordHash = await hashPassword(password);
      const now = fastify.now();
      const user = await fastify.db.transaction(async (tx) => {
        const row = await insertUser(tx, fields, passwordHash, now);
        await audit(tx, request.principal, { entity: 'backoffice-user', entityId: row.id, action: 'create', newValue: toUserView(row) }, now);
        return row;
      });
      return { user: toUserView(user) };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.users.update),
    handler: async (request) => {
      const now = fastify.now();
      const user = await fastify.db.transaction(async (tx) => {
        const before = await findUser(tx, request.params.id);
        if (!before) throw unknownUser(request.params.id);
        const after = await updateUser(tx, before, request.body, now);
        // A disabled user is signed out at once; a new role or scope applies from the next request anyway.
        if (after.disabledAt) await revokeUserSessions(tx, after.id, now);
        await audit(tx, request.principal, { entity: 'backoffice-user', entityId: after.id, action: 'update', oldValue: toUserView(before), newValue: toUserView(after) }, now);
        return after;
      });
      return { user: toUserView(user) };
    },
  });

  fastify.route({
    ...routeOptions(headOffice.users.resetPassword),
    handler: async (request, reply) => {
      const passwordHash = await hashPassword(request.body.password);
      const now = fastify.now();
      await fastify.db.transaction(async (tx) => {
        const user = await findUser(tx, request.params.id);
        if (!user) throw unknownUser(request.params.id);
        await setPasswordHash(tx, user.id, passwordHash, now);
        await revokeUserSessions(tx, user.id, now);
        await clearKey(tx, userKey(user.username));
        await audit(tx, request.principal, { entity: 'backoffice-user', entityId: user.id, action: 'password-reset', oldValue: { password: 'old' }, newValue: { password: 'new' } }, now);
      });
      return reply.code(204).send(null);
    },
  });
};
export default routes;
