import { zodResolver } from '@hookform/resolvers/zod';
import { mappingProblems, type AccountingMapping } from '@nota/domain';
import { AccountingMappingBody } from '@nota/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useForm, useWatch, type Resolver, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ApiRequestError, formFieldErrors } from '../api/client';
import { api } from '../api/endpoints';
import { FormField } from '../components/FormField';
import { useFormat } from '../components/format';
import { ErrorState, errorMessage, Loading, Notice } from '../components/States';
import { explain } from '../i18n';
import { blankToNull, formPath, nullToBlank } from './blank-to-null';

type Mapping = z.infer<typeof AccountingMappingBody>;
const MappingForm = z.preprocess(blankToNull, AccountingMappingBody);
const resolver = zodResolver(MappingForm as never) as unknown as Resolver<Mapping, unknown, Mapping>;

/** ACCOUNTING: the chart-of-accounts mapping in expandable groups, every missing field marked as you go. */
export function AccountingPage() {
  const mapping = useQuery({ queryKey: ['mapping'], queryFn: api.accounting.mapping });
  if (mapping.isPending) return <Loading />;
  if (mapping.isError) return <ErrorState error={mapping.error} onRetry={() => void mapping.refetch()} />;
  return <MappingEditor initial={mapping.data.mapping} />;
}

function MappingEditor({ initial }: { initial: Mapping }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const form = useForm<Mapping, unknown, Mapping>({ resolver, mode: 'onChange', defaultValues: nullToBlank(initial) });
  const values = useWatch({ control: form.control }) as Mapping;
  // The domain's own completeness rules, run on what is typed now.
  const problems = useMemo(() => mappingProblems(blankToNull(values) as AccountingMapping), [values]);
  const missing = useMemo(() => new Map(problems.map((p) => [formPath(p.field), p.message])), [problems]);
  const save = useMutation({
    mutationFn: api.accounting.save,
    onSuccess: (saved) => {
      queryClient.setQueryData(['mapping'], saved);
      form.reset(nullToBlank(saved.mapping));
    },
    onError: (error) => {
      if (!(error instanceof ApiRequestError)) return;
      for (const [field, problem] of Object.entries(formFieldErrors(error.error, 'body.'))) {
        form.setError(formPath(field) as never, { message: explain(t, problem) });
      }
    },
  });

  const code = (path: string, label: string) => <CodeField key={path} form={form} path={path} label={label} missing={missing.get(path)} />;
  const groupMissing = (prefix: string) => [...missing.keys()].filter((k) => k.startsWith(prefix)).length;
  const group = (id: string, title: string, prefix: string, children: React.ReactNode, open = false) => {
    const n = groupMissing(prefix);
    return (
      <details className="group" open={open || n > 0} key={id}>
        <summary>
          {title} {n > 0 ? <span className="badge badge--bad">{t('accounting.missing')}: {n}</span> : <span className="badge badge--ok">✓</span>}
        </summary>
        <div className="group__body">{children}</div>
      </details>
    );
  };

  return (
    <section aria-labelledby="accounting-title" className="page">
      <h1 id="accounting-title">{t('accounting.title')}</h1>
      <p className="lead">{t('accounting.lead')}</p>
      {problems.length === 0 ? (
        <Notice>{t('accounting.complete')}</Notice>
      ) : (
        <div className="card card--warn" role="status">
          <p>{t('accounting.incomplete')}</p>
          <ul>
            {problems.map((p) => (
              <li key={p.field}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      <form className="form" noValidate onSubmit={form.handleSubmit((m) => save.mutate(m))}>
        {group('payment', t('accounting.paymentMethods'), 'paymentMethods', [code('paymentMethods.cash', t('accounting.cash')), code('paymentMethods.card', t('accounting.card'))])}
        {group(
          'vat',
          t('accounting.vatRates'),
          'vatRates',
          values.vatRates.map((r, i) => (
            <fieldset key={i} className="field-row">
              <legend>{t('accounting.rate', { rate: format.percent(r.rateBp) })}</legend>
              {code(`vatRates.${i}.salesAccount`, t('accounting.salesAccount'))}
              {code(`vatRates.${i}.vatAccount`, t('accounting.vatAccount'))}
              {code(`vatRates.${i}.taxCode`, t('accounting.taxCode'))}
            </fieldset>
          )),
        )}
        {values.productGroups.length > 0
          ? group(
              'groups',
              t('accounting.productGroups'),
              'productGroups',
              values.productGroups.map((g, i) => code(`productGroups.${i}.salesAccount`, t('accounting.group', { id: g.groupId }))),
            )
          : null}
        {group('other', t('accounting.other'), 'rounding', [code('rounding', t('accounting.rounding'))])}
        {values.costCentres.length > 0
          ? group(
              'cc',
              t('accounting.costCentres'),
              'costCentres',
              values.costCentres.map((c, i) => code(`costCentres.${i}.accountingCode`, t('accounting.costCentre', { code: c.code }))),
            )
          : null}
        {group('agresso', t('accounting.agresso'), 'agresso', [
          code('agresso.companyCode', t('accounting.companyCode')),
          code('agresso.interface', t('accounting.interface')),
          code('agresso.voucherType', t('accounting.voucherType')),
          code('agresso.customerLedgerAccount', t('accounting.customerLedgerAccount')),
          code('agresso.customerGroup', t('accounting.customerGroup')),
          code('agresso.customerIdPrefix', t('accounting.customerIdPrefix')),
          <FormField key="dim" label={t('accounting.costCentreDimension')} error={form.formState.errors.agresso?.costCentreDimension?.message}>
            {(a11y) => (
              <input {...a11y} type="number" min={1} max={7} className="input--short" {...form.register('agresso.costCentreDimension', { setValueAs: (v: string | number | null) => (v === '' || v === null ? null : Number(v)) })} />
            )}
          </FormField>,
        ])}
        {save.isSuccess ? <Notice>{t('state.saved')}</Notice> : null}
        {save.isError ? <Notice kind="error">{errorMessage(t, save.error)}</Notice> : null}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            {save.isPending ? t('state.saving') : t('accounting.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function CodeField({ form, path, label, missing }: { form: UseFormReturn<Mapping, unknown, Mapping>; path: string; label: string; missing: string | undefined }) {
  const { t } = useTranslation();
  const error = (form.getFieldState(path as never, form.formState).error as { message?: string } | undefined)?.message ?? (missing ? t('accounting.missing') : undefined);
  return (
    <FormField label={label} error={error}>
      {(a11y) => <input {...a11y} type="text" className="input--code" maxLength={25} autoComplete="off" {...form.register(path as never)} />}
    </FormField>
  );
}
