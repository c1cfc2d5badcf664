import type { LightMyRequestResponse } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE, type BackOfficeRole, type BackOfficeUser, type SessionInfo } from '@nota/protocol';
import { expectJson, type TestApp } from './test-app';

export const TEST_PASSWORD = 'correct horse battery staple';

/** A back-office user made by the administrator's API key, as an administrator would. */
export async function createUser(
  t: TestApp,
  user: { username: string; role: BackOfficeRole; costCentres?: string[]; password?: string },
): Promise<BackOfficeUser> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: t.adminHeaders,
    payload: { displayName: user.username, costCentres: [], password: TEST_PASSWORD, ...user },
  });
  return expectJson<{ user: BackOfficeUser }>(res, 200).user;
}

export interface SignedIn {
  sessionId: string;
  info: SessionInfo;
  /** Cookie and CSRF token: what the back office sends on every call. */
  headers: Record<string, string>;
  /** The cookie alone: a forged request from another site has no token. */
  cookieOnly: Record<string, string>;
}

export function sessionCookie(res: LightMyRequestResponse) {
  return (res.cookies as { name: string; value: string; httpOnly?: boolean; sameSite?: string; path?: string; secure?: boolean; expires?: Date }[]).find(
    (c) => c.name === SESSION_COOKIE,
  );
}

export const signInRequest = (t: TestApp, username: string, password: string, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password }, remoteAddress });

export async function signIn(t: TestApp, username: string, password = TEST_PASSWORD, remoteAddress?: string): Promise<SignedIn> {
  const res = await signInRequest(t, username, password, remoteAddress);
  const info = expectJson<SessionInfo>(res, 200);
  return asSession(sessionCookie(res)!.value, info);
}

export function asSession(sessionId: string, info: SessionInfo): SignedIn {
  const cookieOnly = { cookie: `${SESSION_COOKIE}=${sessionId}` };
  return { sessionId, info, cookieOnly, headers: { ...cookieOnly, [CSRF_HEADER]: info.csrfToken } };
}

/** A clock the test moves: sessions and lock-outs are measured by it. */
export function testClock(start = new Date('2026-11-27T08:00:00Z')) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}
