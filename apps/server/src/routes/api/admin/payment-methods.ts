import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  PAYMENT_METHOD_ROUTES,
  PaymentMethodActivationParams,
  PaymentMethodActivationResponse,
  PaymentMethodsResponse,
  SetPaymentMethodActivation,
} from '@nota/protocol';
import { errorResponses } from '../../../schemas/admin';
import { ALL_ROLES, HEAD_OFFICE, scopeOf } from '../../../services/auth/principal';
import { listPaymentMethods, setPaymentMethodActivation } from '../../../services/payment-methods';

/**
 * PAYMENT METHODS. A store manager sees its own cost centres' methods but does not switch them:
 * which ways to pay a store offers is set up with the chart of accounts and the Agresso integration,
 * head office's work (the seed's set-up guide), and invoice sales become head office's receivables.
 */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    PAYMENT_METHOD_ROUTES.list.path,
    { config: { roles: ALL_ROLES }, schema: { response: { 200: PaymentMethodsResponse, ...errorResponses } } },
    async (request) => fastify.db.read((db) => listPaymentMethods(db, scopeOf(request.principal!))),
  );

  fastify.put(
    PAYMENT_METHOD_ROUTES.setActivation.path,
    {
      config: { roles: HEAD_OFFICE },
      schema: { params: PaymentMethodActivationParams, body: SetPaymentMethodActivation, response: { 200: PaymentMethodActivationResponse, ...errorResponses } },
    },
    async (request) =>
      fastify.db.transaction((tx) =>
        setPaymentMethodActivation(tx, request.principal ?? null, { ...request.params, active: request.body.active }, fastify.now()),
      ),
  );
};
export default routes;
