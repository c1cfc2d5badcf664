import { createI18n, type Language } from '@nota/web-kit';
import { registerEn } from './en';
import { registerSv } from './sv';

/** The register's texts (namespace `register`) beside web-kit's shared `common` texts. */
export function createRegisterI18n(language: Language = 'sv') {
  return createI18n({ language, defaultNS: 'register', app: { sv: { register: registerSv }, en: { register: registerEn } } });
}
