import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { RegisterView } from '@nota/protocol';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/endpoints';
import { useFormat } from '../components/format';
import { Loaded } from '../components/Loaded';

interface ProblemRow {
  key: string;
  at: string;
  registerId: string;
  what: ReactNode;
  reason: ReactNode;
}

/**
 * What registers could not get across, with the reasons: events head office refused (a register keeps them
 * and sells on) and change-feed records a register set aside. Both come from the registers the person may see.
 */
export function SyncProblems({ registers }: { registers: RegisterView[] }) {
  const { t } = useTranslation();
  const rejected = useQuery({
    queryKey: ['registers', 'rejected'],
    queryFn: api.registers.rejectedEvents,
    refetchInterval: 30_000,
    select: (d): ProblemRow[] =>
      d.events.map((e) => ({
        key: e.eventId,
        at: e.receivedAt,
        registerId: e.registerId,
        what: e.type,
        reason: (
          <>
            {t(`registers.rejected.code.${e.reason.code}`, { defaultValue: e.reason.code })}
            <span className="detail" lang="en">
              {e.reason.message}
            </span>
          </>
        ),
      })),
  });
  const setAside = useQuery({
    queryKey: ['registers', 'set-aside'],
    queryFn: api.registers.setAsideChanges,
    refetchInterval: 30_000,
    select: (d): ProblemRow[] =>
      d.changes.map((c) => ({
        key: c.id,
        at: c.setAsideAt,
        registerId: c.registerId,
        what: `${t(`registers.entity.${c.entity}`, { defaultValue: c.entity })}${c.recordId ? ` ${c.recordId}` : ''}`,
        reason: <span lang="en">{c.reason}</span>,
      })),
  });
  return (
    <>
      <ProblemSection id="rejected" kind="rejected" query={rejected} registers={registers} />
      <ProblemSection id="set-aside" kind="setAside" query={setAside} registers={registers} />
    </>
  );
}

function ProblemSection({ id, kind, query, registers }: { id: string; kind: 'rejected' | 'setAside'; query: UseQueryResult<ProblemRow[]>; registers: RegisterView[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const nameOf = (registerId: string) => registers.find((r) => r.id === registerId)?.name ?? registerId;
  const title = t(`registers.${kind}.title`);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="muted">{t(`registers.${kind}.help`)}</p>
      <Loaded query={query} isEmpty={(rows) => rows.length === 0} empty={t(`registers.${kind}.none`)}>
        {(rows) => (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('registers.problems.when')}</th>
                  <th scope="col">{t('registers.problems.register')}</th>
                  <th scope="col">{t('registers.problems.what')}</th>
                  <th scope="col">{t('registers.problems.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key}>
                    <td>{format.dateTime(row.at)}</td>
                    <td>{nameOf(row.registerId)}</td>
                    <td>{row.what}</td>
                    <td>{row.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
    </section>
  );
}
