import type { ApiError, ReceiptPrintState, Sale } from '@nota/protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../components/format';
import { PrintFailure } from '../components/PrintFailure';
import { useStores } from '../stores/context';
import { isReceiptError } from '../stores/receipt-store';
import { receiptErrorText } from './receipt-errors';

/**
 * A sale's receipt in today's sales: print it if it never printed (a printer fault, a crash), else its
 * one copy; once the copy is out the button stays, disabled, saying why.
 */
export function ReceiptActions({ sale }: { sale: Sale }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { receipts } = useStores();
  const [state, setState] = useState<ReceiptPrintState | null>(null);
  const [printing, setPrinting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    setState(null);
    setError(null);
    setDone(null);
    void receipts
      .getState()
      .states([sale.id])
      .then((answer) => (isReceiptError(answer) ? setError(answer) : setState(answer[0] ?? null)));
  }, [receipts, sale.id]);
  if (!state) return error ? <p className="field__error" role="alert">{receiptErrorText(t, error)}</p> : null;

  const kind = state.originalPrintedAt ? 'copy' : 'original';
  const print = async () => {
    setPrinting(true);
    setDone(null);
    const answer = await receipts.getState().print(sale.id, kind);
    setPrinting(false);
    if (isReceiptError(answer)) {
      setError(answer);
      return;
    }
    setError(null);
    setDone(answer.copy ? t('receipts.copyPrinted') : t('receipts.printed'));
    setState({ ...state, ...(answer.copy ? { copyPrintedAt: answer.printedAt } : { originalPrintedAt: answer.printedAt }) });
  };
  const copyUsed = state.copyPrintedAt !== null;

  return (
    <div className="receipt-actions">
      {!state.originalPrintedAt ? <p className="badge badge--warn">{t('receipts.notPrinted')}</p> : null}
      {error ? (
        <PrintFailure
          error={{ ...error, message: receiptErrorText(t, error) }}
          retrying={printing}
          onRetry={() => void print()}
          onDismiss={() => setError(null)}
          title={kind === 'copy' ? t('receipts.copyFailed') : t('receipts.printFailed')}
          hint={t('receipts.saleSafe')}
        />
      ) : (
        <button type="button" className="button" disabled={printing || copyUsed} aria-describedby={copyUsed ? `copy-used-${sale.id}` : undefined} onClick={() => void print()}>
          {printing ? t('receipts.printing') : kind === 'copy' ? t('receipts.printCopy') : t('receipts.printReceipt')}
        </button>
      )}
      {copyUsed ? (
        <p id={`copy-used-${sale.id}`} className="muted">
          {t('receipts.copyUsed', { time: f.time(state.copyPrintedAt!) })}
        </p>
      ) : null}
      {done ? <p role="status">{done}</p> : null}
    </div>
  );
}
