import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserList } from '@nota/protocol';
import { createUser, signIn } from '../../../test-support/back-office';
import { createTestApp, expectJson, testDatabases, type TestApp } from '../../../test-support/test-app';

describe.each(testDatabases())('GET /api/users (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  }, 120_000);
  afterAll(() => t?.close());

  it('lists every user by username with when it last signed in, null for one who never has', async () => {
    await createUser(t, { username: 'hugo', role: 'head-office' });
    await createUser(t, { username: 'ada', role: 'administrator' });
    const started = Date.now();
    await signIn(t, 'hugo');
    const second = await signIn(t, 'hugo');
    const users = UserList.parse(expectJson(await t.app.inject({ method: 'GET', url: '/api/users', headers: t.adminHeaders }), 200)).users;
    const byName = Object.fromEntries(users.map((u) => [u.username, u]));
    expect(users.map((u) => u.username)).toEqual([...users.map((u) => u.username)].sort());
    expect(byName.ada!.lastSignInAt).toBeNull();
    const last = Date.parse(byName.hugo!.lastSignInAt!);
    expect(last).toBeGreaterThanOrEqual(started - 1_000);
    expect(last).toBeLessThanOrEqual(Date.parse(second.info.expiresAt));
  });
});
