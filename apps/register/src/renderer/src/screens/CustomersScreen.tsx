import type { Customer, CustomerSummary } from '@nota/protocol';
import { errorText } from '@nota/web-kit';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd } from '../components/Field';
import { useHotkeys } from '../components/hotkeys';
import { useRegister, useStores } from '../stores/context';
import { CustomerForm } from './CustomerForm';
import { CustomerFinder } from './CustomerFinder';

/** MORE → GET CUSTOMER: the customer list, + ADD CUSTOMER, and the pen icon to edit the one chosen. */
export function CustomersScreen({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { customers } = useStores();
  const role = useRegister('session', (s) => s.user?.role ?? 'cashier');
  const editRole = useRegister('settings', (s) => s.settings?.customerEditRole ?? 'manager');
  const canEdit = role === 'manager' || editRole === 'cashier';
  const [selected, setSelected] = useState<CustomerSummary | null>(null);
  const [editing, setEditing] = useState<{ customer: Customer | null } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const edit = async () => {
    if (!selected || !canEdit) return;
    const answer = await customers.getState().get(selected.id);
    if ('error' in answer) setError(errorText(t, answer.error));
    else setEditing({ customer: answer.customer });
  };
  // Esc closes the list (the search box takes the first Esc to clear itself); the form has its own.
  useHotkeys({ Escape: onClose }, !editing);
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
    <main className="screen customers-screen" aria-labelledby="customers-title">
      <div className="panel__header">
        <h1 id="customers-title">{t('customers.title')}</h1>
        <div className="actions">
          <button type="button" className="button button--primary" disabled={!canEdit} onClick={add}>
            {t('customers.add')}
          </button>
          {/* Enter in the search edits the highlighted customer: the button says so, as the others show their keys. */}
          <button type="button" className="button" aria-keyshortcuts="Enter" disabled={!canEdit || !selected} onClick={() => void edit()}>
            <span aria-hidden="true">✎</span> {t('customers.edit')} <Kbd>Enter</Kbd>
          </button>
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t('common:action.close')} <Kbd>Esc</Kbd>
          </button>
        </div>
      </div>
      {!canEdit ? <p className="muted">{t('customers.managerOnly')}</p> : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <CustomerFinder
        searchId="customer-search"
        listId="customer-list"
        label={t('customers.search')}
        placeholder={t('invoice.searchPlaceholder')}
        firstHighlighted={-1}
        selectedId={selected?.id ?? null}
        onHighlight={setSelected}
        onChoose={setSelected}
        onEnter={() => void edit()}
      />
    </main>
  );
}
