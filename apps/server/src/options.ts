import type { FastifyServerOptions } from 'fastify';
import type { Database } from './db/database';
import type { ExportTimings } from './services/export/export-timings';
import type { AgressoClientFactory } from './services/export/export-setup';

export interface AppOptions {
  /** An open, migrated database (tests); otherwise one is opened from the options below. */
  database?: Database;
  /** PostgreSQL when set; embedded PGlite otherwise. */
  databaseUrl?: string;
  /** PGlite's folder; undefined with no databaseUrl means in memory. */
  pgliteDir?: string;
  adminApiKey?: string;
  /** The built back office (apps/backoffice/dist by default). */
  backofficeDir?: string;
  /** Receives the generated set-up key line; defaults to stdout. */
  announce?: (line: string) => void;
  logger?: FastifyServerOptions['logger'];
  /** Enrolment attempts per IP per minute. */
  enrolRateLimit?: number;
  now?: () => Date;
  /** Seals stored credentials (32 bytes); a random one when absent, which suits in-memory tests only. */
  secretKey?: Buffer;
  invoicing?: {
    /** Background activation and export; off for tests that drive the pipeline step by step. */
    enabled?: boolean;
    exportConcurrency?: number;
    pollMs?: number;
    timings?: Partial<ExportTimings>;
    /** Tests and benchmarks may wrap the Agresso client. */
    agressoClient?: AgressoClientFactory;
  };
}
