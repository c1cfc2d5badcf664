import { validateCustomer } from '@nota/domain';
import { CustomerInput } from '@nota/protocol';
import { z } from 'zod';

const OPTIONAL: (keyof CustomerInput)[] = ['externalId', 'street', 'postalCode', 'city', 'billingCountry', 'email', 'phone', 'purchaseInstruction'];

/** An empty optional box is "none" on the wire. */
function blanksToNull(values: unknown): unknown {
  if (!values || typeof values !== 'object') return values;
  const out: Record<string, unknown> = { ...values };
  for (const key of OPTIONAL) if (typeof out[key] === 'string' && (out[key] as string).trim() === '') out[key] = null;
  return out;
}

/**
 * The server's own rules, in the browser: the protocol's wire schema (lengths, no control or bidi
 * characters) and then the domain's (organisation number checksum, postal code, e-mail, what an internal
 * customer needs). Issue messages are the domain's error codes, which the form turns into words.
 */
export const CustomerFormSchema = z.preprocess(blanksToNull, CustomerInput).superRefine((input, ctx) => {
  const result = validateCustomer(input);
  if (result.ok) return;
  for (const error of result.errors) ctx.addIssue({ code: 'custom', path: [error.field], message: error.code });
});
