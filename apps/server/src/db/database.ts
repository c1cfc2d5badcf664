import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock';
import type { Database, Executor } from './database-types';
import { runMigrations } from './migrate';
import { Mutex } from './mutex';
import { makePrivateDir, makeTreePrivate } from './private-files';
import * as schema from './schema';

export type { Database, Executor, Queryable, Schema, Tx } from './database-types';

export type DatabaseOptions =
  | { kind: 'pglite'; dataDir?: string /* undefined = in memory */ }
  | { kind: 'postgres'; url: string; poolSize?: number };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const database = options.kind === 'pglite' ? await openPglite(options.dataDir) : openPostgres(options.url, options.poolSize);
  try {
    await runMigrations(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** PostgreSQL's trigram extension, which migration 0009's customer name index needs; bundled with PGlite. */
const PGLITE_EXTENSIONS = { pg_trgm };

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (!dataDir) return pgliteDatabase(new PGlite({ extensions: PGLITE_EXTENSIONS }), async () => undefined);
  // Embedded PostgreSQL is one process's: a second server on the folder would overwrite the first's writes.
  mkdirSync(dirname(dataDir), { recursive: true, mode: 0o700 });
  const lock = await lockDataDir(dataDir);
  try {
    makePrivateDir(dataDir);
    const client = new PGlite(dataDir, { extensions: PGLITE_EXTENSIONS });
    await client.waitReady;
    // PGlite unpacks its first files world-writable; earlier installations kept them so.
    makeTreePrivate(dataDir);
    return pgliteDatabase(client, async () => {
      try {
        // Files made while running follow the umask, which a process embedding the server may not have set.
        makeTreePrivate(dataDir);
      } finally {
        lock.release();
      }
    });
  } catch (error) {
    lock.release();
    throw error;
  }
}

function pgliteDatabase(client: PGlite, afterClose: () => Promise<void>): Database {
  const db = drizzlePglite({ client, schema }) as unknown as Executor;
  const mutex = new Mutex();
  return {
    kind: 'pglite',
    transaction: (fn) => mutex.run(() => db.transaction(fn)),
    read: (fn) => mutex.run(() => fn(db)),
    statement: (fn) => mutex.run(() => fn(db)),
    close: () =>
      mutex.run(async () => {
        await client.close();
        await afterClose();
      }),
  };
}

function openPostgres(url: string, poolSize = 20): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = drizzlePg({ client: pool, schema }) as unknown as Executor;
  return {
    kind: 'postgres',
    transaction: (fn) => db.transaction(fn),
    read: (fn) => fn(db),
    statement: (fn) => fn(db),
    close: () => pool.end(),
  };
}
