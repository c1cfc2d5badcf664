import type { ExportView as ExportViewSchema } from '@nota/protocol';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { Format } from '../components/format';

type ExportView = z.infer<typeof ExportViewSchema>;

type ExportError = NonNullable<ExportView['error']>;

/**
 * The server reports an export as facts (state, batch, order, voucher, error code) plus an English
 * sentence for logs and API users. The page builds its own sentence from the facts, so a Swedish
 * bookkeeper reads Swedish; a code the page does not know yet falls back to the server's words.
 */
export function exportReason(t: TFunction, error: Pick<ExportError, 'code' | 'message'>): string {
  return t(`exportError.${error.code}`, { defaultValue: error.message });
}

/** Whether the page's reason is its own translation, so the server's own words are worth showing beside it. */
export const hasOwnReason = (t: TFunction, error: Pick<ExportError, 'code'>): boolean => t(`exportError.${error.code}`, { defaultValue: '' }) !== '';

export function exportStatusText(t: TFunction, format: Format, ex: ExportView): string {
  const time = (iso: string | null) => (iso ? format.dateTime(iso) : '—');
  const batch = ex.batch;
  switch (ex.state) {
    case 'pending':
      return ex.error ? t('exportStatus.retrying', { reason: exportReason(t, ex.error), at: time(ex.nextAttemptAt) }) : t('exportStatus.waiting');
    case 'batched': {
      const number = batch?.number ?? '—';
      // A send that began but never got its answer: Agresso is asked before anything is sent again.
      if (batch?.sendStartedAt && !batch.sentAt) return t('exportStatus.answerLost', { batch: number, sentAt: time(batch.sendStartedAt), askAt: time(batch.nextAttemptAt) });
      if (batch?.error) return t('exportStatus.batchRetrying', { batch: number, reason: exportReason(t, batch.error), at: time(batch.nextAttemptAt) });
      if (batch?.note) return t('exportStatus.batchWaiting', { batch: number });
      return t('exportStatus.batchSending', { batch: number });
    }
    case 'sent':
      return t('exportStatus.sent', { at: time(ex.sentAt), batch: batch?.number ?? '—', order: ex.orderNumber ?? '—' });
    case 'confirmed':
      return t('exportStatus.posted', { voucher: ex.voucherNo ?? '—', order: ex.orderNumber ?? '—' });
    case 'failed':
      return t('exportStatus.failed', { reason: ex.error ? exportReason(t, ex.error) : '—' });
    case 'blocked':
      return t('exportStatus.blocked', { reason: ex.error ? exportReason(t, ex.error) : '—' });
  }
}
