import { AuditEntity, type AuditEntry } from '@nota/protocol';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/endpoints';
import { useFormat } from '../components/format';
import { Pager } from '../components/Pager';
import { Empty, ErrorState, Loading } from '../components/States';

const PAGE = 50;

/** AUDIT LOG (administrators): who changed what and when, newest first; a row opens the values before and after. */
export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const entityId = useId();
  const actorId = useId();
  const [entity, setEntity] = useState<AuditEntity | ''>('');
  const [actor, setActor] = useState('');
  // The log pages by cursor: the cursors of the pages before this one, to go back.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [open, setOpen] = useState<number | null>(null);
  useEffect(() => setCursors([undefined]), [entity, actor]);
  const before = cursors.at(-1);
  const log = useQuery({
    queryKey: ['audit', entity, actor, before],
    queryFn: () => api.audit.list({ entity: entity || undefined, actorId: actor || undefined, before, limit: PAGE }),
    placeholderData: keepPreviousData,
  });
  const users = useQuery({ queryKey: ['users'], queryFn: api.users.list });
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: api.apiKeys.list });
  const entries = log.data?.entries ?? [];

  return (
    <section aria-labelledby="audit-title" className="page">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p className="lead">{t('audit.lead')}</p>
      <div className="toolbar">
        <div className="field">
          <label htmlFor={entityId}>{t('audit.entityFilter')}</label>
          <select id={entityId} value={entity} onChange={(e) => setEntity(e.target.value as AuditEntity | '')}>
            <option value="">{t('audit.all')}</option>
            {AuditEntity.options.map((e) => (
              <option key={e} value={e}>
                {t(`audit.entity.${e}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={actorId}>{t('audit.actorFilter')}</label>
          <select id={actorId} value={actor} onChange={(e) => setActor(e.target.value)}>
            <option value="">{t('audit.everyone')}</option>
            {users.data?.users.length ? (
              <optgroup label={t('audit.people')}>
                {users.data.users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName} ({u.username})
                  </option>
                ))}
              </optgroup>
            ) : null}
            {keys.data?.apiKeys.length ? (
              <optgroup label={t('audit.apiKeys')}>
                {keys.data.apiKeys.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </div>
      </div>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : entries.length === 0 ? (
        <Empty>{entity || actor ? t('audit.noneFound') : t('audit.none')}</Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table audit">
              <caption className="visually-hidden">{t('audit.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.column.at')}</th>
                  <th scope="col">{t('audit.column.who')}</th>
                  <th scope="col">{t('audit.column.what')}</th>
                  <th scope="col">{t('audit.column.action')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <Fragment key={e.id}>
                    <tr className={open === e.id ? 'selected' : undefined}>
                      <td>
                        <button
                          type="button"
                          className="link disclosure"
                          aria-expanded={open === e.id}
                          aria-controls={`audit-${e.id}`}
                          onClick={() => setOpen(open === e.id ? null : e.id)}
                        >
                          <span aria-hidden="true">{open === e.id ? '▾' : '▸'}</span> <time dateTime={e.at}>{format.dateTime(e.at)}</time>
                        </button>
                      </td>
                      <td>
                        {e.actor.name}
                        {e.actor.kind !== 'user' ? <span className="muted"> · {t(`audit.actorKind.${e.actor.kind}`)}</span> : null}
                      </td>
                      <td>
                        {t(`audit.entity.${e.entity}`)} <span className="muted">{describe(e)}</span>
                      </td>
                      <td>{t(`audit.action.${e.action}`, { defaultValue: e.action })}</td>
                    </tr>
                    {open === e.id ? (
                      <tr id={`audit-${e.id}`} className="audit__detail">
                        <td colSpan={4}>
                          <Changes entry={e} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            busy={log.isFetching}
            range={t('pager.page', { page: cursors.length })}
            onPrevious={cursors.length > 1 ? () => setCursors(cursors.slice(0, -1)) : undefined}
            onNext={log.data?.next ? () => setCursors([...cursors, log.data!.next!]) : undefined}
          />
        </>
      )}
    </section>
  );
}

/** A name to know the changed record by: its name or number where it has one, else its id. */
function describe(e: AuditEntry): string {
  const value = (e.newValue ?? e.oldValue) as Record<string, unknown> | null;
  const label = value && typeof value === 'object' ? (value.name ?? value.username ?? value.customerNumber ?? value.code) : null;
  return typeof label === 'string' || typeof label === 'number' ? String(label) : e.entityId;
}

const show = (value: unknown): string => (value === undefined ? '' : value === null ? '—' : typeof value === 'string' ? value : JSON.stringify(value));
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The values before and after side by side, field by field; what changed is marked. */
function Changes({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  // Amounts in öre and instants read as the rest of the back office shows them.
  const value = (field: string, v: unknown) =>
    typeof v === 'number' && /Ore$/.test(field) ? format.money(v) : typeof v === 'string' && ISO_INSTANT.test(v) ? format.dateTime(v) : show(v);
  const before = entry.oldValue;
  const after = entry.newValue;
  const fields = isRecord(before) || isRecord(after) ? [...new Set([...Object.keys(isRecord(before) ? before : {}), ...Object.keys(isRecord(after) ? after : {})])] : null;
  return (
    <table className="table table--compact audit__changes">
      <caption>{t('audit.changesOf', { entity: t(`audit.entity.${entry.entity}`), id: entry.entityId })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('audit.field')}</th>
          <th scope="col">{t('audit.before')}</th>
          <th scope="col">{t('audit.after')}</th>
        </tr>
      </thead>
      <tbody>
        {fields ? (
          fields.map((field) => {
            const old = isRecord(before) ? before[field] : undefined;
            const now = isRecord(after) ? after[field] : undefined;
            const changed = before !== null && JSON.stringify(old) !== JSON.stringify(now);
            return (
              <tr key={field} className={changed ? 'changed' : undefined}>
                <th scope="row">
                  {field}
                  {changed ? <span className="visually-hidden"> ({t('audit.changed')})</span> : null}
                </th>
                <td>{before === null ? <span className="muted">{t('audit.nothingBefore')}</span> : value(field, old)}</td>
                <td>{after === null ? <span className="muted">{t('audit.nothingAfter')}</span> : value(field, now)}</td>
              </tr>
            );
          })
        ) : (
          <tr>
            <th scope="row">{t('audit.value')}</th>
            <td>{show(before)}</td>
            <td>{show(after)}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
