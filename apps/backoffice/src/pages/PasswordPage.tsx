import { zodResolver } from '@hookform/resolvers/zod';
import { ChangePasswordRequest } from '@nota/protocol';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ApiRequestError, formFieldErrors } from '../api/client';
import { api } from '../api/endpoints';
import { FormField } from '../components/FormField';
import { errorMessage, Notice } from '../components/States';
import { explain } from '../i18n';

const PasswordForm = ChangePasswordRequest.extend({ repeat: z.string() }).refine((v) => v.repeat === v.newPassword, { path: ['repeat'], message: 'MISMATCH' });
type PasswordForm = z.infer<typeof PasswordForm>;

/** The protocol's rule for a new password (length, not character classes), checked as you type. */
export function PasswordPage() {
  const { t } = useTranslation();
  const form = useForm<PasswordForm>({ resolver: zodResolver(PasswordForm), mode: 'onTouched', defaultValues: { currentPassword: '', newPassword: '', repeat: '' } });
  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordForm) => api.auth.changePassword({ currentPassword, newPassword }),
    onSuccess: () => form.reset(),
    onError: (error) => {
      if (!(error instanceof ApiRequestError)) return;
      for (const [field, problem] of Object.entries(formFieldErrors(error.error, 'body.'))) {
        if (field === 'currentPassword' || field === 'newPassword') form.setError(field, { message: explain(t, problem) });
      }
    },
  });
  const { errors } = form.formState;
  const message = (m: string | undefined) => (m === 'MISMATCH' ? t('password.mismatch') : m && /^Too small|expected string/i.test(m) ? t('common:error.REQUIRED') : m);
  return (
    <section aria-labelledby="password-title" className="page page--narrow">
      <h1 id="password-title">{t('password.title')}</h1>
      <form className="card form" noValidate onSubmit={form.handleSubmit((v) => change.mutate(v))}>
        <FormField label={t('password.current')} error={message(errors.currentPassword?.message)}>
          {(a11y) => <input {...a11y} type="password" autoComplete="current-password" {...form.register('currentPassword')} />}
        </FormField>
        <FormField label={t('password.new')} help={t('password.newHelp')} error={message(errors.newPassword?.message)}>
          {(a11y) => <input {...a11y} type="password" autoComplete="new-password" {...form.register('newPassword')} />}
        </FormField>
        <FormField label={t('password.repeat')} error={message(errors.repeat?.message)}>
          {(a11y) => <input {...a11y} type="password" autoComplete="new-password" {...form.register('repeat')} />}
        </FormField>
        {change.isSuccess ? <Notice>{t('password.changed')}</Notice> : null}
        {change.isError ? <Notice kind="error">{errorMessage(t, change.error)}</Notice> : null}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={change.isPending}>
            {change.isPending ? t('state.saving') : t('password.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
