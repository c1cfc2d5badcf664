import type { ApiError } from '@nota/protocol';
import { errorText } from '@nota/web-kit';
import { useTranslation } from 'react-i18next';
import { Kbd } from './Field';

/**
 * A print that failed, said once, where the cashier asked for it: what went wrong, that the sale is
 * saved whatever the printer does, a retry and a way to put the message away.
 */
export function PrintFailure({
  error,
  retrying,
  retryKey,
  onRetry,
  onDismiss,
  title,
  hint,
}: {
  error: ApiError;
  retrying: boolean;
  retryKey?: string;
  onRetry: () => void;
  onDismiss: () => void;
  /** What did not print and where to print it later; the delivery note's words unless given. */
  title?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="print-failure" role="alert">
      <p>
        <strong>{title ?? t('printFailure.title')}</strong> {errorText(t, error)}
      </p>
      <p>{hint ?? t('printFailure.saleSafe')}</p>
      <div className="actions">
        <button type="button" className="button button--primary" disabled={retrying} onClick={onRetry}>
          {retrying ? t('completed.printing') : t('common:action.retry')}
          {retryKey ? <Kbd>{retryKey}</Kbd> : null}
        </button>
        <button type="button" className="button" onClick={onDismiss}>
          {t('common:action.dismiss')}
        </button>
      </div>
    </div>
  );
}
