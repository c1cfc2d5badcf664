import { zodResolver } from '@hookform/resolvers/zod';
import { AgressoConnectionBody } from '@nota/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ApiRequestError, formFieldErrors } from '../api/client';
import { api } from '../api/endpoints';
import { FormField } from '../components/FormField';
import { ErrorState, errorMessage, Loading, Notice } from '../components/States';
import { explain } from '../i18n';
import { formPath } from './blank-to-null';

type Connection = z.input<typeof AgressoConnectionBody>;
type Saved = z.output<typeof AgressoConnectionBody>;
type View = NonNullable<Awaited<ReturnType<typeof api.agresso.connection>>['connection']>;
/** An empty password box keeps the stored one. */
const ConnectionForm = z.preprocess((v) => (v && typeof v === 'object' && (v as { password?: string }).password === '' ? { ...v, password: undefined } : v), AgressoConnectionBody);
const resolver = zodResolver(ConnectionForm as never) as unknown as Resolver<Connection, unknown, Saved>;

const blank: Connection = { baseUrl: '', username: '', client: '', password: '', timeoutMs: 30_000, gl07: { menuId: 'BI88', variant: 0 }, cs15: { menuId: 'BI192', variant: 0 }, confirmationTemplateId: 1 };

/** INTEGRATION: the Agresso connection (the password is write-only and stored encrypted) and a test. */
export function AgressoPage() {
  const connection = useQuery({ queryKey: ['agresso'], queryFn: api.agresso.connection });
  if (connection.isPending) return <Loading />;
  if (connection.isError) return <ErrorState error={connection.error} onRetry={() => void connection.refetch()} />;
  return <ConnectionEditor stored={connection.data.connection} />;
}

function ConnectionEditor({ stored }: { stored: View | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toForm = (v: View | null): Connection => (v ? { baseUrl: v.baseUrl, username: v.username, client: v.client, password: '', timeoutMs: v.timeoutMs, gl07: v.gl07, cs15: v.cs15, confirmationTemplateId: v.confirmationTemplateId } : blank);
  const form = useForm<Connection, unknown, Saved>({ resolver, mode: 'onTouched', defaultValues: toForm(stored) });
  const save = useMutation({
    mutationFn: api.agresso.save,
    onSuccess: (saved) => {
      queryClient.setQueryData(['agresso'], saved);
      form.reset(toForm(saved.connection));
    },
    onError: (error) => {
      if (!(error instanceof ApiRequestError)) return;
      for (const [field, problem] of Object.entries(formFieldErrors(error.error, 'body.'))) form.setError(formPath(field) as never, { message: explain(t, problem) });
    },
  });
  const test = useMutation({ mutationFn: api.agresso.test });
  const err = (path: string) => {
    const m = (form.getFieldState(path as never, form.formState).error as { message?: string } | undefined)?.message;
    return m && /too small|expected/i.test(m) ? t('common:error.REQUIRED') : m;
  };
  const text = (path: 'baseUrl' | 'username' | 'client' | 'gl07.menuId' | 'cs15.menuId', label: string, help?: string) => (
    <FormField label={label} help={help} error={err(path)}>
      {(a11y) => <input {...a11y} type="text" autoComplete="off" spellCheck={false} {...form.register(path)} />}
    </FormField>
  );
  const number = (path: 'timeoutMs' | 'confirmationTemplateId' | 'gl07.variant' | 'cs15.variant', label: string) => (
    <FormField label={label} error={err(path)}>
      {(a11y) => <input {...a11y} type="number" className="input--short" {...form.register(path, { valueAsNumber: true })} />}
    </FormField>
  );
  const stale = form.formState.isDirty;

  return (
    <section aria-labelledby="agresso-title" className="page">
      <h1 id="agresso-title">{t('agresso.title')}</h1>
      <p className="lead">{t('agresso.lead')}</p>
      {!stored ? <p className="muted">{t('agresso.none')}</p> : null}
      <form className="card form" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
        {text('baseUrl', t('agresso.baseUrl'), t('agresso.baseUrlHelp'))}
        <div className="field-row">
          {text('username', t('agresso.username'))}
          {text('client', t('agresso.client'))}
        </div>
        <FormField label={t('agresso.password')} help={stored?.passwordSet ? t('agresso.passwordSet') : t('agresso.passwordNew')} error={err('password')}>
          {(a11y) => <input {...a11y} type="password" autoComplete="new-password" {...form.register('password')} />}
        </FormField>
        <div className="field-row">
          {number('timeoutMs', t('agresso.timeoutMs'))}
          {number('confirmationTemplateId', t('agresso.confirmationTemplateId'))}
        </div>
        <fieldset className="field-row">
          <legend>{t('agresso.gl07')}</legend>
          {text('gl07.menuId', t('agresso.menuId'))}
          {number('gl07.variant', t('agresso.variant'))}
        </fieldset>
        <fieldset className="field-row">
          <legend>{t('agresso.cs15')}</legend>
          {text('cs15.menuId', t('agresso.menuId'))}
          {number('cs15.variant', t('agresso.variant'))}
        </fieldset>
        {save.isSuccess && !stale ? <Notice>{t('state.saved')}</Notice> : null}
        {save.isError ? <Notice kind="error">{errorMessage(t, save.error)}</Notice> : null}
        {test.isPending ? <p role="status">{t('agresso.testing')}</p> : null}
        {test.isSuccess ? <Notice kind={test.data.ok ? 'success' : 'error'}>{t(test.data.ok ? 'agresso.testOk' : 'agresso.testFailed', { message: test.data.message })}</Notice> : null}
        {test.isError ? <Notice kind="error">{errorMessage(t, test.error)}</Notice> : null}
        <div className="actions">
          <button type="button" className="button" onClick={() => test.mutate()} disabled={test.isPending || !stored || stale}>
            {t('agresso.test')}
          </button>
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            {save.isPending ? t('state.saving') : t('agresso.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
