import type { CustomerSummary } from '@nota/protocol';
import { errorText } from '@nota/web-kit';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../components/Field';
import { useRegister, useStores } from '../stores/context';
import { CustomerFinder } from './CustomerFinder';
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
  const error = useRegister('payment', (s) => s.error);

  const chooseHighlighted = (highlighted: CustomerSummary | undefined, query: string) => {
    const state = customers.getState();
    if (state.resultsFor === query) {
      if (highlighted) onChoose(highlighted);
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
      <CustomerFinder
        searchId="invoice-customer-search"
        listId="invoice-customers"
        label={t('invoice.findCustomer')}
        placeholder={t('invoice.searchPlaceholder')}
        firstHighlighted={0}
        message={
          error ? (
            <p className="field__error" role="alert">
              {errorText(t, error)}
            </p>
          ) : null
        }
        onChoose={onChoose}
        onEnter={chooseHighlighted}
      />
    </div>
  );
}
