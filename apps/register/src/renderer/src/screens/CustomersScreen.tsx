import type { Customer, CustomerSummary } from '@nota/protocol';
import { errorText } from '@nota/web-kit';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegister, useStores } from '../stores/context';
import { CustomerForm } from './CustomerForm';
import { CustomerResults } from './InvoicePayment';

/** MORE → GET CUSTOMER: the customer list, + ADD CUSTOMER, and the pen icon to edit the one chosen. */
export function CustomersScreen({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { customers } = useStores();
  const results = useRegister('customers', (s) => s.results);
  const role = useRegister('session', (s) => s.user?.role ?? 'cashier');
  const editRole = useRegister('settings', (s) => s.settings?.customerEditRole ?? 'manager');
  const canEdit = role === 'manager' || editRole === 'cashier';
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<CustomerSummary | null>(null);
  const [editing, setEditing] = useState<{ customer: Customer | null } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void customers.getState().search(query);
  }, [query, customers]);

  const edit = async () => {
    if (!selected) return;
    const answer = await customers.getState().get(selected.id);
    if ('error' in answer) setError(errorText(t, answer.error));
    else setEditing({ customer: answer.customer });
  };
  const add = () => {
    customers.getState().beginCreate();
    setEditing({ customer: null });
  };

  if (editing) {
    return (
      <main className="screen" aria-label={t('customers.title')}>
        <CustomerForm
          customer={editing.customer}
          onSaved={(c) => setSelected({ ...c, invoiceable: c.active && c.invoicingEnabled })}
          onCancel={() => setEditing(null)}
        />
      </main>
    );
  }

  return (
    <main className="screen" aria-labelledby="customers-title">
      <div className="panel__header">
        <h1 id="customers-title">{t('customers.title')}</h1>
        <div className="actions">
          <button type="button" className="button button--primary" disabled={!canEdit} onClick={add}>
            {t('customers.add')}
          </button>
          <button type="button" className="button button--icon" aria-label={t('customers.edit')} title={t('customers.edit')} disabled={!canEdit || !selected} onClick={() => void edit()}>
            ✎
          </button>
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t('common:action.close')}
          </button>
        </div>
      </div>
      {!canEdit ? <p className="muted">{t('customers.managerOnly')}</p> : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <label htmlFor="customer-search" className="label-strong">
        {t('customers.search')}
      </label>
      <input id="customer-search" type="search" autoFocus autoComplete="off" placeholder={t('invoice.searchPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} />
      <CustomerResults
        id="customer-list"
        results={results}
        active={-1}
        selectedId={selected?.id ?? null}
        onChoose={setSelected}
        optionId={(c) => `customer-${c.id}`}
      />
    </main>
  );
}
