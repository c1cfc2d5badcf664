import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api } from '../api/endpoints';

/** The cost centres a store manager (person or API key) is limited to: one checkbox each. */
export function CostCentreChoice({ field, error }: { field: UseFormRegisterReturn; error: string | undefined }) {
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
          <input type="checkbox" value={c.code} {...field} /> {c.code} · {c.name}
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
