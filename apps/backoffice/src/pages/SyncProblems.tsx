import { useQuery } from '@tanstack/react-query';
import type { RegisterView } from '@nota/protocol';
import { useTranslation } from 'react-i18next';
import { api } from '../api/endpoints';
import { useFormat } from '../components/format';
import { Empty, ErrorState, Loading } from '../components/States';

/**
 * What registers could not get across, with the reasons: events head office refused (a register keeps them
 * and sells on) and change-feed records a register set aside. Both come from the registers the person may see.
 */
export function SyncProblems({ registers }: { registers: RegisterView[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rejected = useQuery({ queryKey: ['registers', 'rejected'], queryFn: api.registers.rejectedEvents, refetchInterval: 30_000 });
  const setAside = useQuery({ queryKey: ['registers', 'set-aside'], queryFn: api.registers.setAsideChanges, refetchInterval: 30_000 });
  const nameOf = (id: string) => registers.find((r) => r.id === id)?.name ?? id;
  return (
    <>
      <section aria-labelledby="rejected-title">
        <h2 id="rejected-title">{t('registers.rejected.title')}</h2>
        <p className="muted">{t('registers.rejected.help')}</p>
        {rejected.isPending ? (
          <Loading />
        ) : rejected.isError ? (
          <ErrorState error={rejected.error} onRetry={() => void rejected.refetch()} />
        ) : rejected.data.events.length === 0 ? (
          <Empty>{t('registers.rejected.none')}</Empty>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('registers.rejected.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('registers.problems.when')}</th>
                  <th scope="col">{t('registers.problems.register')}</th>
                  <th scope="col">{t('registers.problems.what')}</th>
                  <th scope="col">{t('registers.problems.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {rejected.data.events.map((e) => (
                  <tr key={e.eventId}>
                    <td>{format.dateTime(e.receivedAt)}</td>
                    <td>{nameOf(e.registerId)}</td>
                    <td>{e.type}</td>
                    <td>
                      {t(`registers.rejected.code.${e.reason.code}`, { defaultValue: e.reason.code })}
                      <span className="detail" lang="en">
                        {e.reason.message}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="set-aside-title">
        <h2 id="set-aside-title">{t('registers.setAside.title')}</h2>
        <p className="muted">{t('registers.setAside.help')}</p>
        {setAside.isPending ? (
          <Loading />
        ) : setAside.isError ? (
          <ErrorState error={setAside.error} onRetry={() => void setAside.refetch()} />
        ) : setAside.data.changes.length === 0 ? (
          <Empty>{t('registers.setAside.none')}</Empty>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('registers.setAside.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('registers.problems.when')}</th>
                  <th scope="col">{t('registers.problems.register')}</th>
                  <th scope="col">{t('registers.problems.what')}</th>
                  <th scope="col">{t('registers.problems.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {setAside.data.changes.map((c) => (
                  <tr key={c.id}>
                    <td>{format.dateTime(c.setAsideAt)}</td>
                    <td>{nameOf(c.registerId)}</td>
                    <td>
                      {t(`registers.entity.${c.entity}`, { defaultValue: c.entity })}
                      {c.recordId ? ` ${c.recordId}` : ''}
                    </td>
                    <td lang="en">{c.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
