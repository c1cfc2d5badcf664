import { randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Database, Queryable } from '../../db/database';
import { backofficeUsers, sessions } from '../../db/schema';
import { sha256 } from '../secrets';

export interface SessionRules {
  /** A session nobody used for this long has ended. */
  idleMs: number;
  /** A session ends this long after sign-in, however busy. */
  absoluteMs: number;
}
export const DEFAULT_SESSION_RULES: SessionRules = { idleMs: 60 * 60 * 1000, absoluteMs: 12 * 60 * 60 * 1000 };

/** How often a session's last use is written: once a minute is enough to measure idleness. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface NewSession {
  /** Goes into the cookie; only its hash is stored. */
  id: string;
  idHash: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(tx: Queryable, userId: string, now: Date, rules: SessionRules): Promise<NewSession> {
  const id = randomBytes(32).toString('base64url');
  const session = { id, idHash: sha256(id), csrfToken: randomBytes(32).toString('base64url'), expiresAt: new Date(now.getTime() + rules.absoluteMs) };
  await tx.insert(sessions).values({ idHash: session.idHash, userId, csrfToken: session.csrfToken, createdAt: now, lastSeenAt: now, expiresAt: session.expiresAt });
  return session;
}

export type SessionUser = typeof backofficeUsers.$inferSelect;

/** The live session for a cookie's id with its user, or null if it ended (idle, expired, revoked, user disabled). */
export async function findSession(database: Database, cookieId: string, now: Date, rules: SessionRules) {
  const idHash = sha256(cookieId);
  const [row] = await database.read((db) =>
    db
      .select({ session: sessions, user: backofficeUsers })
      .from(sessions)
      .innerJoin(backofficeUsers, eq(backofficeUsers.id, sessions.userId))
      .where(eq(sessions.idHash, idHash)),
  );
  if (!row) return null;
  const { session, user } = row;
  const idleSince = now.getTime() - session.lastSeenAt.getTime();
  if (session.revokedAt || session.expiresAt <= now || idleSince >= rules.idleMs || user.disabledAt) return null;
  if (idleSince >= TOUCH_EVERY_MS) {
    await database.statement((db) => db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash)));
  }
  return { session, user };
}

export async function revokeSession(tx: Queryable, idHash: string, now: Date): Promise<void> {
  await tx.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt)));
}

/** Ends every session of the user, but `keep` (the one that asked, after a password change). */
export async function revokeUserSessions(tx: Queryable, userId: string, now: Date, keep?: string): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? ne(sessions.idHash, keep) : undefined));
}

/** Compares digests, so the time taken says nothing about how much of the token was right. */
export function sameToken(sent: string | undefined, expected: string): boolean {
  if (!sent) return false;
  return timingSafeEqual(Buffer.from(sha256(sent), 'hex'), Buffer.from(sha256(expected), 'hex'));
}
