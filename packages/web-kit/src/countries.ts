// The browser entry of i18n-iso-countries (the one domain checks codes with), with only the two
// languages the apps speak.
import countries from 'i18n-iso-countries/index.js';
import en from 'i18n-iso-countries/langs/en.json';
import sv from 'i18n-iso-countries/langs/sv.json';
import type { Language } from './locale';

countries.registerLocale(sv);
countries.registerLocale(en);

export interface CountryOption {
  /** ISO 3166-1 alpha-2, as stored. */
  code: string;
  name: string;
}

/** The country's name in the language the person reads ("Tyskland", "Germany"); the code if unknown. */
export function countryName(code: string, language: Language): string {
  return countries.getName(code, language, { select: 'official' }) ?? code;
}

/** Every country, by name in the person's language. */
export function countryOptions(language: Language): CountryOption[] {
  const collator = new Intl.Collator(language);
  return Object.keys(countries.getAlpha2Codes())
    .map((code) => ({ code, name: countryName(code, language) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
