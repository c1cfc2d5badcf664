import type { DayReport } from '@nota/protocol';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../components/format';

/** The figures of an X or Z report, as a list of label and amount. */
export function DayFigures({ report }: { report: DayReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const fig = report.figures;
  const row = (label: string, value: string, key = label) => (
    <div key={key} className="summary__row">
      <dt>{label}</dt>
      <dd className="amount">{value}</dd>
    </div>
  );
  return (
    <div className="day-figures">
      <p className="muted">
        {report.periodStart ? t('reports.since', { time: f.dateTime(report.periodStart) }) : t('reports.sinceStart')} ·{' '}
        {t('reports.taken', { time: f.dateTime(report.producedAt) })}
      </p>
      <dl className="summary" aria-label={t('reports.salesHeading')}>
        {row(t('reports.receipts'), String(fig.receiptCount))}
        {row(t('reports.sales', { count: fig.sales.count }), f.money(fig.sales.grossOre))}
        {row(t('reports.returns', { count: fig.returns.count }), f.money(-fig.returns.amountOre))}
        {row(t('reports.netSales'), f.money(fig.netSalesOre))}
        {fig.vatRates.map((r) => row(t('reports.vatAt', { rate: f.percent(r.rateBp) }), f.money(r.vatOre), `vat-${r.rateBp}`))}
        {fig.payments.map((p) => row(`${t(`common:paymentMethod.${p.method}`)} (${p.count})`, f.money(p.amountOre), `pay-${p.method}`))}
        {fig.groups.map((g) => row(`${g.name ?? t('reports.noGroup')} (${g.quantity})`, f.money(g.grossOre), `group-${g.groupId ?? ''}`))}
        {row(t('reports.discounts'), f.money(fig.discountOre))}
        {row(t('reports.rounding'), f.money(fig.roundingOre))}
        {row(t('reports.copies'), String(fig.copies))}
        {row(t('reports.training', { count: fig.training.count }), f.money(fig.training.amountOre))}
        {row(t('reports.drawerOpenings'), String(fig.drawerOpeningsWithoutSale))}
        {row(t('reports.invoices', { count: fig.invoices.count }), f.money(fig.invoices.amountOre))}
        {row(t('reports.deliveryNotes'), String(fig.invoices.deliveryNotes))}
        {fig.invoices.list.map((inv) =>
          row(t('reports.invoiceLine', { receipt: inv.receiptNumber, note: inv.deliveryNoteNumber ?? '–', customer: inv.customerName ?? '' }), f.money(inv.amountOre), `inv-${inv.receiptNumber}`),
        )}
      </dl>
      <dl className="summary" aria-label={t('reports.cashHeading')}>
        {row(t('reports.float'), f.money(fig.cash.floatOre))}
        {row(t('reports.expected'), f.money(fig.cash.expectedOre))}
        {fig.cash.countedOre !== null ? row(t('reports.counted'), f.money(fig.cash.countedOre)) : null}
        {fig.cash.differenceOre !== null ? row(t('reports.difference'), f.money(fig.cash.differenceOre)) : null}
        {row(t('reports.grandTotal'), f.money(fig.grandTotalOre))}
      </dl>
    </div>
  );
}
