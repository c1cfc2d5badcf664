import type { ApiError, DayReport } from '@nota/protocol';
import { amountForInput, errorText, parseAmount } from '@nota/web-kit';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd, TextField } from '../components/Field';
import { useFormat } from '../components/format';
import { useHotkeys } from '../components/hotkeys';
import { PrintFailure } from '../components/PrintFailure';
import { call } from '../stores/call';
import { useRegister, useStores } from '../stores/context';
import { DayFigures } from './DayFigures';

type Step = 'view' | 'count' | 'confirm' | 'closed';

/**
 * The day's figures (the X report, any time) and, for a manager, the day's close (the Z report):
 * count the cash, see it against the expected amount, confirm, and print the report.
 */
export function ReportsScreen({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { transport } = useStores();
  const manager = useRegister('session', (s) => s.user?.role === 'manager');
  const cartLines = useRegister('cart', (s) => s.lines.length);
  const [x, setX] = useState<DayReport | null>(null);
  const [z, setZ] = useState<DayReport | null>(null);
  const [step, setStep] = useState<Step>('view');
  const [counted, setCounted] = useState('');
  const [float, setFloat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [printError, setPrintError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const loadX = useCallback(async () => {
    const result = await call(transport, 'reports/x', {});
    if (result.ok) setX(result.data.report);
    else setError(errorText(t, result.error));
  }, [transport, t]);
  useEffect(() => {
    void loadX();
  }, [loadX]);

  const parsedCount = parseAmount(counted);
  const expected = x?.figures.cash.expectedOre ?? null;
  const countError = counted.trim() && !parsedCount.ok ? t(`common:error.${parsedCount.code}`) : null;
  const parsedFloat = parseAmount(float);

  const print = async (kind: 'x' | 'z', number?: number) => {
    setMessage(null);
    setBusy(true);
    const result = await call(transport, 'reports/print', number ? { kind, number } : { kind });
    setBusy(false);
    setPrintError(result.ok ? null : result.error);
    if (result.ok) setMessage(t('reports.printed'));
  };
  const saveFloat = async () => {
    if (!parsedFloat.ok) return;
    const result = await call(transport, 'day/float', { floatOre: parsedFloat.value });
    if (!result.ok) return setError(errorText(t, result.error));
    setFloat('');
    setMessage(t('reports.floatSaved'));
    await loadX();
  };
  const toConfirm = async () => {
    if (!parsedCount.ok) return;
    // The expected amount as it is now, so the difference shown is the one the Z report will hold.
    await loadX();
    setStep('confirm');
  };
  const closeDay = async () => {
    if (!parsedCount.ok) return;
    setBusy(true);
    setError(null);
    const result = await call(transport, 'reports/z', { countedCashOre: parsedCount.value, openCartLines: cartLines });
    setBusy(false);
    if (!result.ok) return setError(errorText(t, result.error));
    setZ(result.data.report);
    setStep('closed');
  };

  useHotkeys({ Escape: step === 'confirm' ? () => setStep('count') : onClose });

  const shown = step === 'closed' && z ? z : x;
  return (
    <main className="screen reports" aria-labelledby="reports-title">
      <div className="panel__header">
        <h1 id="reports-title">{step === 'closed' && z ? t('reports.zTitle', { number: z.number }) : t('reports.xTitle')}</h1>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('common:action.close')} <Kbd>Esc</Kbd>
        </button>
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
      {printError ? <PrintFailure error={printError} retrying={busy} onRetry={() => void print(z ? 'z' : 'x', z?.number ?? undefined)} onDismiss={() => setPrintError(null)} /> : null}
      <div className="split">
        <section className="panel" aria-label={t('reports.figures')}>
          {shown ? <DayFigures report={shown} /> : <p aria-busy="true">{t('reports.loading')}</p>}
          <button type="button" className="button" disabled={busy || !shown} onClick={() => void print(step === 'closed' ? 'z' : 'x', z?.number ?? undefined)}>
            {step === 'closed' ? t('reports.printZ') : t('reports.printX')}
          </button>
        </section>
        {manager && step !== 'closed' ? (
          <section className="panel" aria-labelledby="close-day-title">
            <h2 id="close-day-title">{t('reports.closeDay')}</h2>
            {step === 'view' ? (
              <>
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    void saveFloat();
                  }}
                >
                  <TextField label={t('reports.floatLabel')} inputMode="decimal" value={float} onChange={(e) => setFloat(e.target.value)} />
                  <button type="submit" className="button" disabled={!parsedFloat.ok}>
                    {t('reports.saveFloat')}
                  </button>
                </form>
                {cartLines > 0 ? <p className="notice">{t('reports.cartOpen')}</p> : null}
                <button type="button" className="button button--primary" disabled={cartLines > 0} onClick={() => setStep('count')}>
                  {t('reports.startClose')}
                </button>
              </>
            ) : (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  if (step === 'count') void toConfirm();
                  else void closeDay();
                }}
              >
                <TextField
                  label={t('reports.countedLabel')}
                  inputMode="decimal"
                  autoFocus
                  readOnly={step === 'confirm'}
                  value={counted}
                  error={countError}
                  onChange={(e) => setCounted(e.target.value)}
                  onBlur={() => parsedCount.ok && setCounted(amountForInput(parsedCount.value, f.locale))}
                />
                <dl className="summary" aria-label={t('reports.cashHeading')}>
                  <dt>{t('reports.expected')}</dt>
                  <dd className="amount">{expected === null ? '' : f.money(expected)}</dd>
                  <dt>{t('reports.difference')}</dt>
                  <dd className="amount" data-testid="difference">
                    {expected !== null && parsedCount.ok ? f.money(parsedCount.value - expected) : ''}
                  </dd>
                </dl>
                {step === 'confirm' ? <p className="notice">{t('reports.confirmText')}</p> : null}
                <button type="submit" className="button button--primary" disabled={busy || !parsedCount.ok}>
                  {step === 'count' ? t('reports.next') : t('reports.confirmClose')}
                </button>
                {step === 'confirm' ? (
                  <button type="button" className="button button--quiet" onClick={() => setStep('count')}>
                    {t('reports.back')}
                  </button>
                ) : null}
              </form>
            )}
          </section>
        ) : null}
      </div>
    </main>
  );
}
