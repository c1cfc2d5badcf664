import { errorText, fieldErrors } from '@nota/web-kit';
import type { ApiError } from '@nota/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../components/Field';
import { call } from '../stores/call';
import { useStores } from '../stores/context';

/** A new register: connect it to head office with the server's address and a one-time enrolment code. */
export function FirstStartScreen() {
  const { t } = useTranslation();
  const { transport, status, session, settings } = useStores();
  const [serverUrl, setServerUrl] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const errors = fieldErrors(error);

  const enrol = async () => {
    setBusy(true);
    setError(null);
    const result = await call(transport, 'sync/enrol', { serverUrl: serverUrl.trim(), code: code.trim() });
    if (!result.ok) {
      setBusy(false);
      setError(result.error);
      return;
    }
    // The users, catalog and customers arrive with the first pull; sign-in needs the users.
    await status.getState().syncNow();
    await Promise.all([session.getState().load(), settings.getState().load(), status.getState().refresh()]);
    setBusy(false);
  };

  return (
    <main className="screen screen--centered" aria-labelledby="first-start-title">
      <h1 id="first-start-title">{t('firstStart.title')}</h1>
      <p>{t('firstStart.intro')}</p>
      <form
        className="form form--narrow"
        onSubmit={(e) => {
          e.preventDefault();
          void enrol();
        }}
      >
        <TextField
          label={t('firstStart.serverUrl')}
          placeholder="https://nota.example.se"
          inputMode="url"
          autoFocus
          value={serverUrl}
          onChange={(e) => setServerUrl(e.target.value)}
          error={errors.serverUrl ? t('firstStart.serverUrlInvalid') : null}
        />
        <TextField
          label={t('firstStart.code')}
          autoComplete="off"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          help={t('firstStart.codeHelp')}
          error={errors.code ? errorText(t, errors.code) : null}
        />
        {error && !errors.code && !errors.serverUrl ? (
          <p className="field__error" role="alert">
            {errorText(t, error)}
          </p>
        ) : null}
        <button type="submit" className="button button--primary" disabled={busy || !serverUrl.trim() || !code.trim()}>
          {busy ? t('firstStart.connecting') : t('firstStart.connect')}
        </button>
      </form>
    </main>
  );
}
