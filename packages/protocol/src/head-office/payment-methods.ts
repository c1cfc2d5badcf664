import { z } from 'zod';
import { Text } from '../common';

/**
 * PAYMENT METHODS: which ways to pay each cost centre's registers offer (`/api/payment-methods`).
 * Every method is active at every cost centre until head office turns it off there; invoice too, as
 * the Agresso set-up promises ("active for all your cost centres"), and it can be turned off the same way.
 */

export const PaymentMethodId = z.enum(['cash', 'card', 'invoice']);
export type PaymentMethodId = z.infer<typeof PaymentMethodId>;

export const PaymentMethodActivation = z.object({
  costCentre: z.string(),
  active: z.boolean(),
});
export type PaymentMethodActivation = z.infer<typeof PaymentMethodActivation>;

export const PaymentMethodView = z.object({
  id: PaymentMethodId,
  name: z.string(),
  /** One per cost centre of the answer's `costCentres`, in the same order. */
  activations: z.array(PaymentMethodActivation),
});
export type PaymentMethodView = z.infer<typeof PaymentMethodView>;

/** A store manager's answer holds its own cost centres only. */
export const PaymentMethodsResponse = z.object({
  costCentres: z.array(z.object({ code: z.string(), name: z.string() })),
  methods: z.array(PaymentMethodView),
});
export type PaymentMethodsResponse = z.infer<typeof PaymentMethodsResponse>;

export const PaymentMethodActivationParams = z.object({
  method: PaymentMethodId,
  costCentreCode: Text(20).min(1),
});
export type PaymentMethodActivationParams = z.infer<typeof PaymentMethodActivationParams>;

export const SetPaymentMethodActivation = z.object({ active: z.boolean() });
export type SetPaymentMethodActivation = z.infer<typeof SetPaymentMethodActivation>;

export const PaymentMethodActivationResponse = z.object({
  method: PaymentMethodId,
  costCentre: z.string(),
  active: z.boolean(),
});
export type PaymentMethodActivationResponse = z.infer<typeof PaymentMethodActivationResponse>;
