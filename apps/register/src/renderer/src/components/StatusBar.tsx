import { errorText } from '@nota/web-kit';
import type { ApiError } from '@nota/protocol';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegister, useStores } from '../stores/context';
import type { SetAsideChange } from '../stores/status-store';
import { Kbd } from './Field';
import { useFormat } from './format';

/** Always on screen: online or not, what waits to sync, what was refused, the last sync, the printer. */
export function StatusBar() {
  const { t } = useTranslation();
  const f = useFormat();
  const sync = useRegister('status', (s) => s.sync);
  const printer = useRegister('status', (s) => s.printer);
  const syncing = useRegister('status', (s) => s.syncing);
  const { status, notices } = useStores();
  const [open, setOpen] = useState<'rejected' | 'set-aside' | null>(null);
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
        <button type="button" className="status-item status-item--error button--link" onClick={() => setOpen('rejected')}>
          {t('status.rejected', { count: sync.rejected })}
        </button>
      ) : null}
      {sync && sync.setAside > 0 ? (
        <button type="button" className="status-item status-item--error button--link" onClick={() => setOpen('set-aside')}>
          {t('status.setAside', { count: sync.setAside })}
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
      <span className={`status-item status-item--${printer?.state === 'ready' || printer?.state === 'printing' ? 'ok' : printer?.state === 'not-configured' || printer?.state === 'unknown' || !printer ? 'idle' : 'warn'}`}>
        <span className="dot" aria-hidden="true" />
        {t('status.printer')}: {t(`status.printerState.${printer?.state ?? 'unknown'}`)}
      </span>
      {open === 'rejected' ? <RejectedDialog onClose={() => setOpen(null)} /> : null}
      {open === 'set-aside' ? <SetAsideDialog onClose={() => setOpen(null)} /> : null}
    </footer>
  );
}

function RejectedDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rejected = useRegister('status', (s) => s.rejected);
  const { status } = useStores();
  return (
    <RecordsDialog
      id="rejected"
      title={t('status.rejectedTitle')}
      help={t('status.rejectedHelp')}
      load={() => status.getState().loadRejected()}
      onClose={onClose}
      columns={[t('status.records.when'), t('status.records.what'), t('status.records.reason')]}
      rows={(rejected ?? []).map((event) => ({
        key: event.id,
        cells: [f.dateTime(event.createdAt), t(`status.eventType.${event.type}`, { defaultValue: event.type }), event.reason],
      }))}
    />
  );
}

function SetAsideDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const changes = useRegister('status', (s) => s.setAside);
  const { status } = useStores();
  const state = (c: SetAsideChange) => (c.resolvedAt ? 'resolved' : c.reportedAt ? 'reported' : 'waiting');
  return (
    <RecordsDialog
      id="set-aside"
      title={t('status.setAsideTitle')}
      help={t('status.setAsideHelp')}
      load={() => status.getState().loadSetAside()}
      onClose={onClose}
      columns={[t('status.records.when'), t('status.records.what'), t('status.records.reason'), t('status.records.state')]}
      rows={(changes ?? []).map((c) => ({
        key: c.id,
        cells: [
          f.dateTime(c.setAsideAt),
          `${t(`status.entity.${c.entity}`, { defaultValue: c.entity })}${c.recordId ? ` ${c.recordId}` : ''}`,
          <>
            {t(`status.setAsideReason.${c.code}`)}
            {/* The details as head office gets them, for whoever helps the cashier. */}
            <span className="records__detail" lang="en">
              {c.reason}
            </span>
          </>,
          t(`status.setAsideState.${state(c)}`),
        ],
      }))}
    />
  );
}

/** What did not sync, one row per record with its reason: loaded when opened, closed with Esc. */
function RecordsDialog({
  id,
  title,
  help,
  columns,
  rows,
  load,
  onClose,
}: {
  id: string;
  title: string;
  help: string;
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
  load: () => Promise<ApiError | null>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const loadRef = useRef(load);
  useEffect(() => {
    void loadRef.current().then((e) => setError(e ? errorText(t, e) : null));
  }, [t]);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <h2 id={`${id}-title`}>{title}</h2>
        <p>{help}</p>
        {error ? <p role="alert">{error}</p> : null}
        <table className="table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                {row.cells.map((cell, i) => (
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="button" autoFocus onClick={onClose}>
          {t('common:action.close')} <Kbd>Esc</Kbd>
        </button>
      </div>
    </div>
  );
}
