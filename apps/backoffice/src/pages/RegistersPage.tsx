import { zodResolver } from '@hookform/resolvers/zod';
import { CreateRegisterBody, type EnrolmentCodeResponse, type RegisterView } from '@nota/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, formFieldErrors } from '../api/client';
import { api } from '../api/endpoints';
import { FormField } from '../components/FormField';
import { useFormat } from '../components/format';
import { Empty, ErrorState, errorMessage, Loading, Notice } from '../components/States';
import { explain } from '../i18n';
import { SyncProblems } from './SyncProblems';

/** REGISTERS: each register's last sync and backlog, a new register with its enrolment code shown once, revoke, and what did not sync. */
export function RegistersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [code, setCode] = useState<EnrolmentCodeResponse | null>(null);
  const registers = useQuery({ queryKey: ['registers'], queryFn: api.registers.list, refetchInterval: 15_000 });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['registers'] });
  const newCode = useMutation({ mutationFn: (id: string) => api.registers.newCode(id), onSuccess: (c) => (setCode(c), refresh()) });
  const revoke = useMutation({ mutationFn: (id: string) => api.registers.revoke(id), onSuccess: refresh });
  const confirmRevoke = (r: RegisterView) => {
    if (window.confirm(t('registers.revokeConfirm', { name: r.name }))) revoke.mutate(r.id);
  };

  return (
    <section aria-labelledby="registers-title" className="page">
      <h1 id="registers-title">{t('registers.title')}</h1>
      {code ? (
        <div className="card card--code" role="status">
          <h2>{t('registers.code', { name: code.register.name })}</h2>
          <p className="enrolment-code">{code.enrolmentCode}</p>
          <p>{t('registers.codeHelp', { expires: format.dateTime(code.expiresAt) })}</p>
        </div>
      ) : null}
      {revoke.isError ? <Notice kind="error">{errorMessage(t, revoke.error)}</Notice> : null}
      {newCode.isError ? <Notice kind="error">{errorMessage(t, newCode.error)}</Notice> : null}
      {registers.isPending ? (
        <Loading />
      ) : registers.isError ? (
        <ErrorState error={registers.error} onRetry={() => void registers.refetch()} />
      ) : registers.data.registers.length === 0 ? (
        <Empty>{t('registers.none')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('registers.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('registers.column.name')}</th>
                <th scope="col">{t('registers.column.costCentre')}</th>
                <th scope="col">{t('registers.column.status')}</th>
                <th scope="col">{t('registers.column.lastSeen')}</th>
                <th scope="col" className="numeric">
                  {t('registers.column.backlog')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('common:action.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {registers.data.registers.map((r) => (
                <tr key={r.id}>
                  <td>{r.name}</td>
                  <td>{r.costCentre}</td>
                  <td>
                    {r.revoked ? (
                      <span className="badge badge--bad">{t('registers.revoked')}</span>
                    ) : r.enrolledAt ? (
                      <span className="badge badge--ok">{t('registers.active')}</span>
                    ) : (
                      <span className="badge badge--warn">{t('registers.notEnrolled')}</span>
                    )}
                  </td>
                  <td>{r.lastSeenAt ? <time dateTime={r.lastSeenAt} title={format.dateTime(r.lastSeenAt)}>{format.relative(r.lastSeenAt)}</time> : t('registers.never')}</td>
                  <td className="numeric">{r.reportedBacklog ?? '—'}</td>
                  <td className="row-actions">
                    {!r.revoked ? (
                      <>
                        {!r.enrolledAt ? (
                          <button type="button" className="button button--small" onClick={() => newCode.mutate(r.id)} disabled={newCode.isPending}>
                            {t('registers.newCode')}
                          </button>
                        ) : null}
                        <button type="button" className="button button--small button--danger" onClick={() => confirmRevoke(r)} disabled={revoke.isPending} aria-label={`${t('registers.revoke')} ${r.name}`}>
                          {t('registers.revoke')}
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewRegister onCreated={(c) => (setCode(c), refresh())} />
      <SyncProblems registers={registers.data?.registers ?? []} />
    </section>
  );
}

function NewRegister({ onCreated }: { onCreated: (code: EnrolmentCodeResponse) => void }) {
  const { t } = useTranslation();
  const costCentres = useQuery({ queryKey: ['cost-centres'], queryFn: api.registers.costCentres });
  const form = useForm<CreateRegisterBody>({ resolver: zodResolver(CreateRegisterBody), mode: 'onTouched', defaultValues: { name: '', costCentreCode: '' } });
  const create = useMutation({
    mutationFn: api.registers.create,
    onSuccess: (c) => {
      form.reset({ name: '', costCentreCode: c.register.costCentre });
      onCreated(c);
    },
    onError: (error) => {
      if (!(error instanceof ApiRequestError)) return;
      for (const [field, problem] of Object.entries(formFieldErrors(error.error, 'body.'))) {
        if (field === 'name' || field === 'costCentreCode') form.setError(field, { message: explain(t, problem) });
      }
    },
  });
  const required = (m: string | undefined) => (m ? (/too small|expected string/i.test(m) ? t('common:error.REQUIRED') : m) : undefined);
  const options = costCentres.data?.costCentres ?? [];
  return (
    <form className="card form" noValidate onSubmit={form.handleSubmit((v) => create.mutate(v))} aria-labelledby="new-register-title">
      <h2 id="new-register-title">{t('registers.add')}</h2>
      <div className="field-row">
        <FormField label={t('registers.name')} error={required(form.formState.errors.name?.message)}>
          {(a11y) => <input {...a11y} type="text" maxLength={100} {...form.register('name')} />}
        </FormField>
        <FormField label={t('registers.costCentre')} error={required(form.formState.errors.costCentreCode?.message)} help={costCentres.isSuccess && options.length === 0 ? t('registers.noCostCentres') : undefined}>
          {(a11y) => (
            <select {...a11y} {...form.register('costCentreCode')}>
              <option value="" />
              {options.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code} · {c.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      {create.isError && !(create.error instanceof ApiRequestError && create.error.error.field) ? <Notice kind="error">{errorMessage(t, create.error)}</Notice> : null}
      <div className="actions actions--start">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? t('state.saving') : t('registers.create')}
        </button>
      </div>
    </form>
  );
}
