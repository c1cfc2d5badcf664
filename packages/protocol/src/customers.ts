import { z } from 'zod';
import { Country, Id, IsoDateTime } from './common';

const optionalText = (max: number) => z.string().max(max).nullish();

/** What a person types when creating or editing an invoice customer. Rules live in domain. */
export const CustomerInput = z.object({
  active: z.boolean(),
  internal: z.boolean(),
  externalId: optionalText(50),
  name: z.string().max(200),
  orgNumber: z.string().max(20),
  country: Country,
  street: optionalText(200),
  postalCode: optionalText(12),
  city: optionalText(100),
  billingCountry: optionalText(2),
  email: optionalText(254),
  phone: optionalText(40),
  invoicingEnabled: z.boolean(),
  purchaseInstruction: optionalText(500),
});
export type CustomerInput = z.infer<typeof CustomerInput>;

export const Customer = z.object({
  id: Id,
  customerNumber: z.int(),
  active: z.boolean(),
  internal: z.boolean(),
  externalId: z.string().nullable(),
  name: z.string(),
  orgNumber: z.string(),
  country: Country,
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  billingCountry: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  invoicingEnabled: z.boolean(),
  purchaseInstruction: z.string().nullable(),
  version: z.int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Customer = z.infer<typeof Customer>;

export const CustomerSummary = Customer.pick({
  id: true,
  customerNumber: true,
  name: true,
  orgNumber: true,
  city: true,
  active: true,
  invoicingEnabled: true,
  purchaseInstruction: true,
}).extend({ invoiceable: z.boolean() });
export type CustomerSummary = z.infer<typeof CustomerSummary>;
