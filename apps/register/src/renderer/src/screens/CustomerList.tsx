import type { CustomerSummary } from '@nota/protocol';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegister, useStores } from '../stores/context';

/** A row's height before it is measured (one line of name and numbers, at the 44 px touch size). */
const ROW_ESTIMATE = 52;
/** Ask for the next page while this many loaded rows are still below the visible ones. */
const PREFETCH_ROWS = 40;

/**
 * The customers matching the current search, as a listbox. Only the rows in view (and a few around
 * them) are in the page, so a list of a million scrolls as lightly as one of ten; the next page is
 * fetched from the core before the cashier reaches the end. A customer who cannot be invoiced says
 * so and, in the invoice lookup, is not selectable.
 */
export function CustomerList({
  id,
  active,
  onChoose,
  optionId,
  selectedId,
}: {
  id: string;
  /** The highlighted row, kept in view; -1 for none. */
  active: number;
  onChoose: (customer: CustomerSummary) => void;
  optionId: (c: CustomerSummary) => string;
  /** Set where the list chooses a customer to edit rather than to invoice. */
  selectedId?: string | null;
}) {
  const { t } = useTranslation();
  const { customers } = useStores();
  const results = useRegister('customers', (s) => s.results);
  const resultsFor = useRegister('customers', (s) => s.resultsFor);
  const complete = useRegister('customers', (s) => s.nextCursor === null);
  const scroller = useRef<HTMLUListElement>(null);
  const virtualizer = useVirtualizer({
    count: results.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (index) => results[index]!.id,
    overscan: 6,
    // React 19 batches the scroll updates itself; a synchronous flush inside its commit only warns.
    useFlushSync: false,
  });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows.length ? rows[rows.length - 1]!.index : -1;

  useEffect(() => {
    if (!complete && lastShown >= results.length - PREFETCH_ROWS) void customers.getState().loadMore();
  }, [complete, lastShown, results.length, customers]);
  // The highlight moved: bring it into view. Only then: a page arriving must not move the list.
  const count = useRef(results.length);
  count.current = results.length;
  useEffect(() => {
    if (active >= 0 && active < count.current) virtualizer.scrollToIndex(active);
  }, [active, virtualizer]);
  // A new search starts at the top of its list.
  useEffect(() => {
    scroller.current?.scrollTo?.({ top: 0 });
  }, [resultsFor]);

  return (
    // data-results-for says which query the list answers, data-loaded how many rows have come so far
    // (benchmarks and tests wait on them). The list is as tall as all its rows would be (--rows-height,
    // an empty ::before); the rows in view are placed where they belong.
    <ul
      ref={scroller}
      id={id}
      role="listbox"
      aria-label={t('invoice.results')}
      // Scrollable, so reachable by keyboard too (the search box's arrows move the highlight).
      tabIndex={0}
      className="result-list result-list--customers result-list--virtual"
      data-results-for={resultsFor ?? undefined}
      data-loaded={results.length}
      data-complete={complete}
      style={{ '--rows-height': `${virtualizer.getTotalSize()}px` } as CSSProperties}
    >
      {results.length === 0 ? <li className="muted">{t('invoice.noResults')}</li> : null}
      {rows.map((row) => {
        const c = results[row.index]!;
        return (
          <li
            key={row.key}
            ref={virtualizer.measureElement}
            data-index={row.index}
            id={optionId(c)}
            role="option"
            aria-posinset={row.index + 1}
            // Unknown until the last page is in.
            aria-setsize={complete ? results.length : -1}
            aria-selected={selectedId !== undefined ? c.id === selectedId : row.index === active}
            aria-disabled={selectedId === undefined ? !c.invoiceable : undefined}
            className={`result${row.index === active ? ' result--active' : ''}${c.invoiceable ? '' : ' result--blocked'}`}
            style={{ transform: `translateY(${row.start}px)` }}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onChoose(c)}
          >
            <span className="result__name">{c.name}</span>
            <span className="muted">
              {c.customerNumber} · {c.orgNumber}
              {c.city ? ` · ${c.city}` : ''}
            </span>
            {!c.active ? <span className="badge badge--warn">{t('common:customer.inactive')}</span> : !c.invoicingEnabled ? <span className="badge badge--warn">{t('common:customer.notInvoiceable')}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
