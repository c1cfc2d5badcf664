import { createI18n, errorText, type Language } from '@nota/web-kit';
import type { ApiError } from '@nota/protocol';
import type { TFunction } from 'i18next';
import { backofficeEn } from './en';
import { backofficeSv } from './sv';

/** The back office's texts (namespace `backoffice`) beside web-kit's shared `common` texts. */
export function createBackofficeI18n(language: Language = 'sv') {
  return createI18n({ language, defaultNS: 'backoffice', app: { sv: { backoffice: backofficeSv }, en: { backoffice: backofficeEn } } });
}

/** An error in words: the back office's own codes first, then the shared ones, then the server's message. */
export function explain(t: TFunction, error: Pick<ApiError, 'code' | 'message'>): string {
  const key = `backoffice:error.${error.code}`;
  const own = t(key);
  if (own !== key && own !== `error.${error.code}`) return own;
  return errorText(t, error);
}
