import { isPlausibleEmail, isPlausiblePhone, normalizePostalCode } from '../customer';
import type { FieldError } from '../errors';
import { parseIdentityNumber, type IdentityResult } from '../identity';
import { isValidBankgiro, isValidBic, isValidIban, isValidPlusgiro } from '../payment-accounts';
import type { SellerProfile } from './invoice';

export type SellerValidation = { ok: true; value: SellerProfile } | { ok: false; errors: FieldError[] };

/**
 * The VAT number a seller with this organisation number has: SE + the ten digits + 01 in Sweden
 * (a sole trader's personnummer likewise), NO + the nine digits + MVA in Norway.
 */
export function vatNumberOf(identity: Extract<IdentityResult, { ok: true }>): string {
  return identity.country === 'SE' ? `SE${identity.digits.slice(-10)}01` : `NO${identity.digits}MVA`;
}

/**
 * What head office types as the seller on every invoice, checked like a customer: the identity
 * number, the VAT number that belongs to it, the postal code of the country, and payment accounts
 * whose check digits hold. The value comes back with numbers in their usual written form.
 */
export function validateSeller(given: SellerProfile): SellerValidation {
  const optional = (v: string | null) => (v === null || v.trim() === '' ? null : v.trim());
  const input: SellerProfile = {
    ...given,
    email: optional(given.email),
    phone: optional(given.phone),
    bankgiro: optional(given.bankgiro),
    plusgiro: optional(given.plusgiro),
    iban: optional(given.iban),
    bic: optional(given.bic),
  };
  const errors: FieldError[] = [];
  const add = (field: keyof SellerProfile, code: string, reason: string) => errors.push({ field, code, message: `${field}: ${reason}` });

  const identity = parseIdentityNumber(input.orgNumber, input.country);
  if (!identity.ok) add('orgNumber', identity.code, identity.message);

  const vatNumber = input.vatNumber.replace(/[\s-]/g, '').toUpperCase();
  if (identity.ok && vatNumber !== vatNumberOf(identity)) {
    add('vatNumber', 'INVALID_VAT_NUMBER', `'${input.vatNumber}' is not the VAT number of ${identity.normalized}; that is ${vatNumberOf(identity)}`);
  }

  const postalCode = normalizePostalCode(input.postalCode.trim(), input.country);
  if (postalCode === null) add('postalCode', 'INVALID_POSTAL_CODE', `'${input.postalCode}' is not a valid postal code for ${input.country}`);
  if (input.email != null && !isPlausibleEmail(input.email)) add('email', 'INVALID_EMAIL', `'${input.email}' is not a plausible email address`);
  if (input.phone != null && !isPlausiblePhone(input.phone)) add('phone', 'INVALID_PHONE', `'${input.phone}' must be 6-20 digits, optionally with spaces, +, - and parentheses`);

  if (input.bankgiro != null && !isValidBankgiro(input.bankgiro)) {
    add('bankgiro', 'INVALID_BANKGIRO', `'${input.bankgiro}' is not a bankgiro number (7-8 digits, NNNN-NNNN, with a valid check digit)`);
  }
  if (input.plusgiro != null && !isValidPlusgiro(input.plusgiro)) {
    add('plusgiro', 'INVALID_PLUSGIRO', `'${input.plusgiro}' is not a plusgiro number (2-8 digits with a valid check digit)`);
  }
  if (input.iban != null && !isValidIban(input.iban)) {
    add('iban', 'INVALID_IBAN', `'${input.iban}' is not a valid IBAN (country, length or check digits)`);
  }
  if (input.bic != null && !isValidBic(input.bic)) add('bic', 'INVALID_BIC', `'${input.bic}' is not a BIC (8 or 11 characters)`);

  if (errors.length > 0 || !identity.ok || postalCode === null) return { ok: false, errors };
  return { ok: true, value: { ...input, orgNumber: identity.normalized, vatNumber, postalCode } };
}
