import type { ProductBody, ProductSort } from '@nota/protocol';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper, type SortingState } from '@tanstack/react-table';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api } from '../api/endpoints';
import { DataTable } from '../components/DataTable';
import { useFormat } from '../components/format';
import { Pager } from '../components/Pager';
import { Empty, ErrorState, Loading } from '../components/States';
import { useCatalogLookups } from './catalog-data';
import { ProductGroupsSection } from './ProductGroupsSection';
import { useSettled } from './use-settled';

const PAGE = 50;
const column = createColumnHelper<ProductBody>();
/** The columns the server can sort by, by the table's column id. */
const SORTABLE: Record<string, ProductSort> = { sku: 'sku', name: 'name', group: 'group', price: 'price' };

/** PRODUCTS: search by name, SKU or barcode, one group at a time, sorted and paged on the server; the groups below. */
export function ProductsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const searchId = useId();
  const groupFilterId = useId();
  const lookups = useCatalogLookups();
  const [typed, setTyped] = useState('');
  const q = useSettled(typed.trim());
  const [groupId, setGroupId] = useState('');
  const [sorting, setSorting] = useState<SortingState>([{ id: 'name', desc: false }]);
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(0), [q, groupId, sorting]);
  const sort = SORTABLE[sorting[0]?.id ?? 'name'] ?? 'name';
  const direction = sorting[0]?.desc ? 'desc' : 'asc';
  const list = useQuery({
    queryKey: ['products', q, groupId, sort, direction, offset],
    queryFn: () => api.catalog.products({ q, groupId: groupId || undefined, sort, direction, limit: PAGE, offset }),
    placeholderData: keepPreviousData,
  });

  const columns = useMemo(
    () => [
      column.accessor('sku', { id: 'sku', header: t('products.column.sku') }),
      column.accessor('name', {
        id: 'name',
        header: t('products.column.name'),
        cell: (c) => <Link href={`/products/${encodeURIComponent(c.row.original.id)}`}>{c.getValue()}</Link>,
      }),
      column.accessor((p) => lookups.groupName(p.groupId) ?? '', {
        id: 'group',
        header: t('products.column.group'),
        cell: (c) => c.getValue() || <span className="muted">{t('products.noGroup')}</span>,
      }),
      column.accessor('priceOre', { id: 'price', header: t('products.column.price'), meta: { numeric: true }, cell: (c) => format.money(c.getValue()) }),
      column.accessor('vatCode', {
        id: 'vat',
        header: t('products.column.vat'),
        enableSorting: false,
        meta: { numeric: true },
        cell: (c) => {
          const bp = lookups.rateToday(c.getValue());
          return bp === null ? <span className="text-bad">{t('products.noRate', { code: c.getValue() })}</span> : format.percent(bp);
        },
      }),
      column.accessor('barcode', { id: 'barcode', header: t('products.column.barcode'), enableSorting: false, cell: (c) => c.getValue() ?? '—' }),
      column.accessor('active', {
        id: 'active',
        header: t('products.column.status'),
        enableSorting: false,
        cell: (c) => <span className={`badge ${c.getValue() ? 'badge--ok' : 'badge--muted'}`}>{t(c.getValue() ? 'products.active' : 'products.inactive')}</span>,
      }),
      column.display({
        id: 'edit',
        header: () => <span className="visually-hidden">{t('common:action.edit')}</span>,
        cell: (c) => (
          <Link href={`/products/${encodeURIComponent(c.row.original.id)}`} className="icon-button" aria-label={t('products.edit', { name: c.row.original.name })}>
            <span aria-hidden="true">✎</span>
          </Link>
        ),
      }),
    ],
    [t, format, lookups],
  );

  const data = list.data;
  const groups = lookups.groups.data?.productGroups ?? [];
  return (
    <section aria-labelledby="products-title" className="page">
      <div className="page__head">
        <h1 id="products-title">{t('products.title')}</h1>
        <Link href="/products/new" className="button button--primary">
          {t('products.add')}
        </Link>
      </div>
      <div className="toolbar">
        <div className="field field--search">
          <label htmlFor={searchId}>{t('products.search')}</label>
          <input id={searchId} type="search" value={typed} onChange={(e) => setTyped(e.target.value)} aria-describedby={`${searchId}-help`} autoComplete="off" />
          <p id={`${searchId}-help`} className="field__help">
            {t('products.searchHelp')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={groupFilterId}>{t('products.groupFilter')}</label>
          <select id={groupFilterId} value={groupId} onChange={(e) => setGroupId(e.target.value)}>
            <option value="">{t('products.allGroups')}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
            <option value="-">{t('products.noGroup')}</option>
          </select>
        </div>
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : data && data.products.length === 0 ? (
        <Empty>{q || groupId ? t('products.noneFound') : t('products.none')}</Empty>
      ) : data ? (
        <>
          <DataTable caption={t('products.title')} data={data.products} columns={columns} rowId={(p) => p.id} serverSort={{ sorting, onChange: (s) => setSorting(s.length ? s : [{ id: 'name', desc: false }]) }} />
          <Pager
            busy={list.isFetching}
            range={t('pager.range', { from: offset + 1, to: offset + data.products.length, total: data.total })}
            onPrevious={offset > 0 ? () => setOffset(Math.max(0, offset - PAGE)) : undefined}
            onNext={offset + PAGE < data.total ? () => setOffset(offset + PAGE) : undefined}
          />
        </>
      ) : null}
      <ProductGroupsSection />
    </section>
  );
}
