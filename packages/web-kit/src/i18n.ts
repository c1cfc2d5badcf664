import i18next, { type i18n, type Resource } from 'i18next';
import type { ApiError } from '@nota/protocol';
import { commonEn } from './texts/common.en';
import { commonSv } from './texts/common.sv';
import { LANGUAGES, type Language } from './locale';

/** Every app's texts: its own namespace(s) beside the shared `common`. */
export type AppResources = Record<Language, Record<string, object>>;

/**
 * One i18next instance for an app, initialised synchronously (the resources are bundled, so the first
 * paint already has its texts). Swedish is the default and the fallback.
 */
export function createI18n(options: { language?: Language; app: AppResources; defaultNS: string }): i18n {
  const resources: Resource = {};
  for (const language of LANGUAGES) {
    resources[language] = { common: language === 'sv' ? commonSv : commonEn, ...options.app[language] } as Resource[string];
  }
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: options.language ?? 'sv',
    fallbackLng: 'sv',
    supportedLngs: [...LANGUAGES],
    ns: ['common', ...Object.keys(options.app.sv)],
    defaultNS: options.defaultNS,
    fallbackNS: 'common',
    initAsync: false,
    // React escapes what it renders; escaping here would show "&amp;" in names.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The text for an error the core or the server answered: by its code when we have one, else the
 * core's own message (plain English) so nothing is ever shown as a bare code.
 */
export function errorText(t: Translate, error: Pick<ApiError, 'code' | 'message'>): string {
  const key = `common:error.${error.code}`;
  const text = t(key);
  return text === key || text === `error.${error.code}` ? error.message || t('common:error.UNKNOWN') : text;
}

/**
 * Field errors of a typed error by field name (`name`, `lines[0].quantity`), for showing each next to
 * its field. The top-level `field` counts too, for errors that name one field only.
 */
export function fieldErrors(error: ApiError | null | undefined): Record<string, { code: string; message: string }> {
  const byField: Record<string, { code: string; message: string }> = {};
  if (!error) return byField;
  for (const detail of error.details ?? []) byField[detail.field] ??= { code: detail.code, message: detail.message };
  if (error.field && !byField[error.field]) byField[error.field] = { code: error.code, message: error.message };
  return byField;
}
