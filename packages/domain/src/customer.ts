import type { FieldError } from './errors';
import { isCountryCode } from './countries';
import { parseIdentityNumber, type Country } from './identity';

export interface CustomerInput {
  active: boolean;
  internal: boolean;
  externalId?: string | null;
  name: string;
  orgNumber: string;
  country: Country;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  /** ISO 3166 alpha-2, defaults to country */
  billingCountry?: string | null;
  email?: string | null;
  phone?: string | null;
  invoicingEnabled: boolean;
  purchaseInstruction?: string | null;
}

export interface CustomerFields {
  active: boolean;
  internal: boolean;
  externalId: string | null;
  name: string;
  /** normalized */
  orgNumber: string;
  orgDigits: string;
  country: Country;
  street: string | null;
  /** SE 'NNN NN', NO 'NNNN' */
  postalCode: string | null;
  city: string | null;
  billingCountry: string;
  email: string | null;
  phone: string | null;
  invoicingEnabled: boolean;
  purchaseInstruction: string | null;
}

export type CustomerValidation = { ok: true; value: CustomerFields } | { ok: false; errors: FieldError[] };

const clean = (v: string | null | undefined): string | null => {
  const t = typeof v === 'string' ? v.trim() : '';
  return t === '' ? null : t;
};

/**
 * Field rules follow the vendor's customer form: an internal customer already exists in Agresso,
 * so name, organisation number and external id suffice; anyone else must be reachable for invoices.
 */
export function validateCustomer(input: CustomerInput): CustomerValidation {
  const errors: FieldError[] = [];
  const add = (field: keyof CustomerInput, code: string, reason: string) =>
    errors.push({ field, code, message: `${field}: ${reason}` });
  const required = (field: keyof CustomerInput, value: string | null, onlyForNonInternal = false) => {
    if (value === null && !(onlyForNonInternal && input.internal)) {
      add(field, 'REQUIRED', onlyForNonInternal ? 'is required for a non-internal customer' : 'is required');
    }
  };
  const maxLength = (field: keyof CustomerInput, value: string | null, max: number) => {
    if (value !== null && value.length > max) add(field, 'INVALID', `is ${value.length} characters; at most ${max} allowed`);
  };
  const name = clean(input.name);
  required('name', name);
  maxLength('name', name, 200);

  const externalId = clean(input.externalId);
  if (input.internal && externalId === null) add('externalId', 'REQUIRED', 'is required for an internal customer (its Agresso id)');
  maxLength('externalId', externalId, 50);

  const country = input.country;
  const countryOk = country === 'SE' || country === 'NO';
  if (!countryOk) add('country', 'INVALID', `'${String(country)}' is not SE or NO`);

  const orgRaw = clean(input.orgNumber);
  required('orgNumber', orgRaw);
  const org = orgRaw !== null && countryOk ? parseIdentityNumber(orgRaw, country) : null;
  if (org && !org.ok) add('orgNumber', org.code, org.message);

  const billingCountry = (clean(input.billingCountry) ?? String(country)).toUpperCase();
  const billingOk = isCountryCode(billingCountry);
  if (!billingOk) add('billingCountry', 'INVALID', `'${billingCountry}' is not an ISO 3166 country code`);

  const street = clean(input.street);
  required('street', street, true);

  const postalRaw = clean(input.postalCode);
  required('postalCode', postalRaw, true);
  let postalCode = postalRaw;
  if (postalRaw !== null && billingOk) {
    const result = normalizePostalCode(postalRaw, billingCountry);
    if (result === null) add('postalCode', 'INVALID_POSTAL_CODE', `'${postalRaw}' is not a valid postal code for ${billingCountry}`);
    else postalCode = result;
  }

  const city = clean(input.city);
  required('city', city, true);

  const email = clean(input.email);
  required('email', email, true);
  if (email !== null && !isPlausibleEmail(email)) add('email', 'INVALID_EMAIL', `'${email}' is not a plausible email address`);

  const phone = clean(input.phone);
  if (phone !== null && !isPlausiblePhone(phone)) {
    add('phone', 'INVALID_PHONE', `'${phone}' must be 6-20 digits, optionally with spaces, +, - and parentheses`);
  }

  const purchaseInstruction = clean(input.purchaseInstruction);
  maxLength('purchaseInstruction', purchaseInstruction, 500);

  if (errors.length > 0 || name === null || org === null || !org.ok || !countryOk) return { ok: false, errors };
  return {
    ok: true,
    value: {
      active: input.active,
      internal: input.internal,
      externalId,
      name,
      orgNumber: org.normalized,
      orgDigits: org.digits,
      country,
      street,
      postalCode,
      city,
      billingCountry,
      email,
      phone,
      invoicingEnabled: input.invoicingEnabled,
      purchaseInstruction,
    },
  };
}

export function isInvoiceable(c: { active: boolean; invoicingEnabled: boolean }): boolean {
  return c.active && c.invoicingEnabled;
}

/** The postal code as it is written in `billingCountry`, or null when it is not one. */
export function normalizePostalCode(raw: string, billingCountry: string): string | null {
  if (billingCountry === 'SE') {
    // Swedish postal codes run 100 00-984 99; none start with 0.
    const m = /^([1-9]\d{2}) ?(\d{2})$/.exec(raw);
    return m ? `${m[1]} ${m[2]}` : null;
  }
  if (billingCountry === 'NO') return /^\d{4}$/.test(raw) ? raw : null;
  return raw.length >= 2 && raw.length <= 12 ? raw : null;
}

export function isPlausibleEmail(email: string): boolean {
  const parts = email.split('@');
  if (parts.length !== 2 || /\s/.test(email)) return false;
  const [local = '', domain = ''] = parts;
  const labels = domain.split('.');
  return local !== '' && labels.length >= 2 && labels.every((l) => l !== '');
}

export function isPlausiblePhone(phone: string): boolean {
  if (!/^[\d\s+\-()]+$/.test(phone)) return false;
  const n = phone.replace(/\D/g, '').length;
  return n >= 6 && n <= 20;
}
