import { validateCustomer } from '@nota/domain';
import type { ApiError, Customer, CustomerInput } from '@nota/protocol';
import { customerFormValues, errorText, fieldErrors, type CustomerFormValues } from '@nota/web-kit';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CountrySelect } from '../components/CountrySelect';
import { CheckboxField, Kbd, TextAreaField, TextField } from '../components/Field';
import { useHotkeys } from '../components/hotkeys';
import { useRegister, useStores } from '../stores/context';

type Form = CustomerFormValues;
/** A customer's own country: where their organisation number comes from. */
const COUNTRIES = ['SE', 'NO'] as const;

type TextKey = { [K in keyof Form]: Form[K] extends string ? K : never }[keyof Form];

/**
 * Create or edit an invoice customer, in the sections users know: internal customer, customer
 * information, invoice details, billing address, contact. Each field says what is wrong as the user
 * types (the domain's own rules); the core's field errors on save appear at the same place.
 */
export function CustomerForm({ customer, onSaved, onCancel }: { customer: Customer | null; onSaved: (c: Customer) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { customers } = useStores();
  const country = useRegister('settings', (s) => s.settings?.country ?? 'SE');
  const [form, setForm] = useState<Form>(() => customerFormValues(customer, country));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<Customer | null>(customer);

  const local = useMemo(() => {
    const result = validateCustomer(form);
    return result.ok ? {} : Object.fromEntries(result.errors.map((e) => [e.field, e]));
  }, [form]);
  const remote = fieldErrors(refusal);

  const errorFor = (field: keyof Form): string | null => {
    const shown = submitted || touched.has(field);
    const problem = remote[field] ?? (shown ? local[field] : undefined);
    return problem ? errorText(t, problem) : null;
  };
  const set = <K extends keyof Form>(field: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setTouched((s) => new Set(s).add(field));
    // A field the user changes no longer carries the core's old verdict.
    if (remote[field]) setRefusal((r) => (r ? { ...r, details: r.details?.filter((d) => d.field !== field), field: r.field === field ? undefined : r.field } : r));
  };
  const text = (field: TextKey, extra: { maxLength?: number; inputMode?: 'email' | 'tel' | 'numeric'; autoFocus?: boolean; help?: string } = {}) => (
    <TextField
      label={t(`common:customer.${field}`)}
      value={form[field]}
      onChange={(e) => set(field, e.target.value as Form[typeof field])}
      error={errorFor(field)}
      maxLength={extra.maxLength}
      inputMode={extra.inputMode}
      autoFocus={extra.autoFocus}
      help={extra.help}
      name={field}
    />
  );

  const save = async () => {
    setSubmitted(true);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    const existing = saved ? { id: saved.id, version: saved.version } : undefined;
    const result = await customers.getState().save(
      { ...form, externalId: form.externalId || null, billingCountry: form.billingCountry || null, purchaseInstruction: form.purchaseInstruction || null },
      existing,
    );
    setSaving(false);
    if ('error' in result) {
      setRefusal(result.error);
      return;
    }
    setRefusal(null);
    setSaved(result.customer);
    setForm(customerFormValues(result.customer, country));
    setTouched(new Set());
    setSubmitted(false);
    onSaved(result.customer);
  };
  useHotkeys({ 'mod+Enter': saving ? undefined : () => void save(), Escape: onCancel });

  const generalError = refusal && !refusal.details?.length && !refusal.field ? errorText(t, refusal) : refusal && refusal.code !== 'VALIDATION' ? errorText(t, refusal) : null;

  return (
    <form
      className="form customer-form"
      aria-labelledby="customer-form-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="customer-form-title">{saved ? t('customers.editTitle', { name: saved.name }) : t('customers.newTitle')}</h2>
      {saved && !customer ? (
        <p role="status" className="success">
          {t('customers.created', { number: saved.customerNumber })}
        </p>
      ) : null}

      <fieldset>
        <legend>{t('common:customer.section.internal')}</legend>
        <CheckboxField label={t('common:customer.internal')} checked={form.internal} onChange={(v) => set('internal', v)} help={t('common:customer.internalHelp')} />
        {text('externalId', { maxLength: 50 })}
      </fieldset>

      <fieldset>
        <legend>{t('common:customer.section.information')}</legend>
        <p className="customer-number">
          {t('common:customer.number')}: <strong>{saved ? saved.customerNumber : t('common:customer.numberAfterSave')}</strong>
        </p>
        <CheckboxField label={t('common:customer.active')} checked={form.active} onChange={(v) => set('active', v)} />
        {text('name', { maxLength: 200, autoFocus: true })}
        {text('orgNumber', { maxLength: 20 })}
        <CountrySelect label={t('common:customer.country')} name="country" codes={COUNTRIES} value={form.country} onChange={(code) => set('country', code as Form['country'])} error={errorFor('country')} />
      </fieldset>

      <fieldset>
        <legend>{t('common:customer.section.invoice')}</legend>
        <CheckboxField label={t('common:customer.invoicingEnabled')} checked={form.invoicingEnabled} onChange={(v) => set('invoicingEnabled', v)} />
        <TextAreaField
          label={t('common:customer.purchaseInstruction')}
          help={t('common:customer.purchaseInstructionHelp')}
          maxLength={500}
          value={form.purchaseInstruction}
          onChange={(e) => set('purchaseInstruction', e.target.value)}
          error={errorFor('purchaseInstruction')}
        />
      </fieldset>

      <fieldset>
        <legend>{t('common:customer.section.billingAddress')}</legend>
        {text('street', { maxLength: 200 })}
        {text('postalCode', { maxLength: 12 })}
        {text('city', { maxLength: 100 })}
        <CountrySelect label={t('common:customer.billingCountry')} name="billingCountry" value={form.billingCountry} onChange={(code) => set('billingCountry', code)} error={errorFor('billingCountry')} />
      </fieldset>

      <fieldset>
        <legend>{t('common:customer.section.contact')}</legend>
        {text('email', { maxLength: 254, inputMode: 'email' })}
        {text('phone', { maxLength: 40, inputMode: 'tel' })}
      </fieldset>

      {generalError ? (
        <p className="field__error" role="alert">
          {generalError}
        </p>
      ) : null}
      {submitted && Object.keys(local).length > 0 ? (
        <p className="field__error" role="alert">
          {t('common:error.VALIDATION')}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('common:action.close')} <Kbd>Esc</Kbd>
        </button>
        <button type="submit" className="button button--primary" disabled={saving}>
          {t('common:action.save')} <Kbd>Ctrl+Enter</Kbd>
        </button>
      </div>
    </form>
  );
}
