import { isValidBIC, isValidIBAN, electronicFormatIBAN } from 'ibantools';
import { luhnCheckDigit } from './references';

// Where an invoice's money goes. Bankgirot and PlusGirot numbers end in a Luhn (mod 10) digit; an IBAN
// carries ISO 13616's mod-97 check and a per-country length, which ibantools knows for every country.

function luhnValid(digits: string): boolean {
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

/** Bankgiro: 7 or 8 digits, written NNN-NNNN or NNNN-NNNN, the last a Luhn digit. */
export function isValidBankgiro(input: string): boolean {
  const compact = input.trim();
  if (!/^\d{3,4}-?\d{4}$/.test(compact)) return false;
  return luhnValid(compact.replace('-', ''));
}

/** Plusgiro: 2 to 8 digits, often grouped with spaces and a '-' before the Luhn digit (4 12 34-6). */
export function isValidPlusgiro(input: string): boolean {
  const compact = input.trim();
  if (!/^[\d ]+-?\d$/.test(compact)) return false;
  const digits = compact.replace(/\D/g, '');
  return digits.length >= 2 && digits.length <= 8 && luhnValid(digits);
}

/** An IBAN as printed (groups of four, spaces) or electronic; the country's length and mod 97 hold. */
export function isValidIban(input: string): boolean {
  if (!/^[A-Za-z]{2}\d{2}[A-Za-z\d ]+$/.test(input.trim())) return false;
  const electronic = electronicFormatIBAN(input.trim());
  return electronic !== null && isValidIBAN(electronic.toUpperCase());
}

/** A BIC (SWIFT code): 8 or 11 characters with a real ISO country in positions 5-6. */
export function isValidBic(input: string): boolean {
  return isValidBIC(input.trim());
}
