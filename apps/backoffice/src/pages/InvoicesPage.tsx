import { DocumentStatus, ExportState, type InvoiceSort, type InvoiceSummary } from '@nota/protocol';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper, type SortingState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { api, type InvoiceFilter } from '../api/endpoints';
import { DataTable } from '../components/DataTable';
import { FormField } from '../components/FormField';
import { useFormat } from '../components/format';
import { Pager } from '../components/Pager';
import { Empty, ErrorState, Loading } from '../components/States';
import { ExportBadge, StatusBadge } from './badges';
import { InvoicePanel } from './InvoicePanel';

const column = createColumnHelper<InvoiceSummary>();
const PAGE = 50;
/** The server's sort for each sortable column (the export state is filtered, not sorted). */
const SORTS: Record<string, InvoiceSort> = {
  number: 'number',
  customerName: 'customer',
  costCentre: 'costCentre',
  invoiceDate: 'invoiceDate',
  dueDate: 'dueDate',
  totalOre: 'total',
  status: 'status',
};

/** FINANCE → INVOICES: filtered on the server, a page at a time; a click opens the invoice on the right. */
export function InvoicesPage({ openId = null }: { openId?: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [, navigate] = useLocation();
  const [filter, setFilter] = useState<Omit<InvoiceFilter, 'before'>>({});
  /** Sorted on the server, so every page is in the order the header shows; newest first until a header is chosen. */
  const [sorting, setSorting] = useState<SortingState>([]);
  const sortBy = sorting[0] ? { sort: SORTS[sorting[0].id], dir: sorting[0].desc ? ('desc' as const) : ('asc' as const) } : {};
  const costCentres = useQuery({ queryKey: ['cost-centres'], queryFn: api.registers.costCentres, staleTime: 60_000 });
  /** The cursors of the pages before this one; the last is this page's. */
  const [cursors, setCursors] = useState<string[]>([]);
  const before = cursors.at(-1);
  const list = useQuery({
    queryKey: ['invoices', filter, sortBy, before],
    queryFn: () => api.invoices.list({ ...filter, ...sortBy, before, limit: PAGE }),
    placeholderData: keepPreviousData,
  });
  const change = (patch: Partial<InvoiceFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setCursors([]);
  };

  const columns = useMemo(
    () => [
      column.accessor((i) => i.number ?? 0, {
        id: 'number',
        header: t('invoices.column.number'),
        cell: (c) => {
          const i = c.row.original;
          const label = i.number ?? t('invoices.draftNumber');
          return (
            <button type="button" className="link" onClick={() => navigate(`/invoices/${i.id}`)} aria-label={t('invoices.open', { number: label })} aria-expanded={i.id === openId}>
              {label}
            </button>
          );
        },
      }),
      column.accessor('customerName', { header: t('invoices.column.customer') }),
      column.accessor('costCentre', { header: t('invoices.column.costCentre') }),
      column.accessor((i) => i.invoiceDate ?? '', { id: 'invoiceDate', header: t('invoices.column.invoiceDate'), cell: (c) => (c.getValue() ? format.date(c.getValue()) : '—') }),
      column.accessor((i) => i.dueDate ?? '', { id: 'dueDate', header: t('invoices.column.dueDate'), cell: (c) => (c.getValue() ? format.date(c.getValue()) : '—') }),
      column.accessor('totalOre', { header: t('invoices.column.total'), meta: { numeric: true }, cell: (c) => format.money(c.getValue()) }),
      column.accessor('status', { header: t('invoices.column.status'), cell: (c) => <StatusBadge status={c.getValue()} /> }),
      column.accessor((i) => i.export?.state ?? '', { id: 'export', enableSorting: false, header: t('invoices.column.export'), cell: (c) => <ExportBadge state={c.row.original.export?.state ?? null} /> }),
    ],
    [t, format, navigate, openId],
  );

  return (
    <div className={openId ? 'split' : undefined}>
      <section aria-labelledby="invoices-title" className="page">
        <h1 id="invoices-title">{t('invoices.title')}</h1>
        <form className="toolbar" aria-label={t('invoices.filters')} onSubmit={(e) => e.preventDefault()}>
          <FormField label={t('invoices.status')}>
            {(a11y) => (
              <select {...a11y} value={filter.status ?? ''} onChange={(e) => change({ status: (e.target.value || undefined) as InvoiceFilter['status'] })}>
                <option value="">{t('invoices.all')}</option>
                {DocumentStatus.options.map((s) => (
                  <option key={s} value={s}>
                    {t(`documentStatus.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label={t('invoices.exportState')}>
            {(a11y) => (
              <select {...a11y} value={filter.exportState ?? ''} onChange={(e) => change({ exportState: (e.target.value || undefined) as InvoiceFilter['exportState'] })}>
                <option value="">{t('invoices.all')}</option>
                {ExportState.options.map((s) => (
                  <option key={s} value={s}>
                    {t(`exportState.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label={t('invoices.costCentre')}>
            {(a11y) => (
              <select {...a11y} value={filter.costCentre ?? ''} onChange={(e) => change({ costCentre: e.target.value || undefined })}>
                <option value="">{t('invoices.all')}</option>
                {(costCentres.data?.costCentres ?? []).map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.code} {c.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label={t('invoices.from')}>{(a11y) => <input {...a11y} type="date" value={filter.from ?? ''} onChange={(e) => change({ from: e.target.value || undefined })} />}</FormField>
          <FormField label={t('invoices.to')}>{(a11y) => <input {...a11y} type="date" value={filter.to ?? ''} onChange={(e) => change({ to: e.target.value || undefined })} />}</FormField>
        </form>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.invoices.length === 0 ? (
          <Empty>{t('invoices.none')}</Empty>
        ) : (
          <>
            <DataTable caption={t('invoices.title')} data={list.data.invoices} columns={columns} rowId={(i) => i.id}
              selectedId={openId}
              hidden={openId ? ['costCentre', 'dueDate', 'invoiceDate'] : []}
              serverSort={{
                sorting,
                onChange: (next) => {
                  setSorting(next);
                  setCursors([]);
                },
              }}
            />
            <Pager
              busy={list.isFetching}
              range={t('pager.page', { page: cursors.length + 1 })}
              onPrevious={cursors.length > 0 ? () => setCursors((c) => c.slice(0, -1)) : undefined}
              onNext={list.data.next ? () => setCursors((c) => [...c, list.data.next!]) : undefined}
            />
          </>
        )}
      </section>
      {openId ? <InvoicePanel id={openId} onClose={() => navigate('/invoices')} /> : null}
    </div>
  );
}
