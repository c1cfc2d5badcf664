import { z } from 'zod';
import { Count, Country, Id, IsoDateTime, MultilineText, Text } from './common';

const optionalText = (max: number) => Text(max).nullish();

/** What a person types when creating or editing an invoice customer. Rules live in domain. */
export const CustomerInput = z.object({
  active: z.boolean(),
  internal: z.boolean(),
  externalId: optionalText(50),
  name: Text(200),
  orgNumber: Text(20),
  country: Country,
  street: optionalText(200),
  postalCode: optionalText(12),
  city: optionalText(100),
  billingCountry: optionalText(2),
  email: optionalText(254),
  phone: optionalText(40),
  invoicingEnabled: z.boolean(),
  purchaseInstruction: MultilineText(500).nullish(),
});
export type CustomerInput = z.infer<typeof CustomerInput>;

export const Customer = z.object({
  id: Id,
  customerNumber: Count,
  active: z.boolean(),
  internal: z.boolean(),
  externalId: Text(50).nullable(),
  name: Text(200),
  orgNumber: Text(20),
  country: Country,
  street: Text(200).nullable(),
  postalCode: Text(12).nullable(),
  city: Text(100).nullable(),
  billingCountry: Text(2),
  email: Text(254).nullable(),
  phone: Text(40).nullable(),
  invoicingEnabled: z.boolean(),
  purchaseInstruction: MultilineText(500).nullable(),
  version: Count,
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
