// The browser entry: the list of codes without every language's country names.
import countries from 'i18n-iso-countries/index.js';

/** An ISO 3166-1 alpha-2 code in capitals that names a country (SE, NO, DE), not just two letters. */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}
