import { eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { signInThrottle } from '../../db/schema';

export interface ThrottleRules {
  /** Failed sign-ins for one username before it is locked. */
  perUser: number;
  /** Failed sign-ins from one address (any usernames) before it is locked; an office shares one. */
  perAddress: number;
  /** The first lock-out; each next one lasts twice as long, up to maxLockMs. */
  lockMs: number;
  maxLockMs: number;
  /** Failures further apart than this start counting again. */
  windowMs: number;
}
export const DEFAULT_THROTTLE_RULES: ThrottleRules = {
  perUser: 5,
  perAddress: 20,
  lockMs: 15 * 60 * 1000,
  maxLockMs: 24 * 60 * 60 * 1000,
  windowMs: 15 * 60 * 1000,
};

export const userKey = (username: string) => `user:${username}`;
export const addressKey = (ip: string) => `ip:${ip}`;

/** Milliseconds until every given key is unlocked; 0 when none is locked. */
export async function lockedForMs(tx: Queryable, keys: string[], now: Date): Promise<number> {
  const rows = await tx.select().from(signInThrottle).where(inArray(signInThrottle.key, keys));
  return Math.max(0, ...rows.map((r) => (r.lockedUntil ? r.lockedUntil.getTime() - now.getTime() : 0)));
}

/** Counts a failure against `key`; returns how long it is now locked (0: not locked). */
export async function recordFailure(tx: Queryable, key: string, limit: number, now: Date, rules: ThrottleRules): Promise<number> {
  const [row] = await tx.select().from(signInThrottle).where(eq(signInThrottle.key, key)).for('update');
  const quiet = !row || now.getTime() - row.lastFailureAt.getTime() > rules.windowMs;
  // A day without failures forgets earlier lock-outs.
  const lockouts = row && now.getTime() - row.lastFailureAt.getTime() < 24 * 60 * 60 * 1000 ? row.lockouts : 0;
  const failures = (quiet ? 0 : row.failures) + 1;
  let lockedUntil: Date | null = null;
  if (failures >= limit) lockedUntil = new Date(now.getTime() + Math.min(rules.maxLockMs, rules.lockMs * 2 ** lockouts));
  const values = {
    failures: lockedUntil ? 0 : failures,
    lastFailureAt: now,
    lockedUntil,
    lockouts: lockedUntil ? lockouts + 1 : lockouts,
  };
  await tx.insert(signInThrottle).values({ key, ...values }).onConflictDoUpdate({ target: signInThrottle.key, set: values });
  return lockedUntil ? lockedUntil.getTime() - now.getTime() : 0;
}

/** A successful sign-in or an administrator's password reset clears the username's count and lock. */
export async function clearKey(tx: Queryable, key: string): Promise<void> {
  await tx.delete(signInThrottle).where(eq(signInThrottle.key, key));
}
