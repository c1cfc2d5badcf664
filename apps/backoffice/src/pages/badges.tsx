import type { DocumentStatus, ExportState } from '../api/endpoints';
import { useTranslation } from 'react-i18next';

const EXPORT_TONE: Record<ExportState, string> = { pending: 'muted', batched: 'info', sent: 'info', confirmed: 'ok', failed: 'bad', blocked: 'warn' };
const STATUS_TONE: Record<DocumentStatus, string> = { draft: 'warn', active: 'info', transferred: 'ok' };

/** A document's status as the server reports it, in words. */
export function StatusBadge({ status }: { status: DocumentStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${STATUS_TONE[status]}`}>{t(`documentStatus.${status}`)}</span>;
}

/** An export's state as the server reports it; none before the invoice is activated. */
export function ExportBadge({ state }: { state: ExportState | null }) {
  const { t } = useTranslation();
  if (!state) return <span className="muted">—</span>;
  return <span className={`badge badge--${EXPORT_TONE[state]}`}>{t(`exportState.${state}`)}</span>;
}
