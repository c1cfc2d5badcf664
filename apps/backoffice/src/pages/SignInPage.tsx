import { zodResolver } from '@hookform/resolvers/zod';
import { SignInRequest, type SessionInfo } from '@nota/protocol';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api } from '../api/endpoints';
import { FormField } from '../components/FormField';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { errorMessage, Notice } from '../components/States';

/** Username and password; a wrong pair and a lock-out each get their own plain message. */
export function SignInPage({ onSignedIn }: { onSignedIn: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  const form = useForm<SignInRequest>({ resolver: zodResolver(SignInRequest), defaultValues: { username: '', password: '' } });
  const signIn = useMutation({ mutationFn: api.auth.signIn, onSuccess: onSignedIn });
  const required = (message: string | undefined) => (message ? t('common:error.REQUIRED') : undefined);
  return (
    <main id="main" className="sign-in">
      <form className="card sign-in__card" noValidate onSubmit={form.handleSubmit((values) => signIn.mutate(values))} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        <p className="lead">{t('signIn.lead')}</p>
        <FormField label={t('signIn.username')} error={required(form.formState.errors.username?.message)}>
          {(a11y) => <input {...a11y} {...form.register('username')} autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />}
        </FormField>
        <FormField label={t('signIn.password')} error={required(form.formState.errors.password?.message)}>
          {(a11y) => <input {...a11y} {...form.register('password')} type="password" autoComplete="current-password" />}
        </FormField>
        {signIn.isError ? <Notice kind="error">{errorMessage(t, signIn.error)}</Notice> : null}
        <button type="submit" className="button button--primary" disabled={signIn.isPending}>
          {signIn.isPending ? t('state.loading') : t('signIn.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
