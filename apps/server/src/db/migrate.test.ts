import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabases } from '../test-support/test-app';
import { openDatabase } from './database';
import { DatabaseTooNewError, runMigrations } from './migrate';

describe.each(testDatabases())('migrations (%s)', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('are idempotent, and a database migrated by newer code is refused', async () => {
    const test = await createTestDatabase(kind);
    cleanups.push(() => test.drop());
    await runMigrations(test.database);
    await test.database.transaction((tx) =>
      tx.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('future', ${Date.now() + 86_400_000})`),
    );
    await expect(runMigrations(test.database)).rejects.toThrow(DatabaseTooNewError);
    await expect(runMigrations(test.database)).rejects.toThrow(/newer Nota server/);
    if (test.url) await expect(openDatabase({ kind: 'postgres', url: test.url })).rejects.toThrow(DatabaseTooNewError);
    // A new PGlite plus every migration (pg_trgm and the list indexes among them) outlasts the default 20 s
    // when three test files share two cores; this checks behaviour, not speed.
  }, 120_000);
});
