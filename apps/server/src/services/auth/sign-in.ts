import { eq } from 'drizzle-orm';
import type { SessionInfo } from '@nota/protocol';
import type { Database } from '../../db/database';
import { backofficeUsers } from '../../db/schema';
import { HttpError } from '../errors';
import { verifyPassword } from './passwords';
import { createSession, type NewSession, type SessionRules, type SessionUser } from './sessions';
import { addressKey, clearKey, lockedForMs, recordFailure, userKey, type ThrottleRules } from './sign-in-throttle';
import { normaliseUsername, toUserView } from './users';

export function lockedError(ms: number): HttpError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const minutes = Math.ceil(seconds / 60);
  const error = new HttpError(
    429,
    'SIGN_IN_LOCKED',
    `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an administrator to set a new password.`,
  );
  error.headers = { 'retry-after': String(seconds) };
  return error;
}

export const sessionInfo = (user: SessionUser, session: { csrfToken: string; expiresAt: Date }): SessionInfo => ({
  user: toUserView(user),
  csrfToken: session.csrfToken,
  expiresAt: session.expiresAt.toISOString(),
});

/**
 * Checks a username and password, counting failures per username and per address. An unknown
 * user, a disabled one and a wrong password get the same answer after the same work.
 */
export async function signIn(
  db: Database,
  attempt: { username: string; password: string; ip: string },
  now: Date,
  rules: { throttle: ThrottleRules; session: SessionRules },
): Promise<{ user: SessionUser; session: NewSession }> {
  const username = normaliseUsername(attempt.username);
  const keys = { user: userKey(username), address: addressKey(attempt.ip) };
  const locked = await db.read((d) => lockedForMs(d, [keys.user, keys.address], now));
  if (locked > 0) throw lockedError(locked);

  const [user] = await db.read((d) => d.select().from(backofficeUsers).where(eq(backofficeUsers.username, username)));
  const matches = await verifyPassword(user?.passwordHash ?? null, attempt.password);
  if (!user || !matches || user.disabledAt) {
    const lockedNow = await db.transaction(async (tx) =>
      Math.max(
        await recordFailure(tx, keys.user, rules.throttle.perUser, now, rules.throttle),
        await recordFailure(tx, keys.address, rules.throttle.perAddress, now, rules.throttle),
      ),
    );
    if (lockedNow > 0) throw lockedError(lockedNow);
    throw new HttpError(401, 'INVALID_CREDENTIALS', 'The username or password is wrong.');
  }
  const session = await db.transaction(async (tx) => {
    await clearKey(tx, keys.user);
    return createSession(tx, user.id, now, rules.session);
  });
  return { user, session };
}
