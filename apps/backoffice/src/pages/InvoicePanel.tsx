import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { useTranslation } from 'react-i18next';
import { api } from '../api/endpoints';
import { useFormat } from '../components/format';
import { ErrorState, errorMessage, Loading, Notice } from '../components/States';
import { ExportBadge, StatusBadge } from './badges';
import { exportStatusText, hasOwnReason } from './export-status';
import { contentView } from './invoice-content';
import { useKeepsBooks } from '../access/access';

const RETRYABLE = new Set(['failed', 'blocked']);

/** The whole invoice on the right: facts, lines, totals, its export with the reason of a failure, PDF. */
export function InvoicePanel({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  // Crediting, retrying and activating are head office's: a store manager reads its cost centres' invoices.
  const keepsBooks = useKeepsBooks();
  const heading = useRef<HTMLHeadingElement>(null);
  const invoice = useQuery({ queryKey: ['invoice', id], queryFn: () => api.invoices.get(id) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['invoice', id] });
    void queryClient.invalidateQueries({ queryKey: ['invoices'] });
    void queryClient.invalidateQueries({ queryKey: ['exports'] });
  };
  const retry = useMutation({ mutationFn: () => api.exports.retry(id), onSuccess: refresh });
  const activate = useMutation({ mutationFn: () => api.invoices.activate(id), onSuccess: refresh });
  const [confirmCredit, setConfirmCredit] = useState(false);
  const credit = useMutation({
    mutationFn: () => api.invoices.credit(id),
    onSuccess: () => {
      setConfirmCredit(false);
      refresh();
    },
  });
  useEffect(() => heading.current?.focus(), [id, invoice.isSuccess]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  let body;
  if (invoice.isPending) body = <Loading />;
  else if (invoice.isError) body = <ErrorState error={invoice.error} onRetry={() => void invoice.refetch()} />;
  else {
    const i = invoice.data.invoice;
    const content = contentView(i.content);
    const title = i.status === 'draft' ? t('invoices.draftTitle', { customer: i.customerName }) : i.kind === 'credit' ? t('invoices.creditTitle', { number: i.number }) : t('invoices.detail', { number: i.number });
    const ex = i.export;
    body = (
      <>
        <div className="panel__head">
          <h2 id="invoice-panel-title" ref={heading} tabIndex={-1}>
            {title}
          </h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label={t('invoices.close')}>
            <span aria-hidden="true">✕</span>
          </button>
        </div>
        <p>
          <StatusBadge status={i.status} /> <ExportBadge state={ex?.state ?? null} />
        </p>
        <dl className="facts">
          <dt>{t('invoices.facts.customer')}</dt>
          <dd>
            {i.customerName} ({i.customerNumber})
          </dd>
          <dt>{t('invoices.facts.invoiceDate')}</dt>
          <dd>{i.invoiceDate ? format.date(i.invoiceDate) : '—'}</dd>
          <dt>{t('invoices.facts.dueDate')}</dt>
          <dd>{i.dueDate ? format.date(i.dueDate) : '—'}</dd>
          <dt>{t('invoices.facts.reference')}</dt>
          <dd>{i.paymentReference ?? '—'}</dd>
          <dt>{t('invoices.facts.buyerReference')}</dt>
          <dd>{content.buyerReference ?? '—'}</dd>
          <dt>{t('invoices.facts.costCentre')}</dt>
          <dd>{i.costCentre}</dd>
          {content.registerName ? (
            <>
              <dt>{t('invoices.facts.register')}</dt>
              <dd>{content.registerName}</dd>
            </>
          ) : null}
          {i.creditOf ? (
            <>
              <dt>{t('invoices.facts.credits')}</dt>
              <dd>
                <Link href={`/invoices/${i.creditOf.id}`}>{t('invoices.detail', { number: i.creditOf.number })}</Link>
              </dd>
            </>
          ) : null}
          {i.creditedBy ? (
            <>
              <dt>{t('invoices.facts.creditedBy')}</dt>
              <dd>
                <Link href={`/invoices/${i.creditedBy.id}`}>{t('invoices.creditTitle', { number: i.creditedBy.number })}</Link>
              </dd>
            </>
          ) : null}
        </dl>
        {i.status !== 'draft' ? (
          <p className="actions actions--start">
            <a className="button" href={api.invoices.pdfUrl(i.id, format.language)} target="_blank" rel="noopener">
              {t('invoices.pdf')}
            </a>
            <button type="button" className="button" onClick={() => window.print()}>
              {t('invoices.print')}
            </button>
            {keepsBooks && i.kind === 'invoice' && !i.creditedBy && !confirmCredit ? (
              <button type="button" className="button" onClick={() => setConfirmCredit(true)}>
                {t('invoices.credit')}
              </button>
            ) : null}
          </p>
        ) : null}
        {confirmCredit ? (
          <div className="card card--warn" role="group" aria-labelledby="credit-question">
            <p id="credit-question">{t('invoices.creditQuestion', { number: i.number, amount: format.money(i.amountDueOre) })}</p>
            <p className="actions actions--start">
              <button type="button" className="button button--primary" onClick={() => credit.mutate()} disabled={credit.isPending}>
                {credit.isPending ? t('invoices.crediting') : t('invoices.creditConfirm')}
              </button>
              <button type="button" className="button" onClick={() => setConfirmCredit(false)} disabled={credit.isPending}>
                {t('invoices.creditCancel')}
              </button>
            </p>
            {credit.isError ? <Notice kind="error">{errorMessage(t, credit.error)}</Notice> : null}
          </div>
        ) : null}
        {credit.isSuccess ? <Notice>{t('invoices.credited', { number: credit.data.invoice.number })}</Notice> : null}
        {i.problems.length > 0 ? (
          <div className="card card--warn">
            <p>{t('invoices.waiting')}</p>
            <ul>
              {i.problems.map((p) => (
                <li key={`${p.code}:${p.field ?? ''}`}>{p.message}</li>
              ))}
            </ul>
            {keepsBooks ? (
              <button type="button" className="button" onClick={() => activate.mutate()} disabled={activate.isPending}>
                {t('invoices.activate')}
              </button>
            ) : null}
            {activate.isError ? <Notice kind="error">{errorMessage(t, activate.error)}</Notice> : null}
          </div>
        ) : null}
        {activate.isSuccess ? <Notice>{t('invoices.activated')}</Notice> : null}

        <h3>{t('invoices.lines')}</h3>
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t('invoices.line.description')}</th>
              <th scope="col" className="numeric">
                {t('invoices.line.quantity')}
              </th>
              <th scope="col" className="numeric">
                {t('invoices.line.unitPrice')}
              </th>
              <th scope="col" className="numeric">
                {t('invoices.line.vat')}
              </th>
              <th scope="col" className="numeric">
                {t('invoices.line.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {content.lines.map((line, n) => (
              <tr key={n}>
                <td>{line.description}</td>
                <td className="numeric">{line.quantity}</td>
                <td className="numeric">{format.amount(line.unitPriceOre)}</td>
                <td className="numeric">{format.percent(line.vatRateBp)}</td>
                <td className="numeric">{format.amount(line.grossOre)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {content.netOre !== undefined ? (
              <tr>
                <th scope="row" colSpan={4}>
                  {t('invoices.totals.net')}
                </th>
                <td className="numeric">{format.amount(content.netOre)}</td>
              </tr>
            ) : null}
            {content.vatOre !== undefined ? (
              <tr>
                <th scope="row" colSpan={4}>
                  {t('invoices.totals.vat')}
                </th>
                <td className="numeric">{format.amount(content.vatOre)}</td>
              </tr>
            ) : null}
            <tr className="total">
              <th scope="row" colSpan={4}>
                {t('invoices.totals.total')}
              </th>
              <td className="numeric">{format.money(i.amountDueOre)}</td>
            </tr>
          </tfoot>
        </table>

        <h3>{t('invoices.exportTitle')}</h3>
        {ex ? (
          <div className={`card${ex.state === 'failed' || ex.state === 'blocked' ? ' card--bad' : ''}`}>
            <dl className="facts">
              <dt>{t('invoices.exportStatus')}</dt>
              <dd>{exportStatusText(t, format, ex)}</dd>
              {ex.error && hasOwnReason(t, ex.error) ? (
                <>
                  <dt>{t('invoices.exportDetail')}</dt>
                  <dd lang="en" className="muted">
                    {ex.error.message}
                  </dd>
                </>
              ) : null}
              {ex.voucherNo ? (
                <>
                  <dt>{t('exports.column.order')}</dt>
                  <dd>{t('invoices.exportVoucher', { voucher: ex.voucherNo, order: ex.orderNumber ?? '—' })}</dd>
                </>
              ) : null}
            </dl>
            {keepsBooks && RETRYABLE.has(ex.state) ? (
              <button type="button" className="button button--primary" onClick={() => retry.mutate()} disabled={retry.isPending}>
                {t('invoices.retry')}
              </button>
            ) : null}
            {retry.isSuccess ? <Notice>{t('invoices.retried')}</Notice> : null}
            {retry.isError ? <Notice kind="error">{errorMessage(t, retry.error)}</Notice> : null}
          </div>
        ) : (
          <p className="muted">{t('invoices.exportNone')}</p>
        )}
        <h3>{t('invoices.history')}</h3>
        {i.events.length === 0 ? (
          <p className="muted">{t('invoices.historyEmpty')}</p>
        ) : (
          <ol className="history">
            {i.events.map((e, n) => (
              <li key={n} className={`history__item history__item--${e.outcome}`}>
                <time dateTime={e.at}>{format.dateTime(e.at)}</time> <span>{e.message}</span>
              </li>
            ))}
          </ol>
        )}
      </>
    );
  }
  return (
    <aside className="panel" aria-labelledby="invoice-panel-title" aria-label={invoice.isSuccess ? undefined : t('invoices.title')}>
      {body}
    </aside>
  );
}
