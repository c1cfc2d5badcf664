import type { ChangePasswordRequest, SessionInfo } from '@nota/protocol';
import type { Database } from '../../db/database';
import { audit } from '../audit';
import { HttpError } from '../errors';
import { hashPassword, verifyPassword } from './passwords';
import type { Principal } from './principal';
import { revokeSession, revokeUserSessions } from './sessions';
import { lockedError, sessionInfo } from './sign-in';
import { lockedForMs, recordFailure, userKey, type ThrottleRules } from './sign-in-throttle';
import { findUser, setPasswordHash } from './users';

/** The principal of a cookie-authenticated request (the session routes declare sessionOnly). */
function signedIn(p: Principal): { userId: string; session: NonNullable<Principal['session']> } {
  if (p.kind !== 'user' || !p.userId || !p.session) throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in to the back office.');
  return { userId: p.userId, session: p.session };
}

export async function currentSession(db: Database, p: Principal): Promise<SessionInfo> {
  const { userId, session } = signedIn(p);
  const user = await db.read((d) => findUser(d, userId));
  if (!user) throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in to the back office.');
  return sessionInfo(user, session);
}

export async function signOut(db: Database, p: Principal, now: Date): Promise<void> {
  const { session } = signedIn(p);
  await db.transaction((tx) => revokeSession(tx, session.idHash, now));
}

export async function signOutEverywhere(db: Database, p: Principal, now: Date): Promise<void> {
  const { userId } = signedIn(p);
  await db.transaction((tx) => revokeUserSessions(tx, userId, now));
}

/**
 * The current password proves it is the person, not someone at an unlocked screen; wrong guesses
 * count towards the lock-out like sign-ins. The person's other sessions end, this one goes on.
 */
export async function changeOwnPassword(db: Database, p: Principal, change: ChangePasswordRequest, now: Date, rules: ThrottleRules): Promise<void> {
  const { userId, session } = signedIn(p);
  const user = await db.read((d) => findUser(d, userId));
  if (!user) throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in to the back office.');
  const locked = await db.read((d) => lockedForMs(d, [userKey(user.username)], now));
  if (locked > 0) throw lockedError(locked);
  if (!(await verifyPassword(user.passwordHash, change.currentPassword))) {
    const locked = await db.transaction((tx) => recordFailure(tx, userKey(user.username), rules.perUser, now, rules));
    if (locked > 0) throw lockedError(locked);
    throw new HttpError(400, 'INVALID_CREDENTIALS', 'The current password is wrong.', 'currentPassword');
  }
  const passwordHash = await hashPassword(change.newPassword);
  await db.transaction(async (tx) => {
    await setPasswordHash(tx, user.id, passwordHash, now);
    await revokeUserSessions(tx, user.id, now, session.idHash);
    await audit(tx, p, { entity: 'backoffice-user', entityId: user.id, action: 'password-changed', oldValue: { password: 'old' }, newValue: { password: 'new' } }, now);
  });
}
