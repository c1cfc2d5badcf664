import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { api } from '../api/endpoints';
import { useFormat } from '../components/format';
import { ErrorState, Loading, Notice } from '../components/States';
import { CustomerForm } from './CustomerForm';

/** + ADD CUSTOMER and the pen icon: the form, and the clashes registers' edits had with head office's. */
export function CustomerEditPage({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [saved, setSaved] = useState<{ number: number; created: boolean } | null>(null);
  const customer = useQuery({ queryKey: ['customer', id], queryFn: () => api.customers.get(id!), enabled: id !== null });
  const back = (
    <Link href="/customers" className="back">
      ← {t('customers.title')}
    </Link>
  );
  if (id !== null && customer.isPending) return <Loading />;
  if (id !== null && customer.isError) return <ErrorState error={customer.error} onRetry={() => void customer.refetch()} />;
  const current = customer.data?.customer ?? null;
  return (
    <section className="page">
      {back}
      {saved ? <Notice>{saved.created ? t('customers.created', { number: saved.number }) : t('customers.updated')}</Notice> : null}
      <CustomerForm
        key={current ? `${current.id}:${current.version}` : 'new'}
        customer={current}
        onSaved={(c, created) => {
          setSaved({ number: c.customerNumber, created });
          if (created) navigate(`/customers/${c.id}`, { replace: true });
        }}
      />
      {current ? <Conflicts customerId={current.id} /> : null}
    </section>
  );
}

const show = (value: unknown) => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

function Conflicts({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const conflicts = useQuery({ queryKey: ['customer-conflicts'], queryFn: api.customers.conflicts });
  const mine = conflicts.data?.conflicts.filter((c) => c.customerId === customerId) ?? [];
  if (mine.length === 0) return null;
  return (
    <section aria-labelledby="conflicts-title" className="card">
      <h2 id="conflicts-title">{t('customers.conflicts')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('customers.conflictField')}</th>
            <th scope="col">{t('customers.conflictHeadOffice')}</th>
            <th scope="col">{t('customers.conflictRegister')}</th>
            <th scope="col">{t('customers.conflictAt')}</th>
          </tr>
        </thead>
        <tbody>
          {mine.map((c) => (
            <tr key={c.id}>
              <td>{t(`common:customer.${c.field}`, { defaultValue: c.field })}</td>
              <td>{show(c.headOfficeValue)}</td>
              <td>{show(c.registerValue)}</td>
              <td>{format.dateTime(c.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
