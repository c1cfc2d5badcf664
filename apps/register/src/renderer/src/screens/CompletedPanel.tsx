import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd } from '../components/Field';
import { useFormat } from '../components/format';
import { PrintFailure } from '../components/PrintFailure';
import { useHotkeys } from '../components/hotkeys';
import { useRegister, useStores } from '../stores/context';
import { ReceiptPrintStatus } from './ReceiptPrintStatus';

/** The sale is on disk. Cash: the change, large. Invoice: the delivery note, printed only if wanted. */
export function CompletedPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const sale = useRegister('payment', (s) => s.completed);
  const printing = useRegister('payment', (s) => s.printing);
  const printed = useRegister('payment', (s) => s.printed);
  const printError = useRegister('payment', (s) => s.printError);
  const { payment } = useStores();
  const next = useRef<HTMLButtonElement>(null);
  useEffect(() => next.current?.focus(), []);

  const print = () => void payment.getState().printDeliveryNote();
  const done = () => payment.getState().done();
  useHotkeys({ F8: sale?.invoice && !printing ? print : undefined, Escape: done });
  if (!sale) return null;

  return (
    <section className="panel completed" aria-labelledby="completed-title">
      <h2 id="completed-title">{sale.invoice ? t('completed.invoiceTitle') : t('completed.title')}</h2>
      <p className="muted">{t('completed.receipt', { number: sale.receiptNumber })}</p>
      <ReceiptPrintStatus sale={sale} />
      {sale.changeOre > 0 || sale.payments.some((p) => p.method === 'cash') ? (
        <p className="change">
          {t('payment.change')}: <strong className="amount amount--huge">{f.money(sale.changeOre)}</strong>
        </p>
      ) : null}
      <dl className="summary">
        <dt>{t('payment.total')}</dt>
        <dd className="amount">{f.money(sale.totalDueOre)}</dd>
        {sale.payments.map((p, i) => (
          <div key={i} className="summary__row">
            <dt>{t(`common:paymentMethod.${p.method}`)}</dt>
            <dd className="amount">{f.money(p.amountOre)}</dd>
          </div>
        ))}
      </dl>
      {sale.invoice ? (
        <div className="delivery-note">
          <p>
            {t('completed.invoiceTo', { name: sale.invoice.customer.name, number: sale.invoice.customer.customerNumber })}
            <br />
            {t('completed.deliveryNote', { number: sale.invoice.deliveryNoteNumber })}
          </p>
          {printed ? <p role="status">{printed.copy ? t('completed.printedCopy') : t('completed.printed')}</p> : null}
          {printError ? (
            <PrintFailure error={printError} retrying={printing} retryKey="F8" onRetry={print} onDismiss={() => payment.getState().dismissPrintError()} />
          ) : (
            <button type="button" className="button" disabled={printing} onClick={print}>
              {printing ? t('completed.printing') : printed ? t('completed.printCopy') : t('completed.print')} <Kbd>F8</Kbd>
            </button>
          )}
        </div>
      ) : null}
      <button ref={next} type="button" className="button button--primary button--large" onClick={done}>
        {t('completed.next')} <Kbd>Esc</Kbd>
      </button>
    </section>
  );
}
