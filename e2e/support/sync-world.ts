import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HandlerName, RequestOf, ResponseOf } from '@nota/protocol';
import { createRegisterCore, type RegisterCore, type RegisterCoreOptions } from '@nota/register-core';
import { buildApp, openDatabase, type Database } from '@nota/server';
import { createAdminClient, type AdminClient } from '../../scripts/loadgen/admin-client';
import { LOADGEN_CASHIER, prepareServer } from '../../scripts/loadgen/run-load';
import { createPostgresDatabase, type DatabaseKind } from './databases';

export interface RegisterSetup {
  name?: string;
  costCentreCode?: string;
  /** Where the register talks to the server: the server itself, or a fault proxy in front of it. */
  via?: string;
  sync?: RegisterCoreOptions['sync'];
  /** Who signs in: the load generator's cashier unless said otherwise (same PIN). */
  userId?: string;
}

/** A real server on a real database with the load generator's head-office set-up, and the real registers enrolled to it. */
export interface SyncWorld {
  app: Awaited<ReturnType<typeof buildApp>>;
  /** The server's own database, for writing what an older server let in. */
  database: Database;
  serverUrl: string;
  /** The administrator's API key, for calls that must see the server's raw answer. */
  apiKey: string;
  admin: AdminClient;
  /** A register-core on its own SQLite file, enrolled with a real code, synced once and signed in. */
  register(setup?: RegisterSetup): Promise<RegisterCore>;
  close(): Promise<void>;
}

export async function startSyncWorld(kind: DatabaseKind): Promise<SyncWorld> {
  const pgDb = kind === 'postgres' ? await createPostgresDatabase() : null;
  const database = await openDatabase(pgDb ? { kind: 'postgres', url: pgDb.url } : { kind: 'pglite' });
  const apiKey = `nak_${randomUUID().replaceAll('-', '')}`;
  const app = await buildApp({ adminApiKey: apiKey, logger: false, database });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const serverUrl = `http://127.0.0.1:${port}`;
  const admin = createAdminClient(serverUrl, apiKey);
  await prepareServer(admin);

  const dirs: string[] = [];
  const cores: RegisterCore[] = [];
  return {
    app,
    database,
    serverUrl,
    apiKey,
    admin,
    async register({ name = 'Kassa e2e', costCentreCode = 'LOAD', via = serverUrl, sync, userId = LOADGEN_CASHIER.id } = {}) {
      const dir = mkdtempSync(join(tmpdir(), 'nota-e2e-'));
      dirs.push(dir);
      const core = createRegisterCore({ dbPath: join(dir, 'register.sqlite'), ...(sync ? { sync } : {}) });
      cores.push(core);
      const { enrolmentCode } = await admin.request<{ enrolmentCode: string }>('POST', '/api/registers', { name, costCentreCode });
      await core.sync.enrol(via, enrolmentCode);
      await core.sync.syncOnce();
      await call(core, 'session/sign-in', { userId, pin: LOADGEN_CASHIER.pin });
      return core;
    },
    async close() {
      for (const core of cores) await core.close();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      await app.close();
      await database.close();
      await pgDb?.drop();
    },
  };
}

/** A register handler's answer, or a thrown error naming its code: e2e steps that must succeed. */
export async function call<K extends HandlerName>(core: RegisterCore, name: K, args: RequestOf<K>): Promise<ResponseOf<K>> {
  const result = await core.send(name, args);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.data;
}
