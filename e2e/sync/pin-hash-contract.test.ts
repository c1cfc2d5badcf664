import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegisterCore, type RegisterCore } from '@nota/register-core';
import { buildApp } from '@nota/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminClient, type AdminClient } from '../../scripts/loadgen/admin-client';

// The server hashes a register user's PIN (apps/server/src/services/pin-hash.ts) and registers verify
// it offline (packages/register-core/src/users/pin.ts): two copies of one format. This keeps them the
// same: a PIN head office sets signs in at a real register, and a wrong one does not.

const API_KEY = `nak_e2e_${'p'.repeat(40)}`;

describe('the PIN hash format the server writes and the register reads', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: AdminClient;
  let core: RegisterCore;
  let dir: string;

  beforeAll(async () => {
    app = await buildApp({ adminApiKey: API_KEY, logger: false, announce: () => undefined, invoicing: { enabled: false } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const serverUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    admin = createAdminClient(serverUrl, API_KEY);
    await admin.request('POST', '/api/cost-centres', { code: 'PIN', name: 'Butik' });
    for (const [id, role, pin] of [['kassor', 'cashier', '4821'], ['chef', 'manager', '90817263']] as const) {
      await admin.request('PUT', `/api/register-users/${id}`, { name: id, role, pin, costCentreCode: 'PIN' });
    }
    dir = mkdtempSync(join(tmpdir(), 'nota-pin-'));
    core = createRegisterCore({ dbPath: join(dir, 'register.sqlite') });
    const { enrolmentCode } = await admin.request<{ enrolmentCode: string }>('POST', '/api/registers', { name: 'Kassa', costCentreCode: 'PIN' });
    await core.sync.enrol(serverUrl, enrolmentCode);
    await core.sync.syncOnce();
  }, 120_000);

  afterAll(async () => {
    await core?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await app?.close();
  });

  it.each([
    ['kassor', '4821'],
    ['chef', '90817263'],
  ])("signs %s in at the register with the PIN head office set, and refuses a wrong one", async (userId, pin) => {
    const right = await core.send('session/sign-in', { userId, pin });
    expect(right.ok, JSON.stringify(right)).toBe(true);
    await core.send('session/sign-out', {});
    const wrong = await core.send('session/sign-in', { userId, pin: pin.replace(/.$/, (d) => String((Number(d) + 1) % 10)) });
    expect(wrong.ok).toBe(false);
  });
});
