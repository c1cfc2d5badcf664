import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/endpoints';

/**
 * The cost centres a store manager (person or API key) is limited to: one checkbox each, always a list
 * (a form library's native checkbox group turns a lone checkbox into a single value, not a list of one).
 */
export function CostCentreChoice({ value, onChange, error }: { value: string[]; onChange: (codes: string[]) => void; error: string | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const costCentres = useQuery({ queryKey: ['cost-centres'], queryFn: api.registers.costCentres });
  const options = costCentres.data?.costCentres ?? [];
  return (
    <fieldset className={`choices${error ? ' field--invalid' : ''}`} aria-describedby={error ? `${id}-error` : `${id}-help`}>
      <legend>{t('users.costCentres')}</legend>
      <p id={`${id}-help`} className="field__help">
        {options.length === 0 && costCentres.isSuccess ? t('registers.noCostCentres') : t('users.costCentresHelp')}
      </p>
      {options.map((c) => (
        <label key={c.code} className="choice">
          <input
            type="checkbox"
            checked={value.includes(c.code)}
            onChange={(e) => onChange(e.target.checked ? [...value, c.code] : value.filter((code) => code !== c.code))}
          />{' '}
          {c.code} · {c.name}
        </label>
      ))}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
