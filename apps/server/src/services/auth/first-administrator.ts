import { randomInt, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { NewPassword, Username, type SetupRequest } from '@nota/protocol';
import type { Database, Queryable } from '../../db/database';
import { backofficeUsers, serverConfig } from '../../db/schema';
import { audit } from '../audit';
import { HttpError } from '../errors';
import { sha256 } from '../secrets';
import { hashPassword } from './passwords';
import { createSession, type SessionRules } from './sessions';
import { insertUser, toUserView } from './users';

// No 0/O, 1/I/L: the code is read off a terminal and typed into a browser.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const SETUP_KEY = 'setup-code';
/** Two starts at once must not both create an administrator or both print a code. */
const LOCK = sql`select pg_advisory_xact_lock(727004)`;

export class FirstAdministratorError extends Error {}

function newSetupCode(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return chars.match(/.{4}/g)!.join('-');
}
/** People type codes with spaces, dashes or in lower case; all mean the same code. */
const normaliseCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

export async function hasAdministrator(db: Queryable): Promise<boolean> {
  const rows = await db
    .select({ id: backofficeUsers.id })
    .from(backofficeUsers)
    .where(and(eq(backofficeUsers.role, 'administrator'), isNull(backofficeUsers.disabledAt)))
    .limit(1);
  return rows.length > 0;
}

/**
 * At every start while the back office has no administrator: create one from the environment's
 * username and password, or make a one-time set-up code (stored hashed) and return it to be shown.
 * There is no default password.
 */
export async function ensureFirstAdministrator(
  db: Database,
  fromEnv: { username: string; password: string } | undefined,
  now: Date,
): Promise<{ created: string } | { setupCode: string } | null> {
  let passwordHash: string | null = null;
  if (fromEnv) {
    const username = Username.safeParse(fromEnv.username);
    if (!username.success) throw new FirstAdministratorError(`NOTA_ADMIN_USERNAME: ${username.error.issues[0]!.message}.`);
    const password = NewPassword.safeParse(fromEnv.password);
    if (!password.success) throw new FirstAdministratorError(`NOTA_ADMIN_PASSWORD: ${password.error.issues[0]!.message}.`);
    if (await db.read((d) => hasAdministrator(d))) return null;
    passwordHash = await hashPassword(fromEnv.password);
  }
  return db.transaction(async (tx) => {
    await tx.execute(LOCK);
    if (await hasAdministrator(tx)) return null;
    if (fromEnv && passwordHash) {
      await insertUser(tx, { username: fromEnv.username, displayName: fromEnv.username, role: 'administrator', costCentres: [] }, passwordHash, now);
      await tx.delete(serverConfig).where(eq(serverConfig.key, SETUP_KEY));
      return { created: fromEnv.username };
    }
    // A new code at each start: the one printed last is the one that works.
    const setupCode = newSetupCode();
    const value = { hash: sha256(normaliseCode(setupCode)) };
    await tx.insert(serverConfig).values({ key: SETUP_KEY, value, updatedAt: now }).onConflictDoUpdate({ target: serverConfig.key, set: { value, updatedAt: now } });
    return { setupCode };
  });
}

/** Inside the set-up transaction: true once, for the printed code; the code is then gone. */
export async function takeSetupCode(tx: Queryable, code: string): Promise<boolean> {
  await tx.execute(LOCK);
  const [row] = await tx.select().from(serverConfig).where(eq(serverConfig.key, SETUP_KEY)).for('update');
  const stored = (row?.value as { hash?: string } | undefined)?.hash;
  if (!stored) return false;
  const same = timingSafeEqual(Buffer.from(sha256(normaliseCode(code)), 'hex'), Buffer.from(stored, 'hex'));
  if (same) await tx.delete(serverConfig).where(eq(serverConfig.key, SETUP_KEY));
  return same;
}

/** `POST /api/auth/setup`: the printed code, once, creates the first administrator and signs it in. */
export async function setUpFirstAdministrator(db: Database, request: SetupRequest, now: Date, rules: SessionRules) {
  if (await db.read((d) => hasAdministrator(d))) throw setupDone();
  const passwordHash = await hashPassword(request.password);
  return db.transaction(async (tx) => {
    await tx.execute(LOCK);
    if (await hasAdministrator(tx)) throw setupDone();
    if (!(await takeSetupCode(tx, request.code))) {
      throw new HttpError(401, 'SETUP_CODE_INVALID', 'The set-up code is not valid. Use the code the server printed at its last start.', 'code');
    }
    const user = await insertUser(tx, { username: request.username, displayName: request.displayName, role: 'administrator', costCentres: [] }, passwordHash, now);
    await audit(tx, null, { entity: 'backoffice-user', entityId: user.id, action: 'create', newValue: toUserView(user) }, now);
    const session = await createSession(tx, user.id, now, rules);
    return { user, session };
  });
}

const setupDone = () => new HttpError(410, 'SETUP_DONE', 'The back office already has an administrator: sign in, or ask an administrator for an account.');
