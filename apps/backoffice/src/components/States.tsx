import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../api/client';
import { explain } from '../i18n';

/** What a page shows while it waits, when it failed, and when there is nothing: never a blank area. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="state state--loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label ?? t('state.loading')}
    </p>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="state state--error" role="alert">
      <p>{t('state.failed', { reason: errorMessage(t, error) })}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('common:action.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state--empty">{children}</p>;
}

/** A refusal or failure in the reader's words. */
export function errorMessage(t: Parameters<typeof explain>[0], error: unknown): string {
  if (error instanceof ApiRequestError) return explain(t, error.error);
  return error instanceof Error ? error.message : String(error);
}

/** A short confirmation after an action, read out by screen readers. */
export function Notice({ kind = 'success', children }: { kind?: 'success' | 'error'; children: ReactNode }) {
  return (
    <p className={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}
