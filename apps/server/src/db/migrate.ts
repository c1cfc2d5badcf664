import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles, type MigrationConfig } from 'drizzle-orm/migrator';
import type { Database, Tx } from './database-types';

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
// Arbitrary constant: several server instances starting together must not migrate concurrently.
const MIGRATION_LOCK = 727_001;

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

export class DatabaseTooNewError extends Error {
  constructor(dbMillis: number, codeMillis: number) {
    super(
      `The database has a migration from ${new Date(dbMillis).toISOString()} that this server does not know ` +
        `(its newest is from ${new Date(codeMillis).toISOString()}). It was upgraded by a newer Nota server; ` +
        'run that version, or restore a backup made for this one.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export async function runMigrations(database: Database): Promise<void> {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as Journal;
  const newestInCode = Math.max(0, ...journal.entries.map((e) => e.when));
  await database.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    const newestInDb = await newestApplied(tx);
    if (newestInDb !== null && newestInDb > newestInCode) throw new DatabaseTooNewError(newestInDb, newestInCode);
    await migrateInTransaction(tx, { migrationsFolder });
  });
}

async function newestApplied(tx: Tx): Promise<number | null> {
  const exists = rows<{ present: boolean }>(
    await tx.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`),
  );
  if (!exists[0]?.present) return null;
  const result = rows<{ newest: string | null }>(
    await tx.execute(sql`select max(created_at)::text as newest from drizzle.__drizzle_migrations`),
  );
  const newest = result[0]?.newest;
  return newest == null ? null : Number(newest);
}

/** drizzle's migrator algorithm (same table, same bookkeeping), inlined so it runs under our lock. */
async function migrateInTransaction(tx: Tx, config: MigrationConfig): Promise<void> {
  const migrations = readMigrationFiles(config);
  await tx.execute(sql`create schema if not exists drizzle`);
  await tx.execute(
    sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`,
  );
  const last = await newestApplied(tx);
  for (const migration of migrations) {
    if (last !== null && migration.folderMillis <= last) continue;
    for (const statement of migration.sql) {
      if (statement.trim() !== '') await tx.execute(sql.raw(statement));
    }
    await tx.execute(
      sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`,
    );
  }
}

/** Both drivers answer raw queries with `{ rows }`; drizzle's shared pg type leaves it unknown. */
export function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
