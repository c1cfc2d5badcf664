import Organisationsnummer from 'organisationsnummer';
import Personnummer from 'personnummer';
import { organisasjonsnummer as isValidNorwegianOrgNumber } from 'norsk-validator';
import { luhnCheckDigit } from './references';

export type Country = 'SE' | 'NO';
export type IdentityKind = 'organisation' | 'person';
export type IdentityResult =
  | { ok: true; country: Country; kind: IdentityKind; normalized: string; digits: string }
  | { ok: false; code: 'INVALID_ORG_NUMBER'; message: string };

export function digitsOnly(input: string): string {
  return input.replace(/\D/g, '');
}

const fail = (message: string): IdentityResult => ({ ok: false, code: 'INVALID_ORG_NUMBER', message });

export function parseIdentityNumber(input: string, country: Country): IdentityResult {
  const compact = input.replace(/\s+/g, '');
  if (compact === '') return fail('organisation number is empty');
  if (country === 'SE') return parseSwedish(compact, input.trim());
  if (country === 'NO') return parseNorwegian(compact, input.trim());
  return fail(`${String(country)} is not a supported country (SE or NO)`);
}

function parseSwedish(compact: string, shown: string): IdentityResult {
  if (!/^[\d+-]+$/.test(compact)) {
    return fail(`${shown} contains characters other than digits, spaces, '-' and '+'`);
  }
  const digits = digitsOnly(compact);
  if (digits.length !== 10 && digits.length !== 12) {
    return fail(`${shown} has ${digits.length} digits; a Swedish number has 10 (or 12 with century or '16')`);
  }
  if (!/^(\d{6}|\d{8})[+-]?\d{4}$/.test(compact)) {
    return fail(`${shown} is not written as NNNNNN-NNNN or YYYYMMDD-NNNN`);
  }
  const last10 = digits.slice(-10);
  const checkDigitOk = luhnCheckDigit(last10.slice(0, 9)) === Number(last10[9]);

  // Legal entities have 20 or more in the "month" position; anything else is a person (sole trader).
  const isOrganisation = digits.length === 12 ? digits.startsWith('16') : Number(digits[2]) >= 2;
  if (isOrganisation) {
    if (compact.includes('+')) {
      return fail(`${shown} is not a valid Swedish organisation number ('+' is only used in personnummer)`);
    }
    if (!Organisationsnummer.valid(last10)) {
      const reason = checkDigitOk ? 'number series' : 'check digit';
      return fail(`${shown} is not a valid Swedish organisation number (${reason})`);
    }
    const normalized = `${last10.slice(0, 6)}-${last10.slice(6)}`;
    return { ok: true, country: 'SE', kind: 'organisation', normalized, digits: last10 };
  }

  if (!Personnummer.valid(compact)) {
    const reason = !checkDigitOk ? 'check digit' : 'birth date or serial number';
    return fail(`${shown} is not a valid Swedish personnummer (${reason})`);
  }
  // format(true) resolves the century (from '+' or today's date for 10-digit input).
  const long = Personnummer.parse(compact).format(true);
  return { ok: true, country: 'SE', kind: 'person', normalized: `${long.slice(0, 8)}-${long.slice(8)}`, digits: long };
}

function parseNorwegian(compact: string, shown: string): IdentityResult {
  if (!/^\d+$/.test(compact)) return fail(`${shown} contains characters other than digits and spaces`);
  if (compact.length !== 9) {
    return fail(`${shown} has ${compact.length} digits; a Norwegian organisasjonsnummer has 9`);
  }
  if (!isValidNorwegianOrgNumber(compact)) {
    return fail(`${shown} is not a valid Norwegian organisasjonsnummer (check digit)`);
  }
  return { ok: true, country: 'NO', kind: 'organisation', normalized: compact, digits: compact };
}
