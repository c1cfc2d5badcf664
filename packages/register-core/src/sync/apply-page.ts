import { Change, fieldErrorsFromZod } from '@nota/protocol';
import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
import { applyChanges } from './apply-changes';
import { resolveSetAside, setAside } from './set-aside';
import { writeSyncState } from './sync-state';

export interface PageOutcome {
  applied: number;
  setAside: number;
}

/**
 * SQLite errors about the register itself (disk full or failing, database locked, out of memory)
 * say nothing about the record: the page is not applied and is pulled again later. Any other
 * failure (a constraint, a value SQLite refuses, a record the code cannot handle) would fail on
 * every retry, so that record is set aside instead of stopping the feed.
 */
const NOT_ABOUT_THE_RECORD = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|NOMEM|READONLY|CORRUPT|NOTADB|CANTOPEN|PROTOCOL|INTERRUPT|PERM|ABORT)/;

function aboutTheRecord(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return !(typeof code === 'string' && NOT_ABOUT_THE_RECORD.test(code));
}

/** The bulk path applies groups before products; one by one keeps that order. */
const ORDER: Partial<Record<Change['entity'], number>> = { product_group: 1, product: 2, customer: 3 };

/**
 * Applies one page of the server's change feed and stores its cursor in the same transaction:
 * after a crash the register either has the page and its cursor, or neither, and pulls it again.
 * A record the register cannot read (it does not meet the contract) or cannot store is set aside
 * with its reason; the rest of the page applies and the cursor moves on, so one record never stops
 * the feed. The page goes in bulk; only when that fails does each record get its own savepoint.
 */
export function applyChangePage(sqlite: Database.Database, db: Db, records: readonly unknown[], cursor: string, at: string): PageOutcome {
  const outcome: PageOutcome = { applied: 0, setAside: 0 };
  sqlite.transaction(() => {
    const changes: Change[] = [];
    for (const record of records) {
      const parsed = Change.safeParse(record);
      if (parsed.success) {
        changes.push(parsed.data);
      } else {
        const problems = fieldErrorsFromZod(parsed.error).slice(0, 5).map((p) => p.message);
        setAside(db, record, 'RECORD_INVALID', `The record does not match the sync contract: ${problems.join('; ')}`, at);
        outcome.setAside += 1;
      }
    }
    const applied = applyEach(sqlite, db, changes, at, outcome);
    resolveSetAside(db, applied, at);
    writeSyncState(db, 'cursor', cursor);
  })();
  return outcome;
}

function applyEach(sqlite: Database.Database, db: Db, changes: readonly Change[], at: string, outcome: PageOutcome): Change[] {
  if (changes.length === 0) return [];
  try {
    applyChanges(sqlite, db, changes);
    outcome.applied += changes.length;
    return [...changes];
  } catch (error) {
    if (!aboutTheRecord(error)) throw error;
    if (changes.length === 1) {
      setAside(db, changes[0], 'RECORD_NOT_STORABLE', `The register could not store the record: ${error instanceof Error ? error.message : String(error)}`, at);
      outcome.setAside += 1;
      return [];
    }
  }
  const ordered = changes.map((c, i) => ({ c, i })).sort((a, b) => (ORDER[a.c.entity] ?? 0) - (ORDER[b.c.entity] ?? 0) || a.i - b.i);
  return ordered.flatMap(({ c }) => applyEach(sqlite, db, [c], at, outcome));
}
