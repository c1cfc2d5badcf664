import type { FastifyServerOptions } from 'fastify';
import type { Database } from './db/database';

export interface AppOptions {
  /** An open, migrated database (tests); otherwise one is opened from the options below. */
  database?: Database;
  /** PostgreSQL when set; embedded PGlite otherwise. */
  databaseUrl?: string;
  /** PGlite's folder; undefined with no databaseUrl means in memory. */
  pgliteDir?: string;
  adminApiKey?: string;
  /** Receives the generated set-up key line; defaults to stdout. */
  announce?: (line: string) => void;
  logger?: FastifyServerOptions['logger'];
  /** Enrolment attempts per IP per minute. */
  enrolRateLimit?: number;
  now?: () => Date;
}
