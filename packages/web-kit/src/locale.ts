/**
 * Where the screen is and which language it speaks. Formatting follows the register's country
 * (currency, number and date conventions) in the language the person reads.
 */
export type Language = 'sv' | 'en';
export type Country = 'SE' | 'NO';

export interface LocaleSettings {
  language: Language;
  country: Country;
}

export const LANGUAGES: readonly Language[] = ['sv', 'en'];
export const DEFAULT_LOCALE: LocaleSettings = { language: 'sv', country: 'SE' };

/** BCP 47 tag for Intl: Swedish in Norway reads Swedish but formats Norwegian dates and money. */
export function localeTag({ language, country }: LocaleSettings): string {
  return `${language}-${country}`;
}

export function currencyOf(country: Country): 'SEK' | 'NOK' {
  return country === 'NO' ? 'NOK' : 'SEK';
}
