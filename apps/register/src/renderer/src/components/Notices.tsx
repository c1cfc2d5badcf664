import { errorText } from '@nota/web-kit';
import { useTranslation } from 'react-i18next';
import { useRegister, useStores } from '../stores/context';

/** Failed prints and syncs: visible until dismissed, each with a retry; the sale is already safe. */
export function Notices() {
  const { t } = useTranslation();
  const notices = useRegister('notices', (s) => s.notices);
  const retrying = useRegister('notices', (s) => s.retrying);
  const { notices: store } = useStores();
  return (
    <section className="notices" aria-label={t('notices.label')} aria-live="assertive">
      {notices.map((notice) => (
        <div key={notice.id} className="notice" role="alert">
          <div className="notice__text">
            <strong>{t(notice.title)}</strong> {errorText(t, notice.error)}
          </div>
          {notice.retry ? (
            <button type="button" className="button" disabled={retrying === notice.id} onClick={() => void store.getState().retry(notice.id)}>
              {t('common:action.retry')}
            </button>
          ) : null}
          <button type="button" className="button button--quiet" onClick={() => store.getState().dismiss(notice.id)}>
            {t('common:action.dismiss')}
          </button>
        </div>
      ))}
    </section>
  );
}
