import { countryName, countryOptions, type Language } from '@nota/web-kit';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from './Field';

/** Most customers of a Nordic store are billed here: these come first, the world after. */
const NORDIC = ['SE', 'NO', 'DK', 'FI', 'IS'];

/**
 * A country chosen by name in the person's language and stored as its ISO 3166 code. `codes` narrows
 * the choice (a customer's own country is Sweden or Norway); without it every country is offered.
 */
export function CountrySelect({
  label,
  value,
  onChange,
  codes,
  error,
  name,
}: {
  label: string;
  value: string;
  onChange: (code: string) => void;
  codes?: readonly string[];
  error?: string | null;
  name?: string;
}) {
  const { t, i18n } = useTranslation();
  const language = (i18n.language === 'en' ? 'en' : 'sv') satisfies Language;
  const all = useMemo(() => countryOptions(language), [language]);
  const option = (code: string) => (
    <option key={code} value={code}>
      {countryName(code, language)}
    </option>
  );
  return (
    <Field label={label} error={error}>
      {(a11y) => (
        <select {...a11y} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
          {codes ? (
            codes.map(option)
          ) : (
            <>
              <optgroup label={t('countries.nordic')}>{NORDIC.map(option)}</optgroup>
              <optgroup label={t('countries.other')}>{all.filter((c) => !NORDIC.includes(c.code)).map((c) => option(c.code))}</optgroup>
            </>
          )}
        </select>
      )}
    </Field>
  );
}
