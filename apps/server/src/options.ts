import type { FastifyServerOptions } from 'fastify';
import type { Database } from './db/database';
import type { ExportTimings } from './services/export/export-timings';
import type { AgressoClientFactory } from './services/export/export-setup';
import type { SessionRules } from './services/auth/sessions';
import type { ThrottleRules } from './services/auth/sign-in-throttle';

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
  /** NOTA_ADMIN_USERNAME / NOTA_ADMIN_PASSWORD: the first administrator when none exists; otherwise a set-up code is announced. */
  firstAdministrator?: { username: string; password: string };
  /** Trust X-Forwarded-* from a reverse proxy (NOTA_TRUST_PROXY): the session cookie is Secure when it says https. */
  trustProxy?: boolean;
  sessions?: Partial<SessionRules>;
  signInThrottle?: Partial<ThrottleRules>;
  /** Receives the generated set-up key and set-up code lines; defaults to stdout. */
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
