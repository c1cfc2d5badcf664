import { LANGUAGES } from '@nota/web-kit';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export const LANGUAGE_KEY = 'nota.backoffice.language';

/** Svenska / English; remembered in this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <span className="language">
      <label htmlFor={id}>{t('nav.language')}</label>
      <select
        id={id}
        value={i18n.language}
        onChange={(e) => {
          void i18n.changeLanguage(e.target.value);
          document.documentElement.lang = e.target.value;
          localStorage.setItem(LANGUAGE_KEY, e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {t(`common:language.${l}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
