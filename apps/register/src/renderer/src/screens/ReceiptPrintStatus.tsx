import type { Sale } from '@nota/protocol';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PrintFailure } from '../components/PrintFailure';
import { useRegister, useStores } from '../stores/context';
import { receiptErrorText } from './receipt-errors';

/** The completed sale's receipt: printed as soon as the sale is saved, its state said, a failure retried. */
export function ReceiptPrintStatus({ sale }: { sale: Sale }) {
  const { t } = useTranslation();
  const { receipts } = useStores();
  const mine = useRegister('receipts', (s) => s.saleId === sale.id);
  const printing = useRegister('receipts', (s) => s.printing);
  const printed = useRegister('receipts', (s) => s.printed);
  const error = useRegister('receipts', (s) => s.error);
  useEffect(() => {
    void receipts.getState().printOriginal(sale.id);
  }, [receipts, sale.id]);
  if (!mine) return null;

  const retry = () => void receipts.getState().printOriginal(sale.id);
  if (error) {
    return (
      <PrintFailure
        error={{ ...error, message: receiptErrorText(t, error) }}
        retrying={printing}
        onRetry={retry}
        onDismiss={() => receipts.getState().dismissError()}
        title={t('receipts.printFailed')}
        hint={t('receipts.saleSafe')}
      />
    );
  }
  return (
    <p role="status" className="receipt-status">
      {printing ? t('receipts.printing') : printed ? t('receipts.printed') : null}
      {printed?.drawerOpened ? ` ${t('receipts.drawerOpens')}` : null}
    </p>
  );
}
