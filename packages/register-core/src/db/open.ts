import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CoreError } from '../errors';
import * as schema from './schema';

/** The database or a transaction on it: data functions work the same inside and outside one. */
export type Db = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;
export interface Store {
  sqlite: Database.Database;
  db: Db;
  close(): void;
}

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * Opens (creating if needed) the register's database and brings its schema up to date.
 *
 * WAL with synchronous=FULL: a commit returns only after the WAL is fsynced, so an acknowledged sale
 * survives a crash or power cut (NORMAL would only survive a process crash).
 */
export function openStore(path: string): Store {
  const sqlite = new Database(path);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = drizzle(sqlite, { schema });
    refuseNewerDatabase(sqlite);
    migrate(db, { migrationsFolder: MIGRATIONS });
    return { sqlite, db, close: () => sqlite.close() };
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

/** Older code must not write into a database a newer version has already reshaped. */
function refuseNewerDatabase(sqlite: Database.Database): void {
  const hasTable = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!hasTable) return;
  const journal = JSON.parse(readFileSync(`${MIGRATIONS}/meta/_journal.json`, 'utf8')) as {
    entries: { when: number }[];
  };
  const known = Math.max(...journal.entries.map((e) => e.when));
  const row = sqlite.prepare('SELECT max(created_at) AS latest FROM __drizzle_migrations').get() as {
    latest: number | null;
  };
  if (row.latest !== null && Number(row.latest) > known) {
    throw new CoreError(
      'DATABASE_TOO_NEW',
      'This register database was written by a newer version of Nota. Update the register software.',
    );
  }
}
