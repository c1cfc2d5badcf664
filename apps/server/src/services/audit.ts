import { and, desc, eq, lt } from 'drizzle-orm';
import type { AuditEntity, AuditPage, AuditQuery } from '@nota/protocol';
import type { Queryable } from '../db/database';
import { auditLog } from '../db/schema';
import type { Principal } from './auth/principal';

// Field names whose values are secrets: never written to the audit log, only whether they changed.
const SECRET = /password|pin|hash|secret|token|^key$|apikey/i;

function masked(value: unknown, other: unknown): unknown {
  if (Array.isArray(value)) return value.map((item, i) => masked(item, Array.isArray(other) ? other[i] : undefined));
  if (!value || typeof value !== 'object') return value;
  const twin = other && typeof other === 'object' ? (other as Record<string, unknown>) : {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => {
      if (!SECRET.test(k)) return [k, masked(v, twin[k])];
      if (v === null || v === undefined) return [k, v ?? null];
      return [k, k in twin && JSON.stringify(twin[k]) !== JSON.stringify(v) ? '[changed]' : '[hidden]'];
    }),
  );
}

/** An old or new value as the audit log may keep it: secrets replaced, dates as ISO text. */
export function auditValue(value: unknown, other?: unknown): unknown {
  if (value === undefined || value === null) return null;
  return masked(JSON.parse(JSON.stringify(value)), other === undefined || other === null ? undefined : JSON.parse(JSON.stringify(other)));
}

export interface AuditChange {
  entity: AuditEntity;
  entityId: string;
  action: string;
  oldValue?: unknown;
  newValue?: unknown;
}

/** Written in the transaction of the change itself, so there is no change without its entry. */
export async function audit(tx: Queryable, who: Principal | null, change: AuditChange, at: Date): Promise<void> {
  await tx.insert(auditLog).values({
    at,
    actorKind: who ? who.kind : 'system',
    actorId: who ? (who.userId ?? who.apiKeyId ?? null) : null,
    actorName: who ? who.name : 'Nota',
    entity: change.entity,
    entityId: change.entityId,
    action: change.action,
    oldValue: auditValue(change.oldValue, change.newValue),
    newValue: auditValue(change.newValue, change.oldValue),
  });
}

/** Newest first, `query.limit` at a time; `next` continues from there. */
export async function readAudit(db: Queryable, query: AuditQuery): Promise<AuditPage> {
  const filter = and(
    query.entity ? eq(auditLog.entity, query.entity) : undefined,
    query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
    query.actorId ? eq(auditLog.actorId, query.actorId) : undefined,
    query.before ? lt(auditLog.id, query.before) : undefined,
  );
  const rows = await db.select().from(auditLog).where(filter).orderBy(desc(auditLog.id)).limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: { kind: r.actorKind, id: r.actorId, name: r.actorName },
      entity: r.entity as AuditEntity,
      entityId: r.entityId,
      action: r.action,
      oldValue: r.oldValue ?? null,
      newValue: r.newValue ?? null,
    })),
    next: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}
