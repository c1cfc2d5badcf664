import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';

// Characters no Nota contract lets in: controls other than tab and line breaks, the replacement
// character a database writes for what it could not store, and text-direction overrides.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function* strings(value: unknown, at: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [at, value];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, `${at}[${i}]`);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      yield [`${at} (key)`, key];
      yield* strings(item, `${at}.${key}`);
    }
  }
}

/**
 * Every stored string (text columns and the strings and keys inside JSON columns, of every table)
 * that holds a forbidden character, as `table.column: 'value'`. Empty when the database is clean.
 */
export async function forbiddenStoredText(database: Database): Promise<string[]> {
  return database.read(async (db) => {
    const tables = (await db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
    )) as unknown as { rows: { name: string }[] };
    const found: string[] = [];
    for (const { name } of tables.rows) {
      // Each row as JSON text: PostgreSQL escapes controls there, and JSON.parse gives them back.
      const rows = (await db.execute(sql`select to_jsonb(t)::text as row from ${sql.identifier(name)} t`)) as unknown as { rows: { row: string }[] };
      for (const { row } of rows.rows) {
        const record = JSON.parse(row) as Record<string, unknown>;
        // A rejected event is kept as it came, to be shown with its reason: evidence, not data.
        if (name === 'processed_events' && record.status === 'rejected') delete record.payload;
        for (const [at, text] of strings(record, name)) {
          if (FORBIDDEN.test(text)) found.push(`${at}: ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)}`);
        }
      }
    }
    return found;
  });
}
