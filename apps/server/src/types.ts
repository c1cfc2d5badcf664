import type { Database } from './db/database';
import type { SecretBox } from './services/config/secret-box';
import type { AgressoClientFactory } from './services/export/export-setup';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    routeTable: readonly { method: string; url: string }[];
    now: () => Date;
    secrets: SecretBox;
    /** How the server talks to Agresso (tests and benchmarks may wrap it); the exporter and the connection test share it. */
    agressoClientFor: AgressoClientFactory;
    /** Something in the invoice pipeline became due (a push with invoice sales, a retry, a config change). */
    invoicing: { nudge(): void };
    /** onRequest hooks: checked before the body is even parsed. */
    requireRegister: (request: FastifyRequest) => Promise<void>;
    requireApiKey: (request: FastifyRequest) => Promise<void>;
    requireProtocol: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    registerId: string | null;
  }
}

export {};
