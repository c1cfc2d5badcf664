import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HandlerName, RequestOf, ResponseOf } from '@nota/protocol';
import { createRegisterCore, type RegisterCore } from '../core';
import { DEMO_USERS, seedDemoData } from '../seed/demo-data';

export interface TestRegister {
  core: RegisterCore;
  dir: string;
  dbPath: string;
  /** send() that fails the test on an error answer, for the steps a test is not about. */
  call<K extends HandlerName>(name: K, args: RequestOf<K>): Promise<ResponseOf<K>>;
  signInAs(role: 'cashier' | 'manager'): Promise<void>;
  reopen(): TestRegister;
  dispose(): void;
}

/** A register on a real SQLite file in a fresh temp folder, with the demo catalog and customers. */
export function createTestRegister(opts: { now?: () => Date; customers?: number; seed?: boolean; dir?: string } = {}): TestRegister {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'nota-register-'));
  const dbPath = join(dir, 'register.sqlite');
  const core = createRegisterCore({ dbPath, ...(opts.now ? { now: opts.now } : {}) });
  if (opts.seed !== false) seedDemoData(core.context.store, { customers: opts.customers ?? 50, now: '2026-01-01T00:00:00.000Z' });
  const register: TestRegister = {
    core,
    dir,
    dbPath,
    async call(name, args) {
      const result = await core.send(name, args);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
      return result.data;
    },
    async signInAs(role) {
      const user = DEMO_USERS.find((u) => u.role === role)!;
      await register.call('session/sign-in', { userId: user.id, pin: user.pin });
    },
    reopen() {
      core.close();
      return createTestRegister({ ...opts, dir, seed: false });
    },
    dispose() {
      try {
        core.close();
      } catch {
        // already closed by reopen()
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return register;
}
