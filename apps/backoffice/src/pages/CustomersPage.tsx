import type { Customer } from '@nota/protocol';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useKeepsBooks } from '../access/access';
import { api } from '../api/endpoints';
import { DataTable } from '../components/DataTable';
import { Pager } from '../components/Pager';
import { Empty, ErrorState, Loading } from '../components/States';
import { useSettled } from './use-settled';

const PAGE = 50;
const column = createColumnHelper<Customer>();

/** FINANCE → CUSTOMERS: search by name, organisation number or customer number, a page at a time. */
export function CustomersPage() {
  const { t } = useTranslation();
  const searchId = useId();
  const keepsBooks = useKeepsBooks();
  const [typed, setTyped] = useState('');
  const q = useSettled(typed.trim());
  /** The last customer number of each page before this one: each page starts after the one before (as quick deep in a million customers as at the start). */
  const [afters, setAfters] = useState<number[]>([]);
  useEffect(() => setAfters([]), [q]);
  const after = afters.at(-1);
  const offset = afters.length * PAGE;
  const list = useQuery({ queryKey: ['customers', q, after], queryFn: () => api.customers.list({ q, limit: PAGE, after }), placeholderData: keepPreviousData });

  const columns = useMemo(
    () => [
      column.accessor('customerNumber', { header: t('customers.column.number'), meta: { numeric: true } }),
      column.accessor('name', {
        header: t('customers.column.name'),
        cell: (c) => (keepsBooks ? <Link href={`/customers/${c.row.original.id}`}>{c.getValue()}</Link> : c.getValue()),
      }),
      column.accessor('orgNumber', { header: t('customers.column.orgNumber') }),
      column.accessor((c) => c.city ?? '', { id: 'city', header: t('customers.column.city') }),
      column.accessor('active', {
        header: t('customers.column.status'),
        cell: (c) => <span className={`badge ${c.getValue() ? 'badge--ok' : 'badge--muted'}`}>{t(c.getValue() ? 'common:customer.active' : 'common:customer.inactive')}</span>,
      }),
      column.accessor('invoicingEnabled', {
        header: t('customers.column.invoicing'),
        cell: (c) => (c.getValue() ? t('common:yesNo.yes') : t('common:yesNo.no')),
      }),
      // A store manager reads customers; creating and editing them is head office's.
      ...(keepsBooks ? [column.display({
        id: 'edit',
        header: () => <span className="visually-hidden">{t('customers.editShort')}</span>,
        cell: (c) => (
          <Link href={`/customers/${c.row.original.id}`} className="icon-button" aria-label={t('customers.edit', { name: c.row.original.name })}>
            <span aria-hidden="true">✎</span>
          </Link>
        ),
      })] : []),
    ],
    [t, keepsBooks],
  );

  const data = list.data;
  return (
    <section aria-labelledby="customers-title" className="page">
      <div className="page__head">
        <h1 id="customers-title">{t('customers.title')}</h1>
        {keepsBooks ? (
          <Link href="/customers/new" className="button button--primary">
            {t('customers.add')}
          </Link>
        ) : null}
      </div>
      <div className="toolbar">
        <div className="field field--search">
          <label htmlFor={searchId}>{t('customers.search')}</label>
          <input id={searchId} type="search" value={typed} onChange={(e) => setTyped(e.target.value)} aria-describedby={`${searchId}-help`} autoComplete="off" />
          <p id={`${searchId}-help`} className="field__help">
            {t('customers.searchHelp')}
          </p>
        </div>
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : data && data.customers.length === 0 ? (
        <Empty>{q ? t('customers.noneFound', { q }) : t('customers.none')}</Empty>
      ) : data ? (
        <>
          <DataTable caption={t('customers.title')} data={data.customers} columns={columns} rowId={(c) => c.id} />
          <Pager
            busy={list.isFetching}
            range={t(data.totalCapped ? 'pager.rangeMore' : 'pager.range', { from: offset + 1, to: offset + data.customers.length, total: data.total })}
            onPrevious={afters.length > 0 ? () => setAfters((a) => a.slice(0, -1)) : undefined}
            onNext={
              (data.totalCapped || offset + PAGE < data.total) && data.customers.length === PAGE
                ? () => setAfters((a) => [...a, data.customers.at(-1)!.customerNumber])
                : undefined
            }
          />
        </>
      ) : null}
    </section>
  );
}
