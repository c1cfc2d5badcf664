import { errorText } from '@nota/web-kit';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd } from '../components/Field';
import { useFormat } from '../components/format';
import { useHotkeys } from '../components/hotkeys';
import { useRegister, useStores } from '../stores/context';

/** The sale is on disk. Cash: the change, large. Invoice: the delivery note, printed only if wanted. */
export function CompletedPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const sale = useRegister('payment', (s) => s.completed);
  const printing = useRegister('payment', (s) => s.printing);
  const printed = useRegister('payment', (s) => s.printed);
  const printError = useRegister('payment', (s) => s.printError);
  const { payment, notices } = useStores();
  const next = useRef<HTMLButtonElement>(null);
  useEffect(() => next.current?.focus(), []);

  const print = async () => {
    const error = await payment.getState().printDeliveryNote();
    if (error && sale) {
      const saleId = sale.id;
      notices.getState().push({
        id: `print-${saleId}`,
        title: 'notices.printFailed',
        error,
        retry: async () => !(await payment.getState().printDeliveryNote()),
      });
    }
  };
  const done = () => {
    if (sale) notices.getState().dismiss(`print-${sale.id}`);
    payment.getState().done();
  };
  useHotkeys({ F8: sale?.invoice && !printing ? () => void print() : undefined, Escape: done });
  if (!sale) return null;

  return (
    <section className="panel completed" aria-labelledby="completed-title">
      <h2 id="completed-title">{sale.invoice ? t('completed.invoiceTitle') : t('completed.title')}</h2>
      <p className="muted">{t('completed.receipt', { number: sale.receiptNumber })}</p>
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
            <p className="field__error" role="alert">
              {errorText(t, printError)}
            </p>
          ) : null}
          <button type="button" className="button" disabled={printing} onClick={() => void print()}>
            {printing ? t('completed.printing') : printError ? t('completed.printAgain') : printed ? t('completed.printCopy') : t('completed.print')} <Kbd>F8</Kbd>
          </button>
        </div>
      ) : null}
      <button ref={next} type="button" className="button button--primary button--large" onClick={done}>
        {t('completed.next')} <Kbd>Esc</Kbd>
      </button>
    </section>
  );
}
