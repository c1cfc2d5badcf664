import type { Database } from './db/database';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    routeTable: readonly { method: string; url: string }[];
    now: () => Date;
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
