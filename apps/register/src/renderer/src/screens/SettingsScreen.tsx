import type { ApiError, Role } from '@nota/protocol';
import { errorText, fieldErrors } from '@nota/web-kit';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, Field, TextField } from '../components/Field';
import { useRegister, useStores } from '../stores/context';
import { PrinterSetup } from './PrinterSetupScreen';
import { TrainingSwitch } from './TrainingSwitch';

/** The manager's settings: printer, delivery notes, who may edit customers, language. */
export function SettingsScreen({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const settings = useRegister('settings', (s) => s.settings);
  const sync = useRegister('status', (s) => s.sync);
  const { settings: store } = useStores();
  const [timeout, setTimeoutText] = useState(String(settings?.printerTimeoutMs ?? 3000));
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  if (!settings) return null;
  const errors = fieldErrors(error);

  const update = async (patch: Parameters<ReturnType<typeof store.getState>['update']>[0]) => {
    setSaved(false);
    const refused = await store.getState().update(patch);
    setError(refused);
    if (!refused) {
      setSaved(true);
      if (patch.language) void i18n.changeLanguage(patch.language);
    }
  };
  const timeoutMs = Number(timeout);
  const timeoutValid = Number.isInteger(timeoutMs) && timeoutMs >= 500 && timeoutMs <= 30_000;

  return (
    <main className="screen" aria-labelledby="settings-title">
      <div className="panel__header">
        <h1 id="settings-title">{t('settings.title')}</h1>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('common:action.close')}
        </button>
      </div>
      {saved ? <p role="status" className="success">{t('settings.saved')}</p> : null}
      {error && !Object.keys(errors).length ? (
        <p className="field__error" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      <div className="settings-grid">
        <PrinterSetup />
        <section className="panel" aria-labelledby="settings-print-title">
          <h2 id="settings-print-title">{t('settings.printing')}</h2>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (timeoutValid) void update({ printerTimeoutMs: timeoutMs });
            }}
          >
            <TextField
              label={t('settings.timeout')}
              inputMode="numeric"
              value={timeout}
              onChange={(e) => setTimeoutText(e.target.value.replace(/\D/g, ''))}
              error={!timeoutValid ? t('settings.timeoutRange') : errors.printerTimeoutMs ? errorText(t, errors.printerTimeoutMs) : null}
            />
            <button type="submit" className="button" disabled={!timeoutValid}>
              {t('common:action.save')}
            </button>
          </form>
          <CheckboxField label={t('settings.showPrices')} checked={settings.deliveryNoteShowPrices} onChange={(v) => void update({ deliveryNoteShowPrices: v })} />
        </section>
        <section className="panel" aria-labelledby="settings-people-title">
          <h2 id="settings-people-title">{t('settings.people')}</h2>
          <Field label={t('settings.customerEditRole')}>
            {(a11y) => (
              <select {...a11y} value={settings.customerEditRole} onChange={(e) => void update({ customerEditRole: e.target.value as Role })}>
                <option value="manager">{t('settings.managersOnly')}</option>
                <option value="cashier">{t('settings.cashiersToo')}</option>
              </select>
            )}
          </Field>
          <Field label={t('settings.language')}>
            {(a11y) => (
              <select {...a11y} value={settings.language} onChange={(e) => void update({ language: e.target.value as 'sv' | 'en' })}>
                <option value="sv">{t('common:language.sv')}</option>
                <option value="en">{t('common:language.en')}</option>
              </select>
            )}
          </Field>
        </section>
        <TrainingSwitch />
        <section className="panel" aria-labelledby="settings-register-title">
          <h2 id="settings-register-title">{t('settings.register')}</h2>
          <dl className="summary">
            <dt>{t('settings.registerName')}</dt>
            <dd>{settings.registerName}</dd>
            <dt>{t('settings.store')}</dt>
            <dd>{settings.storeName}</dd>
            <dt>{t('settings.server')}</dt>
            <dd>{sync?.serverUrl ?? '–'}</dd>
          </dl>
        </section>
      </div>
    </main>
  );
}
