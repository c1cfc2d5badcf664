import type { Customer, CustomerInput } from '@nota/protocol';

/** What a customer form's inputs hold: text boxes are strings (empty for none), checkboxes booleans. */
export type CustomerFormValues = { [K in keyof CustomerInput]-?: NonNullable<CustomerInput[K]> };

/** A customer as the form shows it, or a new one in `country` (the register's own, or Sweden). */
export function customerFormValues(c: Customer | null, country: 'SE' | 'NO' = 'SE'): CustomerFormValues {
  return {
    active: c?.active ?? true,
    internal: c?.internal ?? false,
    externalId: c?.externalId ?? '',
    name: c?.name ?? '',
    orgNumber: c?.orgNumber ?? '',
    country: c?.country ?? country,
    street: c?.street ?? '',
    postalCode: c?.postalCode ?? '',
    city: c?.city ?? '',
    billingCountry: c?.billingCountry ?? country,
    email: c?.email ?? '',
    phone: c?.phone ?? '',
    invoicingEnabled: c?.invoicingEnabled ?? true,
    purchaseInstruction: c?.purchaseInstruction ?? '',
  };
}
