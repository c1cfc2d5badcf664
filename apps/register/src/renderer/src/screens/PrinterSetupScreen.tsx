import type { ApiError } from '@nota/protocol';
import { errorText } from '@nota/web-kit';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../components/Field';
import { call } from '../stores/call';
import { useRegister, useStores } from '../stores/context';

/** The receipt printer's address and a test print: part of a new register's set-up, and in the settings. */
export function PrinterSetup({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const { transport, settings } = useStores();
  const saved = useRegister('settings', (s) => s.settings?.printerUrl ?? '');
  const [url, setUrl] = useState(saved);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [tested, setTested] = useState(false);
  const [savedNow, setSavedNow] = useState(false);

  const test = async () => {
    setBusy(true);
    setError(null);
    setTested(false);
    const result = await call(transport, 'printer/test', { printerUrl: url.trim() });
    setBusy(false);
    if (result.ok) setTested(true);
    else setError(result.error);
  };
  const save = async () => {
    setBusy(true);
    const refused = await settings.getState().update({ printerUrl: url.trim() || null });
    setBusy(false);
    setError(refused);
    if (!refused) {
      setSavedNow(true);
      onDone?.();
    }
  };

  return (
    <section className="panel" aria-labelledby="printer-setup-title">
      <h2 id="printer-setup-title">{t('printerSetup.title')}</h2>
      <TextField
        label={t('printerSetup.url')}
        placeholder="tcp://192.168.1.50:9100"
        value={url}
        onChange={(e) => {
          setUrl(e.target.value);
          setTested(false);
          setSavedNow(false);
        }}
        help={t('printerSetup.urlHelp')}
        error={error ? errorText(t, error) : null}
      />
      {tested ? <p role="status">{t('printerSetup.tested')}</p> : null}
      {savedNow ? <p role="status">{t('printerSetup.saved')}</p> : null}
      <div className="actions">
        <button type="button" className="button" disabled={busy || !url.trim()} onClick={() => void test()}>
          {t('printerSetup.test')}
        </button>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void save()}>
          {t('common:action.save')}
        </button>
      </div>
    </section>
  );
}

/** Shown once to a manager after set-up while no printer is saved; can be skipped. */
export function PrinterSetupScreen({ onSkip }: { onSkip: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="screen screen--centered" aria-labelledby="printer-first-title">
      <h1 id="printer-first-title">{t('printerSetup.firstTitle')}</h1>
      <p>{t('printerSetup.firstIntro')}</p>
      <PrinterSetup onDone={onSkip} />
      <button type="button" className="button button--quiet" onClick={onSkip}>
        {t('printerSetup.skip')}
      </button>
    </main>
  );
}
