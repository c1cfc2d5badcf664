import { zodResolver } from '@hookform/resolvers/zod';
import { BackOfficeRole, CreateApiKeyRequest, type ApiKeyView, type CreatedApiKey } from '@nota/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, formFieldErrors } from '../api/client';
import { api } from '../api/endpoints';
import { CostCentreChoice } from '../components/CostCentreChoice';
import { FormField } from '../components/FormField';
import { useFormat } from '../components/format';
import { Loaded } from '../components/Loaded';
import { errorMessage, Notice } from '../components/States';
import { explain } from '../i18n';

type NewKey = { name: string; role: BackOfficeRole; costCentres: string[] };

/** API KEYS (administrators): keys for scripts and integrations; a new key is shown once, any key can be revoked. */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: api.apiKeys.list });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
  const revoke = useMutation({ mutationFn: (id: string) => api.apiKeys.revoke(id), onSuccess: refresh });
  const confirmRevoke = (k: ApiKeyView) => {
    if (window.confirm(t('apiKeys.revokeConfirm', { name: k.name }))) revoke.mutate(k.id);
  };

  return (
    <section aria-labelledby="api-keys-title" className="page">
      <h1 id="api-keys-title">{t('apiKeys.title')}</h1>
      <p className="lead">{t('apiKeys.lead')}</p>
      {created ? <ShownOnce created={created} onDismiss={() => setCreated(null)} /> : null}
      {revoke.isError ? <Notice kind="error">{errorMessage(t, revoke.error)}</Notice> : null}
      <Loaded query={keys} isEmpty={(d) => d.apiKeys.length === 0} empty={t('apiKeys.none')}>
        {(data) => (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('apiKeys.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('apiKeys.column.name')}</th>
                  <th scope="col">{t('apiKeys.column.role')}</th>
                  <th scope="col">{t('apiKeys.column.created')}</th>
                  <th scope="col">{t('apiKeys.column.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('apiKeys.revoke')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.apiKeys.map((k) => (
                  <tr key={k.id}>
                    <td>{k.name}</td>
                    <td>
                      {t(`role.${k.role}`)}
                      {k.role === 'store-manager' && k.costCentres.length > 0 ? <span className="muted"> ({k.costCentres.join(', ')})</span> : null}
                    </td>
                    <td>{format.dateTime(k.createdAt)}</td>
                    <td>
                      {k.revokedAt ? (
                        <span className="badge badge--bad" title={format.dateTime(k.revokedAt)}>
                          {t('apiKeys.revokedAt', { at: format.date(k.revokedAt) })}
                        </span>
                      ) : (
                        <span className="badge badge--ok">{t('apiKeys.active')}</span>
                      )}
                    </td>
                    <td className="row-actions">
                      {!k.revokedAt ? (
                        <button type="button" className="button button--small button--danger" onClick={() => confirmRevoke(k)} disabled={revoke.isPending} aria-label={t('apiKeys.revokeKey', { name: k.name })}>
                          {t('apiKeys.revoke')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          )}
      </Loaded>
      <NewKeyForm onCreated={(c) => (setCreated(c), refresh())} />
    </section>
  );
}

/** The new key, this once: copy it now, the server keeps only its hash. */
function ShownOnce({ created, onDismiss }: { created: CreatedApiKey; onDismiss: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="card card--code" role="region" aria-labelledby="new-key-title">
      <h2 id="new-key-title" tabIndex={-1} ref={heading}>
        {t('apiKeys.shownTitle', { name: created.apiKey.name })}
      </h2>
      <p className="enrolment-code api-key" data-testid="new-api-key">
        {created.key}
      </p>
      <p>
        <strong>{t('apiKeys.shownOnce')}</strong>
      </p>
      <div className="actions actions--start">
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          {t('apiKeys.copy')}
        </button>
        <button type="button" className="button" onClick={onDismiss}>
          {t('apiKeys.done')}
        </button>
      </div>
      <p role="status" aria-live="polite">
        {copied === 'yes' ? t('apiKeys.copied') : copied === 'failed' ? t('apiKeys.copyFailed') : ''}
      </p>
    </div>
  );
}

function NewKeyForm({ onCreated }: { onCreated: (c: CreatedApiKey) => void }) {
  const { t } = useTranslation();
  const blank: NewKey = { name: '', role: 'head-office', costCentres: [] };
  const form = useForm<NewKey>({ resolver: zodResolver(CreateApiKeyRequest) as never, mode: 'onSubmit', defaultValues: blank });
  const create = useMutation({
    mutationFn: (body: NewKey) => api.apiKeys.create({ ...body, costCentres: body.role === 'store-manager' ? body.costCentres : [] }),
    onSuccess: (c) => (form.reset(blank), onCreated(c)),
    onError: (error) => {
      if (!(error instanceof ApiRequestError)) return;
      for (const [field, problem] of Object.entries(formFieldErrors(error.error, 'body.'))) {
        const name = field.replace(/\[\d+\]$/, '');
        if (name === 'name' || name === 'costCentres') form.setError(name, { message: explain(t, problem) });
      }
    },
  });
  const errors = form.formState.errors;
  const role = form.watch('role');
  const required = (m: string | undefined) => (m ? (/too small|expected string/i.test(m) ? t('common:error.REQUIRED') : m) : undefined);
  return (
    <form className="card form" noValidate onSubmit={form.handleSubmit((v) => create.mutate(v))} aria-labelledby="new-key-form-title">
      <h2 id="new-key-form-title">{t('apiKeys.add')}</h2>
      <div className="field-row">
        <FormField label={t('apiKeys.name')} help={t('apiKeys.nameHelp')} error={required(errors.name?.message)}>
          {(a11y) => <input {...a11y} type="text" maxLength={100} autoComplete="off" {...form.register('name')} />}
        </FormField>
        <FormField label={t('apiKeys.role')} help={t(`users.roleHelp.${role}`)}>
          {(a11y) => (
            <select {...a11y} {...form.register('role')}>
              {BackOfficeRole.options.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      {role === 'store-manager' ? <CostCentreChoice value={form.watch('costCentres')} onChange={(codes) => form.setValue('costCentres', codes, { shouldValidate: form.formState.isSubmitted })} error={errors.costCentres?.message} /> : null}
      {create.isError && !(create.error instanceof ApiRequestError && create.error.error.field) ? <Notice kind="error">{errorMessage(t, create.error)}</Notice> : null}
      <div className="actions actions--start">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? t('state.saving') : t('apiKeys.create')}
        </button>
      </div>
    </form>
  );
}
