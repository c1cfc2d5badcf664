import type { ApiError, Sale } from '@nota/protocol';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PrintFailure } from '../components/PrintFailure';
import { call } from '../stores/call';
import { useStores } from '../stores/context';
import { isReceiptError } from '../stores/receipt-store';
import { receiptErrorText } from './receipt-errors';

/**
 * Today's receipts still owed: after a printer fault or a crash between a sale and its print, each
 * can be printed from here, so no customer's receipt is lost.
 */
export function UnprintedReceipts({ onPrinted }: { onPrinted?: () => void }) {
  const { t } = useTranslation();
  const { transport, receipts } = useStores();
  const [owed, setOwed] = useState<Sale[]>([]);
  const [printing, setPrinting] = useState<string | null>(null);
  const [error, setError] = useState<{ saleId: string; error: ApiError } | null>(null);

  const load = useCallback(async () => {
    const result = await call(transport, 'receipts/unprinted', {});
    if (result.ok) setOwed(result.data.sales);
  }, [transport]);
  useEffect(() => {
    void load();
  }, [load]);
  if (owed.length === 0) return null;

  const print = async (sale: Sale) => {
    setPrinting(sale.id);
    const answer = await receipts.getState().print(sale.id, 'original');
    setPrinting(null);
    setError(isReceiptError(answer) ? { saleId: sale.id, error: answer } : null);
    await load();
    onPrinted?.();
  };

  return (
    <section className="unprinted" aria-labelledby="unprinted-title">
      <h2 id="unprinted-title">{t('receipts.unprintedTitle', { count: owed.length })}</h2>
      <ul className="plain-list">
        {owed.map((sale) => (
          <li key={sale.id}>
            <button type="button" className="button" disabled={printing !== null} onClick={() => void print(sale)}>
              {printing === sale.id ? t('receipts.printing') : t('receipts.printNumber', { number: sale.receiptNumber })}
            </button>
          </li>
        ))}
      </ul>
      {error ? (
        <PrintFailure
          error={{ ...error.error, message: receiptErrorText(t, error.error) }}
          retrying={printing !== null}
          onRetry={() => {
            const sale = owed.find((s) => s.id === error.saleId);
            if (sale) void print(sale);
          }}
          onDismiss={() => setError(null)}
          title={t('receipts.printFailed')}
          hint={t('receipts.saleSafe')}
        />
      ) : null}
    </section>
  );
}
