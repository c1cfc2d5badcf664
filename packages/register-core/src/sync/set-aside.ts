import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, inArray, isNull } from 'drizzle-orm';
import { textProblem, type Change, type SetAsideChange } from '@nota/protocol';
import type { Db } from '../db/open';
import { setAsideChanges } from '../db/schema';

const MAX_REASON = 2_000;

/** A reason is reported to head office as boundary text; an error message may quote anything. */
function cleanReason(reason: string): string {
  const text = reason.slice(0, MAX_REASON).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, '\uFFFD');
  return textProblem(text, true) ? text.replace(/[\uD800-\uDFFF]/g, '\uFFFD') : text;
}

const readable = (v: unknown, max: number) => (typeof v === 'string' && v.length > 0 && v.length <= max && !textProblem(v) ? v : null);

/** The key a record is known by: its id, a setting's key or a cost centre's code; the seller is one of a kind. */
function recordKey(entity: string, data: object): string | null {
  if (entity === 'seller') return 'seller';
  const { id, key, code } = data as { id?: unknown; key?: unknown; code?: unknown };
  return readable(id, 200) ?? readable(key, 200) ?? readable(code, 200);
}

/** The entity and id of a record as far as they can be read from what arrived. */
function identify(record: unknown): { entity: string; recordId: string | null } {
  const r = (record ?? {}) as { entity?: unknown; data?: unknown };
  const data = typeof r.data === 'object' && r.data !== null ? r.data : {};
  const entity = readable(r.entity, 40) ?? 'unknown';
  return { entity, recordId: recordKey(entity, data) };
}

/** RECORD_INVALID: the record breaks the sync contract; RECORD_NOT_STORABLE: this register's database refused it. */
export type SetAsideCode = (typeof setAsideChanges.$inferSelect)['code'];

/** Keeps a change the register could not apply, with the reason, to show and to report. */
export function setAside(db: Db, record: unknown, code: SetAsideCode, reason: string, at: string): void {
  const { entity, recordId } = identify(record);
  db.insert(setAsideChanges)
    .values({
      id: randomUUID(),
      entity,
      recordId,
      // JSON.stringify escapes NUL and broken characters, so the text keeps the record exactly.
      data: JSON.stringify(record) ?? 'null',
      code,
      reason: cleanReason(reason),
      setAsideAt: at,
    })
    .run();
}

/** A later version of a set-aside record that applied makes the old one moot. */
export function resolveSetAside(db: Db, applied: readonly Change[], at: string): void {
  const open = db
    .select({ seq: setAsideChanges.seq, entity: setAsideChanges.entity, recordId: setAsideChanges.recordId })
    .from(setAsideChanges)
    .where(isNull(setAsideChanges.resolvedAt))
    .all();
  if (open.length === 0) return;
  const appliedKeys = new Set(applied.map((c) => `${c.entity}\u0000${recordKey(c.entity, c.data)}`));
  const resolved = open.filter((r) => r.recordId !== null && appliedKeys.has(`${r.entity}\u0000${r.recordId}`)).map((r) => r.seq);
  if (resolved.length) db.update(setAsideChanges).set({ resolvedAt: at }).where(inArray(setAsideChanges.seq, resolved)).run();
}

export function openSetAsideCount(db: Db): number {
  return db.select({ n: count() }).from(setAsideChanges).where(isNull(setAsideChanges.resolvedAt)).get()?.n ?? 0;
}

/** Newest first, for the screen that shows them. */
export function listSetAside(db: Db, limit: number) {
  return db
    .select()
    .from(setAsideChanges)
    .orderBy(desc(setAsideChanges.seq))
    .limit(limit)
    .all()
    .map(({ seq: _seq, data, ...row }) => ({ ...row, data: JSON.parse(data) as unknown }));
}

/** The next set-aside records head office has not been told about, oldest first. */
export function unreportedSetAside(db: Db, limit: number): SetAsideChange[] {
  return db
    .select({
      id: setAsideChanges.id,
      entity: setAsideChanges.entity,
      recordId: setAsideChanges.recordId,
      reason: setAsideChanges.reason,
      setAsideAt: setAsideChanges.setAsideAt,
    })
    .from(setAsideChanges)
    .where(isNull(setAsideChanges.reportedAt))
    .orderBy(asc(setAsideChanges.seq))
    .limit(limit)
    .all();
}

export function markReported(db: Db, ids: readonly string[], at: string): void {
  if (ids.length) db.update(setAsideChanges).set({ reportedAt: at }).where(and(inArray(setAsideChanges.id, [...ids]), isNull(setAsideChanges.reportedAt))).run();
}
