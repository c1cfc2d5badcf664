import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE } from '@nota/protocol';
import { createUser, sessionCookie, signIn, signInRequest, testClock, TEST_PASSWORD } from '../../../test-support/back-office';
import { createTestApp, expectJson, testDatabases, type TestApp } from '../../../test-support/test-app';

const START_TIMEOUT = 120_000;
const MINUTE = 60_000;

describe.each(testDatabases())('back-office sign-in and sessions (%s)', (kind) => {
  let t: TestApp;
  const clock = testClock();
  beforeAll(async () => {
    t = await createTestApp(kind, {
      now: clock.now,
      sessions: { idleMs: 30 * MINUTE, absoluteMs: 8 * 60 * MINUTE },
      signInThrottle: { perUser: 5, perAddress: 8, lockMs: 15 * MINUTE, windowMs: 15 * MINUTE },
    });
    expectJson(await t.app.inject({ method: 'POST', url: '/api/cost-centres', headers: t.adminHeaders, payload: { code: 'A', name: 'Butik A' } }), 200);
    for (const username of ['anna', 'bert', 'cecilia', 'david', 'erik', 'frida']) await createUser(t, { username, role: 'head-office' });
  }, START_TIMEOUT);
  afterAll(() => t?.close());

  const session = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/auth/session', headers });

  it('signs in with a cookie that is httpOnly, SameSite=Strict, Path=/ and not Secure over plain http', async () => {
    const res = await signInRequest(t, 'anna', TEST_PASSWORD);
    const body = expectJson<{ user: { username: string; role: string }; csrfToken: string; expiresAt: string }>(res, 200);
    expect(body.user).toMatchObject({ username: 'anna', role: 'head-office', costCentres: [], disabled: false });
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(40);
    const cookie = sessionCookie(res)!;
    expect(cookie).toMatchObject({ name: SESSION_COOKIE, httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value.length).toBeGreaterThanOrEqual(43);
    // The id is not stored: the database holds its hash.
    expect(res.body).not.toContain(cookie.value);
    const info = expectJson(await session({ cookie: `${SESSION_COOKIE}=${cookie.value}` }), 200);
    expect(info).toMatchObject({ user: { username: 'anna' }, csrfToken: body.csrfToken });
  });

  it('answers 401 UNAUTHENTICATED without a session and with an unknown one', async () => {
    expect(expectJson(await session({}), 401)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(expectJson(await session({ cookie: `${SESSION_COOKIE}=made-up` }), 401)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('gives one answer for an unknown user and a wrong password', async () => {
    const unknown = await signInRequest(t, 'nobody-here', TEST_PASSWORD, '10.0.0.50');
    const wrong = await signInRequest(t, 'bert', 'not the password', '10.0.0.51');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('refuses a cookie-authenticated write without the CSRF token, or with a wrong one, and takes it with the right one', async () => {
    const anna = await signIn(t, 'anna');
    const write = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/api/cost-centres', headers, payload: { code: 'B', name: 'Butik B' } });
    expect(expectJson(await write(anna.cookieOnly), 403)).toMatchObject({ code: 'CSRF_TOKEN_INVALID' });
    expect(expectJson(await write({ ...anna.cookieOnly, [CSRF_HEADER]: 'x'.repeat(43) }), 403)).toMatchObject({ code: 'CSRF_TOKEN_INVALID' });
    const other = await signIn(t, 'bert');
    // Another session's token is a wrong token too.
    expect(expectJson(await write({ ...anna.cookieOnly, [CSRF_HEADER]: other.info.csrfToken }), 403)).toMatchObject({ code: 'CSRF_TOKEN_INVALID' });
    expectJson(await write(anna.headers), 200);
    // Reads need no token; an API key needs none either.
    expectJson(await t.app.inject({ method: 'GET', url: '/api/registers', headers: anna.cookieOnly }), 200);
    expectJson(await t.app.inject({ method: 'POST', url: '/api/cost-centres', headers: t.adminHeaders, payload: { code: 'C', name: 'Butik C' } }), 200);
  });

  it('locks a username after five failures with 429, Retry-After and a clear message, also for the right password; then lets it in', async () => {
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await signInRequest(t, 'cecilia', `wrong-${i}`, `10.1.0.${i}`));
    expect(answers.slice(0, 4).map((r) => r.statusCode)).toEqual([401, 401, 401, 401]);
    const locked = answers[4]!;
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'SIGN_IN_LOCKED', message: expect.stringContaining('Try again in 15 minutes') });
    expect(locked.headers['retry-after']).toBe(String(15 * 60));

    const right = await signInRequest(t, 'cecilia', TEST_PASSWORD, '10.1.0.9');
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect(sessionCookie(right)).toBeUndefined();
    // Others are not affected.
    expectJson(await signInRequest(t, 'david', TEST_PASSWORD, '10.1.0.9'), 200);

    clock.advance(15 * MINUTE + 1_000);
    expectJson(await signInRequest(t, 'cecilia', TEST_PASSWORD, '10.1.0.9'), 200);
  });

  it('locks for twice as long the next time', async () => {
    for (let i = 0; i < 4; i += 1) expect((await signInRequest(t, 'erik', 'wrong', '10.2.0.1')).statusCode).toBe(401);
    expect((await signInRequest(t, 'erik', 'wrong', '10.2.0.2')).headers['retry-after']).toBe(String(15 * 60));
    clock.advance(15 * MINUTE + 1_000);
    for (let i = 0; i < 4; i += 1) expect((await signInRequest(t, 'erik', 'wrong', '10.2.0.3')).statusCode).toBe(401);
    const second = await signInRequest(t, 'erik', 'wrong', '10.2.0.4');
    expect(second.statusCode).toBe(429);
    expect(second.headers['retry-after']).toBe(String(30 * 60));
    expect(second.json().message).toContain('30 minutes');
    clock.advance(30 * MINUTE + 1_000);
  });

  it('locks an address that tries many usernames, and only that address', async () => {
    const answers = [];
    for (let i = 0; i < 8; i += 1) answers.push((await signInRequest(t, `guess-${i}`, 'wrong', '10.3.0.1')).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 401, 401, 401, 429]);
    expect((await signInRequest(t, 'frida', TEST_PASSWORD, '10.3.0.1')).statusCode).toBe(429);
    expectJson(await signInRequest(t, 'frida', TEST_PASSWORD, '10.3.0.2'), 200);
    clock.advance(15 * MINUTE + 1_000);
  });

  it('ends the session at sign-out: the cookie no longer works and is cleared', async () => {
    const anna = await signIn(t, 'anna');
    expect(expectJson(await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: anna.cookieOnly }), 403)).toMatchObject({ code: 'CSRF_TOKEN_INVALID' });
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: anna.headers });
    expect(out.statusCode).toBe(204);
    expect(sessionCookie(out)?.value).toBe('');
    expect(expectJson(await session(anna.cookieOnly), 401)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('signs out everywhere: every session of the user ends, other users stay', async () => {
    const laptop = await signIn(t, 'bert');
    const phone = await signIn(t, 'bert');
    const someoneElse = await signIn(t, 'anna');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/sign-out-everywhere', headers: laptop.headers })).statusCode).toBe(204);
    expect((await session(laptop.cookieOnly)).statusCode).toBe(401);
    expect((await session(phone.cookieOnly)).statusCode).toBe(401);
    expectJson(await session(someoneElse.cookieOnly), 200);
  });

  it('changes the password: the other sessions end, this one goes on, only the new password signs in', async () => {
    const here = await signIn(t, 'david');
    const elsewhere = await signIn(t, 'david');
    const change = (currentPassword: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/password', headers: here.headers, payload: { currentPassword, newPassword: 'a new long passphrase' } });
    expect(expectJson(await change('not it'), 400)).toMatchObject({ code: 'INVALID_CREDENTIALS', field: 'currentPassword' });
    expectJson(await session(elsewhere.cookieOnly), 200);
    expect((await change(TEST_PASSWORD)).statusCode).toBe(204);
    expect((await session(elsewhere.cookieOnly)).statusCode).toBe(401);
    expectJson(await session(here.cookieOnly), 200);
    expect((await signInRequest(t, 'david', TEST_PASSWORD, '10.4.0.1')).statusCode).toBe(401);
    expectJson(await signInRequest(t, 'david', 'a new long passphrase', '10.4.0.1'), 200);
    const short = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: here.headers, payload: { currentPassword: 'a new long passphrase', newPassword: 'short' } });
    expect(expectJson(short, 400)).toMatchObject({ field: 'body.newPassword' });
  });

  it('ends a session left idle, and any session at its absolute expiry however busy', async () => {
    const idle = await signIn(t, 'anna');
    clock.advance(29 * MINUTE);
    expectJson(await session(idle.cookieOnly), 200);
    clock.advance(29 * MINUTE);
    expectJson(await session(idle.cookieOnly), 200);
    clock.advance(31 * MINUTE);
    expect((await session(idle.cookieOnly)).statusCode).toBe(401);

    const busy = await signIn(t, 'anna');
    for (let hour = 0; hour < 8; hour += 1) {
      clock.advance(20 * MINUTE);
      expectJson(await session(busy.cookieOnly), 200);
      clock.advance(20 * MINUTE);
      expectJson(await session(busy.cookieOnly), 200);
      clock.advance(20 * MINUTE);
      if (hour < 7) expectJson(await session(busy.cookieOnly), 200);
    }
    expect((await session(busy.cookieOnly)).statusCode).toBe(401);
  });

  it('signs a disabled user out at once and refuses its sign-in; a password reset ends sessions and lifts a lock-out', async () => {
    const frida = await signIn(t, 'frida');
    const id = frida.info.user.id;
    expectJson(await t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: t.adminHeaders, payload: { disabled: true } }), 200);
    expect((await session(frida.cookieOnly)).statusCode).toBe(401);
    expect(expectJson(await signInRequest(t, 'frida', TEST_PASSWORD, '10.5.0.1'), 401)).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expectJson(await t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: t.adminHeaders, payload: { disabled: false } }), 200);

    const again = await signIn(t, 'frida', TEST_PASSWORD, '10.5.0.2');
    for (let i = 0; i < 5; i += 1) await signInRequest(t, 'frida', 'wrong', `10.5.1.${i}`);
    expect((await signInRequest(t, 'frida', TEST_PASSWORD, '10.5.0.3')).statusCode).toBe(429);
    const reset = await t.app.inject({ method: 'POST', url: `/api/users/${id}/password`, headers: t.adminHeaders, payload: { password: 'reset by the administrator' } });
    expect(reset.statusCode).toBe(204);
    expect((await session(again.cookieOnly)).statusCode).toBe(401);
    expectJson(await signInRequest(t, 'frida', 'reset by the administrator', '10.5.0.3'), 200);
  });
});

describe('the session cookie behind a proxy', () => {
  let trusting: TestApp;
  let direct: TestApp;
  beforeAll(async () => {
    [trusting, direct] = await Promise.all([createTestApp('pglite', { trustProxy: true }), createTestApp('pglite')]);
    for (const t of [trusting, direct]) await createUser(t, { username: 'anna', role: 'administrator' });
  }, START_TIMEOUT);
  afterAll(async () => {
    await trusting?.close();
    await direct?.close();
  });

  const viaHttps = (t: TestApp) =>
    t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'x-forwarded-proto': 'https' }, payload: { username: 'anna', password: TEST_PASSWORD } });

  it('is Secure when a trusted proxy says the request came over https', async () => {
    expect(sessionCookie(await viaHttps(trusting))).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
  });

  it('ignores X-Forwarded-Proto unless the proxy is trusted', async () => {
    expect(sessionCookie(await viaHttps(direct))?.secure).toBeFalsy();
  });
});
