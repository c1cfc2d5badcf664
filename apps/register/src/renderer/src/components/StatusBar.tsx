import { errorText } from '@nota/web-kit';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegister, useStores } from '../stores/context';
import { useFormat } from './format';

/** Always on screen: online or not, what waits to sync, what was refused, the last sync, the printer. */
export function StatusBar() {
  const { t } = useTranslation();
  const f = useFormat();
  const sync = useRegister('status', (s) => s.sync);
  const printer = useRegister('status', (s) => s.printer);
  const syncing = useRegister('status', (s) => s.syncing);
  const { status, notices } = useStores();
  const [showRejected, setShowRejected] = useState(false);
  // Re-render once a minute so "3 minutes ago" stays true.
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);

  const online = sync && (sync.state === 'idle' || sync.state === 'syncing');
  const syncNow = async () => {
    const error = await status.getState().syncNow();
    if (error) notices.getState().push({ id: 'sync', title: 'notices.syncFailed', error, retry: async () => !(await status.getState().syncNow()) });
  };

  return (
    <footer className="status-bar" aria-label={t('status.label')}>
      <span className={`status-item status-item--${online ? 'ok' : 'warn'}`}>
        <span className="dot" aria-hidden="true" />
        {t(`status.sync.${sync?.state ?? 'unknown'}`)}
      </span>
      <span className="status-item">{t('status.pending', { count: sync?.pending ?? 0 })}</span>
      {sync && sync.rejected > 0 ? (
        <button type="button" className="status-item status-item--error button--link" onClick={() => setShowRejected(true)}>
          {t('status.rejected', { count: sync.rejected })}
        </button>
      ) : null}
      <span className="status-item">
        {t('status.lastSync')}: {sync?.lastSyncAt ? <time dateTime={sync.lastSyncAt}>{f.relative(sync.lastSyncAt)}</time> : t('status.never')}
      </span>
      {sync && sync.state !== 'not-enrolled' ? (
        <button type="button" className="button button--small" disabled={syncing} onClick={() => void syncNow()}>
          {syncing ? t('status.syncing') : t('status.syncNow')}
        </button>
      ) : null}
      <span className={`status-item status-item--${printer?.state === 'ready' || printer?.state === 'printing' ? 'ok' : printer?.state === 'not-configured' || !printer ? 'idle' : 'warn'}`}>
        <span className="dot" aria-hidden="true" />
        {t('status.printer')}: {t(`status.printerState.${printer?.state ?? 'unknown'}`)}
      </span>
      {showRejected ? <RejectedDialog onClose={() => setShowRejected(false)} /> : null}
    </footer>
  );
}

function RejectedDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rejected = useRegister('status', (s) => s.rejected);
  const { status } = useStores();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void status
      .getState()
      .loadRejected()
      .then((e) => setError(e ? errorText(t, e) : null));
  }, [status, t]);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="rejected-title" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <h2 id="rejected-title">{t('status.rejectedTitle')}</h2>
        <p>{t('status.rejectedHelp')}</p>
        {error ? <p role="alert">{error}</p> : null}
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('status.rejectedWhen')}</th>
              <th scope="col">{t('status.rejectedWhat')}</th>
              <th scope="col">{t('status.rejectedReason')}</th>
            </tr>
          </thead>
          <tbody>
            {(rejected ?? []).map((event) => (
              <tr key={event.id}>
                <td>{f.dateTime(event.createdAt)}</td>
                <td>{t(`status.eventType.${event.type}`, { defaultValue: event.type })}</td>
                <td>{event.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="button" autoFocus onClick={onClose}>
          {t('common:action.close')}
        </button>
      </div>
    </div>
  );
}
