import type { FastifySchema } from 'fastify';
import type { BackOfficeRole } from '@nota/protocol';
import type { Database } from './db/database';
import type { Principal } from './services/auth/principal';
import type { SessionRules } from './services/auth/sessions';
import type { ThrottleRules } from './services/auth/sign-in-throttle';
import type { SecretBox } from './services/config/secret-box';
import type { AgressoClientFactory } from './services/export/export-setup';

/** Which group a route belongs to and, for head-office routes, who may call it (routes/groups). */
export interface RouteAccess {
  method: string;
  url: string;
  group: 'public' | 'sync' | 'head-office';
  roles: readonly BackOfficeRole[];
  sessionOnly: boolean;
  /** A sync route called with a one-time enrolment code instead of a register token. */
  enrolment: boolean;
  /** As registered: the route-map test checks head-office routes use their map entry's shapes. */
  schema: FastifySchema | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    routeTable: readonly { method: string; url: string }[];
    /** Every route's group and declared roles, as the groups registered them. */
    routeAccess: readonly RouteAccess[];
    now: () => Date;
    secrets: SecretBox;
    sessionRules: SessionRules;
    throttleRules: ThrottleRules;
    /** How the server talks to Agresso (tests and benchmarks may wrap it); the exporter and the connection test share it. */
    agressoClientFor: AgressoClientFactory;
    /** Something in the invoice pipeline became due (a push with invoice sales, a retry, a config change). */
    invoicing: { nudge(): void };
    /** onRequest hooks: checked before the body is even parsed. */
    requireRegister: (request: FastifyRequest) => Promise<void>;
    requireProtocol: (request: FastifyRequest) => Promise<void>;
    requireHeadOffice: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    registerId: string | null;
    /** Set by the head-office guard; null on other routes. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Head-office routes: the roles that may call it. A head-office route without it refuses to start. */
    roles?: readonly BackOfficeRole[];
    /** Head-office routes about the caller's own session: a person only, not an API key. */
    sessionOnly?: boolean;
    /** Sync routes: enrolment comes with a one-time code instead of the register's token. */
    enrolment?: boolean;
  }
}

export {};
