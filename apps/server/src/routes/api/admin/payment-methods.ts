import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { headOffice } from '@nota/protocol';
import { scopeOf } from '../../../services/auth/principal';
import { listPaymentMethods, setPaymentMethodActivation } from '../../../services/payment-methods';
import { routeOptions } from '../../route-options';

/**
 * PAYMENT METHODS. A store manager sees its own cost centres' methods but does not switch them:
 * which ways to pay a store offers is set up with the chart of accounts and the Agresso integration,
 * head office's work (the seed's set-up guide), and invoice sales become head office's receivables.
 */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.route({
    ...routeOptions(headOffice.paymentMethods.list),
    handler: async (request) => fastify.db.read((db) => listPaymentMethods(db, scopeOf(request.principal!))),
  });

  fastify.route({
    ...routeOptions(headOffice.paymentMethods.setActivation),
    handler: async (request) =>
      fastify.db.transaction((tx) =>
        setPaymentMethodActivation(tx, request.principal ?? null, { ...request.params, active: request.body.active }, fastify.now()),
      ),
  });
};
export default routes;
