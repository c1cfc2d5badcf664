import type { CustomerSummary } from '@nota/protocol';
import { errorText } from '@nota/web-kit';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../components/Field';
import { SearchCombobox } from '../components/SearchCombobox';
import { useRegister, useStores } from '../stores/context';
import { CustomerList } from './CustomerList';
import { AmountSummary, PaymentForm } from './PaymentForm';

/**
 * Charge by invoice: find the customer (the list, or by name, organisation number or customer
 * number), choose one who can be invoiced, read the purchase instruction, add reference and comment,
 * create the invoice sale. Works with the keyboard alone: type, arrows, Enter, Tab, Ctrl+Enter.
 */
export function InvoicePayment() {
  const { t } = useTranslation();
  const { payment } = useStores();
  const invoice = useRegister('payment', (s) => s.invoice);
  const total = useRegister('cart', (s) => s.priced?.totalOre ?? null);
  const referenceRef = useRef<HTMLInputElement>(null);
  const customer = invoice.customer;

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
    <PaymentForm label={t('invoice.formLabel')} completeLabel={t('invoice.create')} canComplete onComplete={() => void payment.getState().completeInvoice()}>
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
      <AmountSummary rows={[{ label: t('invoice.amount'), ore: total, big: true }]} />
    </PaymentForm>
  );
}

function CustomerLookup({ onChoose }: { onChoose: (customer: CustomerSummary) => void }) {
  const { t } = useTranslation();
  const { customers } = useStores();
  const results = useRegister('customers', (s) => s.results);
  const error = useRegister('payment', (s) => s.error);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);

  useEffect(() => {
    void customers.getState().search(query);
    setActive(0);
  }, [query, customers]);

  const optionId = (c: CustomerSummary) => `invoice-customer-${c.id}`;
  const chooseActive = () => {
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
  };

  return (
    <div className="customer-lookup">
      <SearchCombobox
        id="invoice-customer-search"
        label={t('invoice.findCustomer')}
        listId="invoice-customers"
        activeOptionId={results[active] ? optionId(results[active]) : undefined}
        expanded
        autoFocus
        placeholder={t('invoice.searchPlaceholder')}
        value={query}
        onChange={setQuery}
        onMove={(delta) => setActive((a) => Math.max(0, Math.min(a + delta, results.length - 1)))}
        onEnter={chooseActive}
      />
      {error ? (
        <p className="field__error" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      <CustomerList id="invoice-customers" active={active} onChoose={onChoose} optionId={optionId} />
    </div>
  );
}
