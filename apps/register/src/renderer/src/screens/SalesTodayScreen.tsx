import type { ApiError, Sale } from '@nota/protocol';
import { errorText } from '@nota/web-kit';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd } from '../components/Field';
import { useHotkeys } from '../components/hotkeys';
import { useFormat } from '../components/format';
import { PrintFailure } from '../components/PrintFailure';
import { call } from '../stores/call';
import { useStores } from '../stores/context';
import { ReceiptActions } from './ReceiptActions';
import { UnprintedReceipts } from './UnprintedReceipts';

const sameDay = (iso: string, day: Date) => {
  const d = new Date(iso);
  return d.getFullYear() === day.getFullYear() && d.getMonth() === day.getMonth() && d.getDate() === day.getDate();
};

/** Today's sales at this register, a sale's detail, and a reprint of its delivery note (a copy). */
export function SalesTodayScreen({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { transport } = useStores();
  const [sales, setSales] = useState<Sale[] | null>(null);
  const [chosen, setChosen] = useState<Sale | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printError, setPrintError] = useState<ApiError | null>(null);
  const [printing, setPrinting] = useState(false);

  useEffect(() => {
    void call(transport, 'sales/recent', { limit: 200 }).then((result) => {
      if (result.ok) setSales(result.data.sales.filter((s) => sameDay(s.completedAt, new Date())));
      else setError(errorText(t, result.error));
    });
  }, [transport, t]);

  useHotkeys({ Escape: onClose });

  const reprint = async (sale: Sale) => {
    setMessage(null);
    setPrinting(true);
    const result = await call(transport, 'delivery-notes/reprint', { saleId: sale.id });
    setPrinting(false);
    setPrintError(result.ok ? null : result.error);
    if (result.ok) setMessage(t('salesToday.reprinted', { number: result.data.number }));
  };
  const choose = (sale: Sale) => {
    setChosen(sale);
    setMessage(null);
    setPrintError(null);
  };

  return (
    <main className="screen sales-today" aria-labelledby="sales-today-title">
      <div className="panel__header">
        <h1 id="sales-today-title">{t('salesToday.title')}</h1>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('common:action.close')} <Kbd>Esc</Kbd>
        </button>
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <UnprintedReceipts key={chosen?.id ?? ''} />
      <div className="split">
        <table className="table">
          <caption className="visually-hidden">{t('salesToday.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('salesToday.time')}</th>
              <th scope="col">{t('salesToday.receipt')}</th>
              <th scope="col">{t('salesToday.payment')}</th>
              <th scope="col">{t('salesToday.customer')}</th>
              <th scope="col" className="amount">
                {t('salesToday.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {sales?.length === 0 ? (
              <tr>
                <td colSpan={5}>{t('salesToday.none')}</td>
              </tr>
            ) : null}
            {(sales ?? []).map((sale) => (
              <tr key={sale.id} aria-selected={chosen?.id === sale.id} className={chosen?.id === sale.id ? 'row--active' : undefined}>
                <td>{f.time(sale.completedAt)}</td>
                <td>
                  <button type="button" className="button--link" onClick={() => choose(sale)}>
                    {t('salesToday.receiptNumber', { number: sale.receiptNumber })}
                  </button>
                  {sale.training ? <span className="badge badge--warn">{t('receipts.training')}</span> : null}
                </td>
                <td>{sale.payments.map((p) => t(`common:paymentMethod.${p.method}`)).join(', ')}</td>
                <td>{sale.invoice?.customer.name ?? ''}</td>
                <td className="amount">{f.money(sale.totalDueOre)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {chosen ? (
          <section className="panel" aria-labelledby="sale-detail-title">
            <h2 id="sale-detail-title">
              {t('salesToday.receiptNumber', { number: chosen.receiptNumber })} {chosen.training ? <span className="badge badge--warn">{t('receipts.training')}</span> : null}
            </h2>
            <p className="muted">{f.dateTime(chosen.completedAt)}</p>
            <ul className="plain-list">
              {chosen.lines.map((line) => (
                <li key={line.lineNo} className="detail-line">
                  <span>
                    {line.quantity} × {line.name}
                  </span>
                  <span className="amount">{f.money(line.grossOre)}</span>
                </li>
              ))}
            </ul>
            <dl className="summary">
              {chosen.roundingOre !== 0 ? (
                <>
                  <dt>{t('payment.rounding')}</dt>
                  <dd className="amount">{f.money(chosen.roundingOre)}</dd>
                </>
              ) : null}
              <dt>{t('payment.total')}</dt>
              <dd className="amount">{f.money(chosen.totalDueOre)}</dd>
              {chosen.vatSummary.map((row) => (
                <div key={row.rateBp} className="summary__row">
                  <dt>{t('salesToday.vatAt', { rate: f.percent(row.rateBp) })}</dt>
                  <dd className="amount">{f.money(row.vatOre)}</dd>
                </div>
              ))}
              {chosen.payments.map((p, i) => (
                <div key={i} className="summary__row">
                  <dt>{t(`common:paymentMethod.${p.method}`)}</dt>
                  <dd className="amount">{f.money(p.amountOre)}</dd>
                </div>
              ))}
            </dl>
            {chosen.invoice ? (
              <>
                <p>
                  {t('completed.invoiceTo', { name: chosen.invoice.customer.name, number: chosen.invoice.customer.customerNumber })}
                  {chosen.invoice.buyerReference ? <><br />{t('invoice.reference')}: {chosen.invoice.buyerReference}</> : null}
                </p>
                {printError ? (
                  <PrintFailure error={printError} retrying={printing} onRetry={() => void reprint(chosen)} onDismiss={() => setPrintError(null)} />
                ) : (
                  <button type="button" className="button" disabled={printing} onClick={() => void reprint(chosen)}>
                    {printing ? t('completed.printing') : t('salesToday.reprint')}
                  </button>
                )}
              </>
            ) : null}
            <ReceiptActions sale={chosen} />
            {message ? <p role="status">{message}</p> : null}
          </section>
        ) : null}
      </div>
    </main>
  );
}
