import type { PaymentMethodId, PaymentMethodsResponse } from '@nota/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/endpoints';
import { Empty, ErrorState, errorMessage, Loading } from '../components/States';
import { useSession } from '../session';

const KEY = ['payment-methods'];

/**
 * PAYMENT METHODS: a cost centre per row, a method per column, a checkbox per cell that saves as soon
 * as it is changed (Tab to it, Space to switch). A store manager sees its own cost centres, read only.
 */
export function PaymentMethodsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const mayChange = user.role !== 'store-manager';
  const methods = useQuery({ queryKey: KEY, queryFn: api.paymentMethods.list });

  return (
    <section aria-labelledby="payment-methods-title" className="page">
      <h1 id="payment-methods-title">{t('paymentMethods.title')}</h1>
      <p className="lead">{t('paymentMethods.lead')}</p>
      {!mayChange ? <p className="muted">{t('paymentMethods.readOnly')}</p> : null}
      {methods.isPending ? (
        <Loading />
      ) : methods.isError ? (
        <ErrorState error={methods.error} onRetry={() => void methods.refetch()} />
      ) : methods.data.costCentres.length === 0 ? (
        <Empty>{t('paymentMethods.none')}</Empty>
      ) : (
        <div className="table-wrap table-wrap--fit">
          <table className="table matrix">
            <caption className="visually-hidden">{t('paymentMethods.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('paymentMethods.costCentre')}</th>
                {methods.data.methods.map((m) => (
                  <th scope="col" key={m.id}>
                    {t(`paymentMethods.method.${m.id}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {methods.data.costCentres.map((centre, row) => (
                <tr key={centre.code}>
                  <th scope="row">
                    {centre.name} <span className="muted">{centre.code}</span>
                  </th>
                  {methods.data.methods.map((m) => (
                    <ActivationCell key={m.id} method={m.id} costCentre={centre} active={m.activations[row]?.active ?? true} mayChange={mayChange} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One switch: shows the state asked for while it saves, then the server's, or why it was not saved. */
function ActivationCell({ method, costCentre, active, mayChange }: { method: PaymentMethodId; costCentre: { code: string; name: string }; active: boolean; mayChange: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const statusId = useId();
  const save = useMutation({
    mutationFn: (next: boolean) => api.paymentMethods.setActive(method, costCentre.code, next),
    onSuccess: (saved) =>
      queryClient.setQueryData<PaymentMethodsResponse>(KEY, (old) =>
        old && {
          ...old,
          methods: old.methods.map((m) =>
            m.id === saved.method ? { ...m, activations: m.activations.map((a) => (a.costCentre === saved.costCentre ? { ...a, active: saved.active } : a)) } : m,
          ),
        },
      ),
  });
  const shown = save.isPending ? save.variables : active;
  return (
    <td aria-busy={save.isPending}>
      <span className="switch">
        <input
          type="checkbox"
          checked={shown}
          disabled={!mayChange}
          aria-label={t('paymentMethods.toggle', { method: t(`paymentMethods.method.${method}`), costCentre: costCentre.name })}
          aria-describedby={statusId}
          // A second click while saving waits for the first answer instead of racing it.
          onChange={(e) => !save.isPending && save.mutate(e.target.checked)}
        />
        <span className={shown ? 'badge badge--ok' : 'badge badge--muted'} aria-hidden="true">
          {shown ? t('paymentMethods.active') : t('paymentMethods.off')}
        </span>
      </span>
      <span id={statusId} className="switch__status" aria-live="polite">
        {save.isPending ? (
          <>
            <span className="spinner" aria-hidden="true" /> {t('paymentMethods.saving')}
          </>
        ) : save.isError ? (
          <span className="text-bad">{t('paymentMethods.failed', { reason: errorMessage(t, save.error) })}</span>
        ) : save.isSuccess ? (
          t('paymentMethods.saved')
        ) : null}
      </span>
    </td>
  );
}
