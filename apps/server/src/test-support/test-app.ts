import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, SYNC_ROUTES, type SyncEvent } from '@nota/protocol';
import { buildApp } from '../build-app';
import { openDatabase, type Database } from '../db/database';
import type { AppOptions } from '../options';

export type TestDatabaseKind = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when NOTA_TEST_POSTGRES_URL points at a server we may create databases on. */
export function testDatabases(): TestDatabaseKind[] {
  return process.env.NOTA_TEST_POSTGRES_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  database: Database;
  /** A connection string for a second app on the same data (postgres only). */
  url: string | null;
  drop(): Promise<void>;
}

/** A fresh, migrated database: in-memory PGlite, or a uniquely named database on the test server. */
export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite' });
    return { database, url: null, drop: () => database.close() };
  }
  const adminUrl = process.env.NOTA_TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error('NOTA_TEST_POSTGRES_URL is not set');
  const name = `nota_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export const TEST_API_KEY = `nak_test_${'x'.repeat(40)}`;

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** PostgreSQL only: where a second server instance would connect. */
  url: string | null;
  adminHeaders: Record<string, string>;
  close(): Promise<void>;
}

export async function createTestApp(kind: TestDatabaseKind, options: AppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase(kind);
  const app = await buildApp({
    database: db.database,
    adminApiKey: TEST_API_KEY,
    logger: false,
    enrolRateLimit: 1_000,
    announce: () => undefined,
    ...options,
    // The background pipeline is off unless a test asks for it, so tests see only what they cause.
    invoicing: { enabled: false, ...options.invoicing },
  });
  return {
    app,
    database: db.database,
    url: db.url,
    adminHeaders: { authorization: `Bearer ${TEST_API_KEY}` },
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

export const syncHeaders = (token: string) => ({
  authorization: `Bearer ${token}`,
  [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
});

export function expectJson<T = Record<string, unknown>>(res: LightMyRequestResponse, status: number): T {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

/** Creates a register through the admin API and enrols it, as head office and a cashier would. */
export async function enrolRegister(t: TestApp, name = 'Kassa 1'): Promise<{ registerId: string; token: string }> {
  await t.app.inject({ method: 'POST', url: '/api/cost-centres', headers: t.adminHeaders, payload: { code: 'CC1', name: 'Butik' } });
  const created = expectJson<{ register: { id: string }; enrolmentCode: string }>(
    await t.app.inject({ method: 'POST', url: '/api/registers', headers: t.adminHeaders, payload: { name, costCentreCode: 'CC1' } }),
    200,
  );
  const enrolled = expectJson<{ registerId: string; token: string }>(
    await t.app.inject({
      method: 'POST',
      url: SYNC_ROUTES.enrol,
      headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      payload: { code: created.enrolmentCode, clientVersion: 'test' },
    }),
    200,
  );
  return { registerId: enrolled.registerId, token: enrolled.token };
}

export async function leaseBlock(t: TestApp, token: string, size = 100): Promise<{ firstNumber: number; lastNumber: number; id: string }> {
  const res = await t.app.inject({ method: 'POST', url: SYNC_ROUTES.leaseNumbers, headers: syncHeaders(token), payload: { size } });
  return expectJson<{ block: { firstNumber: number; lastNumber: number; id: string } }>(res, 200).block;
}

export async function push(t: TestApp, token: string, events: SyncEvent[], backlog = 0) {
  const { randomUUID } = await import('node:crypto');
  return t.app.inject({
    method: 'POST',
    url: SYNC_ROUTES.push,
    headers: syncHeaders(token),
    payload: { batchId: randomUUID(), events, backlog },
  });
}
