import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildApp } from '../../../build-app';
import { serverConfig } from '../../../db/schema';
import { asSession, sessionCookie, signInRequest } from '../../../test-support/back-office';
import { createTestApp, expectJson, testDatabases, type TestApp } from '../../../test-support/test-app';

const START_TIMEOUT = 120_000;

describe.each(testDatabases())('the first administrator (%s)', (kind) => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const t of apps) await t.close();
  });
  const start = async (options: Parameters<typeof createTestApp>[1]) => {
    const t = await createTestApp(kind, options);
    apps.push(t);
    return t;
  };

  it('is made from NOTA_ADMIN_USERNAME and NOTA_ADMIN_PASSWORD when there is none, and no set-up code is printed', async () => {
    const lines: string[] = [];
    const t = await start({ firstAdministrator: { username: 'root-admin', password: 'a long enough password' }, announce: (l) => lines.push(l) });
    expect(lines.join('\n')).not.toMatch(/set-up code/i);
    const info = expectJson<{ user: { role: string } }>(await signInRequest(t, 'root-admin', 'a long enough password'), 200);
    expect(info.user.role).toBe('administrator');
    const setup = await t.app.inject({ method: 'POST', url: '/api/auth/setup', payload: { code: 'AAAA-BBBB-CCCC-DDDD', username: 'other', displayName: 'Other', password: 'another long password' } });
    expect(expectJson(setup, 410)).toMatchObject({ code: 'SETUP_DONE' });
  }, START_TIMEOUT);

  it('refuses to start with a password the contract would refuse, naming the setting', async () => {
    await expect(createTestApp(kind, { firstAdministrator: { username: 'root-admin', password: 'short' } })).rejects.toThrow(/NOTA_ADMIN_PASSWORD: at least 12 characters/);
    await expect(createTestApp(kind, { firstAdministrator: { username: 'Root Admin', password: 'a long enough password' } })).rejects.toThrow(/NOTA_ADMIN_USERNAME/);
  }, START_TIMEOUT);

  it('otherwise comes from a printed one-time set-up code, stored hashed, that works once', async () => {
    const lines: string[] = [];
    const t = await start({ announce: (l) => lines.push(l) });
    const line = lines.find((l) => /set-up code/i.test(l));
    const code = /([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})$/.exec(line ?? '')?.[1];
    expect(code, lines.join('\n')).toBeDefined();
    const [stored] = await t.database.read((db) => db.select().from(serverConfig).where(eq(serverConfig.key, 'setup-code')));
    expect(JSON.stringify(stored!.value)).not.toContain(code!.replace(/-/g, ''));

    const body = { username: 'ada', displayName: 'Ada Admin', password: 'the first administrator' };
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/setup', payload: { ...body, code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' } });
    expect(expectJson(wrong, 401)).toMatchObject({ code: 'SETUP_CODE_INVALID', field: 'code' });
    // Typed as people type it: lower case, without dashes.
    const done = await t.app.inject({ method: 'POST', url: '/api/auth/setup', payload: { ...body, code: code!.toLowerCase().replace(/-/g, ' ') } });
    const info = expectJson<{ user: { username: string; role: string }; csrfToken: string; expiresAt: string }>(done, 200);
    expect(info.user).toMatchObject({ username: 'ada', role: 'administrator' });
    const session = asSession(sessionCookie(done)!.value, info as never);
    expectJson(await t.app.inject({ method: 'GET', url: '/api/users', headers: session.headers }), 200);

    const again = await t.app.inject({ method: 'POST', url: '/api/auth/setup', payload: { ...body, username: 'eve', code: code! } });
    expect(expectJson(again, 410)).toMatchObject({ code: 'SETUP_DONE' });
    expect(await t.database.read((db) => db.select().from(serverConfig).where(eq(serverConfig.key, 'setup-code')))).toEqual([]);

    // The next start has an administrator and prints no code.
    const restartLines: string[] = [];
    const restarted = await buildApp({ database: t.database, logger: false, announce: (l) => restartLines.push(l), invoicing: { enabled: false } });
    await restarted.close();
    expect(restartLines.join('\n')).not.toMatch(/set-up code/i);
  }, START_TIMEOUT);
});
