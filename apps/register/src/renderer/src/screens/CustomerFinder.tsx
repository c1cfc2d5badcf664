import type { CustomerSummary } from '@nota/protocol';
import { useEffect, useState, type ReactNode } from 'react';
import { SearchCombobox } from '../components/SearchCombobox';
import { useRegister, useStores } from '../stores/context';
import { CustomerList } from './CustomerList';

/**
 * Finding a customer, in the invoice lookup and in GET CUSTOMER: the search box (name, organisation
 * number or customer number; every keystroke searches) over the list of every match. Arrows and
 * Page Up/Down move the highlight, Enter hands the highlighted customer and the query to `onEnter`.
 */
export function CustomerFinder({
  searchId,
  listId,
  label,
  placeholder,
  firstHighlighted,
  selectedId,
  message,
  onHighlight,
  onChoose,
  onEnter,
}: {
  searchId: string;
  listId: string;
  label: string;
  placeholder: string;
  /** The row highlighted when a search answers: 0 (Enter takes the best match) or -1 (none). */
  firstHighlighted: 0 | -1;
  /** Set where the list chooses a customer to edit rather than to invoice. */
  selectedId?: string | null;
  /** Shown between the box and the list (a refusal of the customer chosen). */
  message?: ReactNode;
  onHighlight?: (customer: CustomerSummary) => void;
  onChoose: (customer: CustomerSummary) => void;
  onEnter: (highlighted: CustomerSummary | undefined, query: string) => void;
}) {
  const { customers } = useStores();
  const results = useRegister('customers', (s) => s.results);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState<number>(firstHighlighted);

  useEffect(() => {
    void customers.getState().search(query);
    setActive(firstHighlighted);
  }, [query, customers, firstHighlighted]);

  const optionId = (c: CustomerSummary) => `${listId}-${c.id}`;
  const highlight = (index: number) => {
    setActive(index);
    if (results[index]) onHighlight?.(results[index]);
  };
  return (
    <>
      <SearchCombobox
        id={searchId}
        label={label}
        listId={listId}
        activeOptionId={results[active] ? optionId(results[active]) : undefined}
        expanded
        autoFocus
        placeholder={placeholder}
        value={query}
        onChange={setQuery}
        onMove={(delta) => highlight(Math.max(0, Math.min(active + delta, results.length - 1)))}
        onEnter={() => onEnter(results[active], query)}
      />
      {message}
      <CustomerList
        id={listId}
        active={active}
        selectedId={selectedId}
        onChoose={(c) => {
          setActive(results.indexOf(c));
          onChoose(c);
        }}
        optionId={optionId}
      />
    </>
  );
}
