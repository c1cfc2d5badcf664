import { zodResolver } from '@hookform/resolvers/zod';
import type { Customer, CustomerInput } from '@nota/protocol';
import { countryOptions, customerFormValues, type CustomerFormValues } from '@nota/web-kit';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, formFieldErrors } from '../api/client';
import { api } from '../api/endpoints';
import { CheckField, FormField } from '../components/FormField';
import { errorMessage, Notice } from '../components/States';
import { explain } from '../i18n';
import { CustomerFormSchema } from './customer-form-schema';

type TextKey = { [K in keyof CustomerFormValues]: CustomerFormValues[K] extends string ? K : never }[keyof CustomerFormValues];

const NORDIC = ['SE', 'NO', 'DK', 'FI', 'IS'];

const resolver = zodResolver(CustomerFormSchema as never) as unknown as Resolver<CustomerFormValues, unknown, CustomerInput>;

/**
 * Create or edit an invoice customer in the sections the register's form has: internal customer,
 * customer information, invoice details, billing address, contact. Each field is checked as it is
 * typed (the server's own rules); a refusal from the server lands on the field it names.
 */
export function CustomerForm({ customer, onSaved }: { customer: Customer | null; onSaved: (c: Customer, created: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  // The billing country by name in the reader's language, stored as its ISO code; the Nordics first.
  const [nordic, others] = useMemo(() => {
    const all = countryOptions(i18n.language === 'en' ? 'en' : 'sv');
    return [NORDIC.map((code) => all.find((c) => c.code === code)!), all.filter((c) => !NORDIC.includes(c.code))];
  }, [i18n.language]);
  const form = useForm<CustomerFormValues, unknown, CustomerInput>({ resolver, mode: 'onChange', defaultValues: customerFormValues(customer) });
  const save = useMutation({
    mutationFn: (input: CustomerInput) => (customer ? api.customers.update(customer.id, customer.version, input) : api.customers.create(input)),
    onSuccess: ({ customer: saved }) => {
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      queryClient.setQueryData(['customer', saved.id], { customer: saved });
      form.reset(customerFormValues(saved));
      onSaved(saved, !customer);
    },
    onError: (error) => {
      if (!(error instanceof ApiRequestError)) return;
      for (const [field, problem] of Object.entries(formFieldErrors(error.error, 'body.customer.'))) {
        if (field in form.getValues()) form.setError(field as keyof CustomerFormValues, { message: explain(t, problem) });
      }
    },
  });
  const { errors, isSubmitted, isValid } = form.formState;
  const words = (message: string | undefined) => (message ? (/^[A-Z_]+$/.test(message) ? explain(t, { code: message, message }) : message) : undefined);

  const text = (field: TextKey, extra: { maxLength?: number; inputMode?: 'email' | 'tel'; autoComplete?: string } = {}) => (
    <FormField label={t(`common:customer.${field}`)} error={words(errors[field]?.message)}>
      {(a11y) => <input {...a11y} type="text" maxLength={extra.maxLength} inputMode={extra.inputMode} autoComplete={extra.autoComplete ?? 'off'} {...form.register(field)} />}
    </FormField>
  );
  const check = (field: 'active' | 'internal' | 'invoicingEnabled', help?: string) => (
    <CheckField label={t(`common:customer.${field}`)} help={help}>
      {(a11y) => <input {...a11y} type="checkbox" {...form.register(field, { deps: field === 'internal' ? ['externalId', 'email', 'street', 'postalCode', 'city'] : [] })} />}
    </CheckField>
  );

  return (
    <form className="form customer-form" noValidate onSubmit={form.handleSubmit((input) => save.mutate(input))} aria-labelledby="customer-form-title">
      <h1 id="customer-form-title">{customer ? t('customers.editTitle', { number: customer.customerNumber }) : t('customers.newTitle')}</h1>
      <div className="form__sections">
        <fieldset>
          <legend>{t('common:customer.section.internal')}</legend>
          {check('internal', t('common:customer.internalHelp'))}
          {text('externalId', { maxLength: 50 })}
        </fieldset>
        <fieldset>
          <legend>{t('common:customer.section.information')}</legend>
          <p className="customer-number">
            {t('common:customer.number')}: <strong>{customer ? customer.customerNumber : t('common:customer.numberAfterSave')}</strong>
          </p>
          {check('active')}
          {text('name', { maxLength: 200, autoComplete: 'organization' })}
          {text('orgNumber', { maxLength: 20 })}
          <FormField label={t('common:customer.country')} error={words(errors.country?.message)}>
            {(a11y) => (
              <select {...a11y} {...form.register('country')}>
                <option value="SE">{t('common:country.SE')}</option>
                <option value="NO">{t('common:country.NO')}</option>
              </select>
            )}
          </FormField>
        </fieldset>
        <fieldset>
          <legend>{t('common:customer.section.invoice')}</legend>
          {check('invoicingEnabled')}
          <FormField label={t('common:customer.purchaseInstruction')} help={t('common:customer.purchaseInstructionHelp')} error={words(errors.purchaseInstruction?.message)}>
            {(a11y) => <textarea {...a11y} rows={3} maxLength={500} {...form.register('purchaseInstruction')} />}
          </FormField>
        </fieldset>
        <fieldset>
          <legend>{t('common:customer.section.billingAddress')}</legend>
          {text('street', { maxLength: 200 })}
          <div className="field-row">
            {text('postalCode', { maxLength: 12 })}
            {text('city', { maxLength: 100 })}
          </div>
          <FormField label={t('common:customer.billingCountry')} error={words(errors.billingCountry?.message)}>
            {(a11y) => (
              <select {...a11y} {...form.register('billingCountry')}>
                <optgroup label={t('countries.nordic')}>
                  {nordic.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t('countries.other')}>
                  {others.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name}
                    </option>
                  ))}
                </optgroup>
              </select>
            )}
          </FormField>
        </fieldset>
        <fieldset>
          <legend>{t('common:customer.section.contact')}</legend>
          {text('email', { maxLength: 254, inputMode: 'email', autoComplete: 'email' })}
          {text('phone', { maxLength: 40, inputMode: 'tel', autoComplete: 'tel' })}
        </fieldset>
      </div>
      {isSubmitted && !isValid && !save.isError ? <Notice kind="error">{t('customers.saveFirst')}</Notice> : null}
      {save.isError ? <Notice kind="error">{errorMessage(t, save.error)}</Notice> : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? t('state.saving') : t('common:action.save')}
        </button>
      </div>
    </form>
  );
}
