import type { CustomerSummary } from '@nota/protocol';
import { errorText } from '@nota/web-kit';
import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd, TextAreaField, TextField } from '../components/Field';
import { useFormat } from '../components/format';
import { useHotkeys } from '../components/hotkeys';
import { useRegister, useStores } from '../stores/context';

/**
 * Charge by invoice: find the customer (the list, or by name, organisation number or customer
 * number), choose one who can be invoiced, read the purchase instruction, add reference and comment,
 * create the invoice sale. Works with the keyboard alone: type, arrows, Enter, Tab, Ctrl+Enter.
 */
export function InvoicePayment() {
  const { t } = useTranslation();
  const f = useFormat();
  const { payment } = useStores();
  const invoice = useRegister('payment', (s) => s.invoice);
  const completing = useRegister('payment', (s) => s.completing);
  const error = useRegister('payment', (s) => s.error);
  const total = useRegister('cart', (s) => s.priced?.totalOre ?? null);
  const referenceRef = useRef<HTMLInputElement>(null);
  const customer = invoice.customer;

  const complete = () => void payment.getState().completeInvoice();
  useHotkeys({ 'mod+Enter': customer && !completing ? complete : undefined });

  if (!customer) {
    return (
      <CustomerLookup
        onChoose={(c) => {
          if (payment.getState().selectCustomer(c)) setTimeout(() => referenceRef.current?.focus(), 0);
        }}
      />
    );
  }

  return (
    <form
      className="form"
      aria-label={t('invoice.formLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        complete();
      }}
    >
      <div className="chosen-customer">
        <div>
          <h3>{customer.name}</h3>
          <p className="muted">
            {t('common:customer.number')} {customer.customerNumber} · {t('common:customer.orgNumber')} {customer.orgNumber}
            {customer.city ? ` · ${customer.city}` : ''}
          </p>
        </div>
        <button type="button" className="button button--small" onClick={() => payment.getState().selectCustomer(null)}>
          {t('invoice.changeCustomer')}
        </button>
      </div>
      {customer.purchaseInstruction ? (
        <section className="instruction" role="note" aria-labelledby="instruction-title">
          <h3 id="instruction-title">{t('common:customer.purchaseInstruction')}</h3>
          <p>{customer.purchaseInstruction}</p>
        </section>
      ) : null}
      <TextField
        ref={referenceRef}
        label={t('invoice.reference')}
        maxLength={100}
        value={invoice.reference}
        help={t('invoice.referenceHelp')}
        onChange={(e) => payment.getState().setInvoice({ reference: e.target.value })}
      />
      <TextAreaField label={t('invoice.comment')} maxLength={500} value={invoice.comment} onChange={(e) => payment.getState().setInvoice({ comment: e.target.value })} />
      <dl className="summary">
        <dt>{t('invoice.amount')}</dt>
        <dd className="amount amount--big">{total === null ? '…' : f.money(total)}</dd>
      </dl>
      {error ? (
        <p className="field__error" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      <button type="submit" className="button button--primary button--large" disabled={completing}>
        {completing ? t('payment.completing') : t('invoice.create')} <Kbd>Ctrl+Enter</Kbd>
      </button>
    </form>
  );
}

function CustomerLookup({ onChoose }: { onChoose: (customer: CustomerSummary) => void }) {
  const { t } = useTranslation();
  const { customers } = useStores();
  const results = useRegister('customers', (s) => s.results);
  const resultsFor = useRegister('customers', (s) => s.resultsFor);
  const error = useRegister('payment', (s) => s.error);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);

  useEffect(() => {
    void customers.getState().search(query);
    setActive(0);
  }, [query, customers]);

  return (
    <div className="customer-lookup">
      <label htmlFor="invoice-customer-search" className="label-strong">
        {t('invoice.findCustomer')}
      </label>
      <input
        id="invoice-customer-search"
        type="search"
        autoFocus
        autoComplete="off"
        role="combobox"
        aria-expanded="true"
        aria-controls="invoice-customers"
        aria-activedescendant={results[active] ? `invoice-customer-${results[active].id}` : undefined}
        placeholder={t('invoice.searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, results.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            const state = customers.getState();
            if (state.resultsFor === query) {
              const chosen = results[active];
              if (chosen) onChoose(chosen);
            } else {
              // Enter typed before the answer to the last keystroke: choose from that answer, never an older one.
              void state.search(query).then(() => {
                const first = customers.getState().results[0];
                if (first && customers.getState().resultsFor === query) onChoose(first);
              });
            }
          }
        }}
      />
      {error ? (
        <p className="field__error" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      <CustomerResults id="invoice-customers" resultsFor={resultsFor} results={results} active={active} onChoose={onChoose} optionId={invoiceOptionId} />
    </div>
  );
}

const invoiceOptionId = (c: CustomerSummary) => `invoice-customer-${c.id}`;

/**
 * Search results as a listbox; a customer who cannot be invoiced says so and is not selectable.
 * Memoised: a keystroke re-renders the search field at once, and the list only when its answer comes.
 */
export const CustomerResults = memo(function CustomerResults({
  id,
  results,
  active,
  onChoose,
  optionId,
  selectedId,
  resultsFor,
}: {
  resultsFor?: string | null;
  id: string;
  results: CustomerSummary[];
  active: number;
  onChoose: (customer: CustomerSummary) => void;
  optionId: (c: CustomerSummary) => string;
  selectedId?: string | null;
}) {
  const { t } = useTranslation();
  return (
    // data-results-for says which query the list answers (benchmarks and tests wait on it).
    <ul id={id} role="listbox" aria-label={t('invoice.results')} className="result-list result-list--customers" data-results-for={resultsFor ?? undefined}>
      {results.length === 0 ? <li className="muted">{t('invoice.noResults')}</li> : null}
      {results.map((c, i) => (
        <li
          key={c.id}
          id={optionId(c)}
          role="option"
          aria-selected={selectedId ? c.id === selectedId : i === active}
          aria-disabled={selectedId === undefined ? !c.invoiceable : undefined}
          className={`result${i === active ? ' result--active' : ''}${c.invoiceable ? '' : ' result--blocked'}`}
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
      ))}
    </ul>
  );
});
