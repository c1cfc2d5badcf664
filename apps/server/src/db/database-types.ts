import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

// The database's types on their own, so the migrator and the opener do not import each other.

export type Schema = typeof schema;
export type Executor = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Executor['transaction']>[0]>[0];
/** Either the database itself or a transaction: what repository functions accept. */
export type Queryable = Executor | Tx;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Reads outside an explicit transaction; still serialized on PGlite (one connection). */
  read<T>(fn: (db: Executor) => Promise<T>): Promise<T>;
  /** One statement that writes, committed on its own: one round trip instead of a transaction's three. */
  statement<T>(fn: (db: Executor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
