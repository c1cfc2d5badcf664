import { ExportState } from '@nota/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api } from '../api/endpoints';
import { useFormat } from '../components/format';
import { Empty, ErrorState, errorMessage, Loading, Notice } from '../components/States';
import { ExportBadge } from './badges';
import { exportReason, exportStatusText } from './export-status';

/** The export to Agresso: the queue by state, failed invoices with their reasons and a retry, the batches. */
export function ExportsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const counts = useQuery({ queryKey: ['exports', 'counts'], queryFn: api.invoices.count, refetchInterval: 10_000 });
  const failed = useQuery({
    queryKey: ['exports', 'failed'],
    queryFn: async () => [...(await api.exports.list('failed')).exports, ...(await api.exports.list('blocked')).exports],
  });
  const batches = useQuery({ queryKey: ['exports', 'batches'], queryFn: () => api.exports.batches(), refetchInterval: 10_000 });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['exports'] });
    void queryClient.invalidateQueries({ queryKey: ['invoices'] });
  };
  const retryAll = useMutation({ mutationFn: api.exports.retryFailed, onSuccess: refresh });
  const retryOne = useMutation({ mutationFn: (documentId: string) => api.exports.retry(documentId), onSuccess: refresh });

  return (
    <section aria-labelledby="exports-title" className="page">
      <h1 id="exports-title">{t('exports.title')}</h1>
      <h2>{t('exports.queue')}</h2>
      {counts.isPending ? (
        <Loading />
      ) : counts.isError ? (
        <ErrorState error={counts.error} onRetry={() => void counts.refetch()} />
      ) : (
        <ul className="tiles">
          {ExportState.options.map((state) => (
            <li key={state} className="tile">
              <ExportBadge state={state} />
              <span className="tile__count">
                {counts.data.over.includes(state) ? t('exports.over', { count: counts.data.exports[state] }) : (counts.data.exports[state] ?? 0)}
              </span>
            </li>
          ))}
        </ul>
      )}

      <div className="page__head">
        <h2>{t('exports.failed')}</h2>
        {failed.data && failed.data.length > 0 ? (
          <button type="button" className="button button--primary" onClick={() => retryAll.mutate()} disabled={retryAll.isPending}>
            {t('exports.retryAll')}
          </button>
        ) : null}
      </div>
      {retryAll.isSuccess ? <Notice>{t('exports.retriedAll', { count: retryAll.data.retried })}</Notice> : null}
      {retryAll.isError ? <Notice kind="error">{errorMessage(t, retryAll.error)}</Notice> : null}
      {retryOne.isError ? <Notice kind="error">{errorMessage(t, retryOne.error)}</Notice> : null}
      {failed.isPending ? (
        <Loading />
      ) : failed.isError ? (
        <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
      ) : failed.data.length === 0 ? (
        <Empty>{t('exports.noneFailed')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('exports.column.invoice')}</th>
                <th scope="col">{t('exports.column.state')}</th>
                <th scope="col">{t('exports.column.reason')}</th>
                <th scope="col" className="numeric">
                  {t('exports.column.attempts')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('common:action.retry')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {failed.data.map((e) => (
                <tr key={e.documentId}>
                  <td>
                    <Link href={`/invoices/${e.documentId}`}>{e.number ?? t('invoices.draftNumber')}</Link>
                  </td>
                  <td>
                    <ExportBadge state={e.state} />
                  </td>
                  <td>{e.error ? exportReason(t, e.error) : exportStatusText(t, format, e)}</td>
                  <td className="numeric">{e.attempts}</td>
                  <td>
                    <button type="button" className="button button--small" onClick={() => retryOne.mutate(e.documentId)} disabled={retryOne.isPending} aria-label={t('exports.retryOne', { number: e.number ?? '' })}>
                      {t('common:action.retry')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t('exports.batches')}</h2>
      {batches.isPending ? (
        <Loading />
      ) : batches.isError ? (
        <ErrorState error={batches.error} onRetry={() => void batches.refetch()} />
      ) : batches.data.batches.length === 0 ? (
        <Empty>{t('exports.noBatches')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  {t('exports.column.batch')}
                </th>
                <th scope="col">{t('exports.column.state')}</th>
                <th scope="col" className="numeric">
                  {t('exports.column.vouchers')}
                </th>
                <th scope="col" className="numeric">
                  {t('exports.column.order')}
                </th>
                <th scope="col">{t('exports.column.created')}</th>
                <th scope="col">{t('exports.column.note')}</th>
              </tr>
            </thead>
            <tbody>
              {batches.data.batches.map((b) => (
                <tr key={b.number}>
                  <td className="numeric">{b.number}</td>
                  <td>
                    <span className={`badge badge--${b.error ? 'bad' : b.state === 'done' ? 'ok' : 'info'}`}>{t(b.error && b.state === 'done' ? 'batchState.doneWithError' : `batchState.${b.state}`)}</span>
                  </td>
                  <td className="numeric">{b.vouchers}</td>
                  <td className="numeric">{b.orderNumber ?? '—'}</td>
                  <td>{format.dateTime(b.createdAt)}</td>
                  <td>{b.error ? <span className="text-bad">{exportReason(t, b.error)}</span> : b.note ? <span lang="en">{b.note}</span> : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
