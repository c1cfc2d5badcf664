import type { Product } from '@nota/protocol';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd } from '../components/Field';
import { useFormat } from '../components/format';
import { SearchCombobox } from '../components/SearchCombobox';
import { SCAN_MAX_INTERVAL_MS, typingAtScannerSpeed } from '../components/scanner';
import { call } from '../stores/call';
import { useStores } from '../stores/context';

const LIMIT = 20;

/**
 * One box for names, SKUs and barcodes. Every keystroke searches (the core answers from an index);
 * an older answer never replaces a newer one. Enter adds the highlighted product, arrows move.
 */
export function ProductSearch({ inputRef, onAdded }: { inputRef: RefObject<HTMLInputElement | null>; onAdded?: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { transport, cart } = useStores();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Product[]>([]);
  const [resultsFor, setResultsFor] = useState('');
  const [active, setActive] = useState(0);
  const ticket = useRef(0);

  useEffect(() => {
    const mine = ++ticket.current;
    if (!query.trim()) {
      setResults([]);
      return;
    }
    const search = () =>
      void call(transport, 'catalog/search', { query: query.slice(0, 100), limit: LIMIT }).then((result) => {
        if (mine !== ticket.current) return;
        setResults(result.ok ? result.data.products : []);
        setResultsFor(query);
        setActive(0);
      });
    // A scanner's digits: search once the burst ends (its Enter usually ends it as a scan instead).
    if (!typingAtScannerSpeed()) return search();
    const timer = setTimeout(search, SCAN_MAX_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [query, transport]);

  const add = (product: Product | undefined) => {
    if (!product) return;
    cart.getState().add(product);
    setQuery('');
    setResults([]);
    onAdded?.();
  };

  const listId = 'product-results';
  return (
    <div className="product-search">
      <SearchCombobox
        id="product-search"
        label={
          <>
            {t('sale.search')} <Kbd>F2</Kbd>
          </>
        }
        listId={listId}
        inputRef={inputRef}
        activeOptionId={results[active] ? `product-${results[active].id}` : undefined}
        expanded={results.length > 0}
        placeholder={t('sale.searchPlaceholder')}
        value={query}
        onChange={setQuery}
        onMove={(delta) => setActive((a) => Math.max(0, Math.min(a + delta, results.length - 1)))}
        onEnter={() => {
          if (resultsFor === query) add(results[active]);
          // Typed faster than the answers came: the product is the best match for what is typed now.
          else if (query.trim()) void call(transport, 'catalog/search', { query: query.slice(0, 100), limit: 1 }).then((r) => r.ok && add(r.data.products[0]));
        }}
      />
      <ul id={listId} role="listbox" aria-label={t('sale.results')} className="result-list">
        {results.map((product, i) => (
          <li
            key={product.id}
            id={`product-${product.id}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'result result--active' : 'result'}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => add(product)}
          >
            <span>{product.name}</span>
            <span className="muted">{product.sku}</span>
            <span className="amount">{f.money(product.priceOre)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
