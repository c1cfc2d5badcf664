import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, max, ne } from 'drizzle-orm';
import type { BackOfficeRole, BackOfficeUser, CreateUserRequest, UpdateUserRequest, UserListEntry } from '@nota/protocol';
import type { Queryable } from '../../db/database';
import { backofficeUsers, costCentres, sessions } from '../../db/schema';
import { HttpError, uniqueViolation } from '../errors';

type UserRow = typeof backofficeUsers.$inferSelect;

export const toUserView = (u: UserRow): BackOfficeUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  costCentres: u.costCentres,
  disabled: u.disabledAt !== null,
});

/** Usernames are stored as typed (lower case by the contract); sign-in forgives case and spaces. */
export const normaliseUsername = (username: string): string => username.trim().toLowerCase();

/** A store manager needs cost centres that exist; the other roles take none. */
export async function checkedCostCentres(tx: Queryable, role: BackOfficeRole, codes: string[]): Promise<string[]> {
  const unique = [...new Set(codes)];
  if (role !== 'store-manager') {
    if (unique.length > 0) throw new HttpError(400, 'INVALID_REQUEST', 'Only a store manager is limited to cost centres; leave the list empty for this role.', 'costCentres');
    return [];
  }
  if (unique.length === 0) throw new HttpError(400, 'INVALID_REQUEST', 'A store manager needs at least one cost centre.', 'costCentres');
  const found = new Set((await tx.select({ code: costCentres.code }).from(costCentres).where(inArray(costCentres.code, unique))).map((r) => r.code));
  const missing = unique.findIndex((c) => !found.has(c));
  if (missing >= 0) throw new HttpError(404, 'UNKNOWN_COST_CENTRE', `Cost centre '${unique[missing]}' does not exist.`, `costCentres[${codes.indexOf(unique[missing]!)}]`);
  return unique;
}

/** Every user by username, with its last sign-in: the newest session it started. */
export async function listUsers(db: Queryable): Promise<UserListEntry[]> {
  const lastSignIn = db
    .select({ userId: sessions.userId, at: max(sessions.createdAt).as('last_sign_in') })
    .from(sessions)
    .groupBy(sessions.userId)
    .as('last_sign_in');
  const rows = await db
    .select({ user: backofficeUsers, lastSignInAt: lastSignIn.at })
    .from(backofficeUsers)
    .leftJoin(lastSignIn, eq(lastSignIn.userId, backofficeUsers.id))
    .orderBy(asc(backofficeUsers.username));
  return rows.map((r) => ({ ...toUserView(r.user), lastSignInAt: r.lastSignInAt ? new Date(r.lastSignInAt).toISOString() : null }));
}

export async function findUser(db: Queryable, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(backofficeUsers).where(eq(backofficeUsers.id, id));
  return row ?? null;
}

/** `passwordHash` is made before the transaction: hashing takes a while and must not hold the database. */
export async function insertUser(tx: Queryable, input: Omit<CreateUserRequest, 'password'>, passwordHash: string, now: Date): Promise<UserRow> {
  const cc = await checkedCostCentres(tx, input.role, input.costCentres);
  try {
    const [row] = await tx
      .insert(backofficeUsers)
      .values({
        id: randomUUID(),
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        costCentres: cc,
        passwordHash,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return row!;
  } catch (error) {
    if (uniqueViolation(error) !== null) throw new HttpError(409, 'USERNAME_TAKEN', `The username '${input.username}' is taken.`, 'username');
    throw error;
  }
}

/** There is always one enabled administrator left to manage the others. */
async function assertAnotherAdministrator(tx: Queryable, userId: string): Promise<void> {
  const others = await tx
    .select({ id: backofficeUsers.id })
    .from(backofficeUsers)
    .where(and(eq(backofficeUsers.role, 'administrator'), isNull(backofficeUsers.disabledAt), ne(backofficeUsers.id, userId)))
    .limit(1);
  if (others.length === 0) throw new HttpError(409, 'LAST_ADMINISTRATOR', 'This is the last enabled administrator: make someone else administrator first.');
}

export async function updateUser(tx: Queryable, before: UserRow, change: UpdateUserRequest, now: Date): Promise<UserRow> {
  const role = change.role ?? before.role;
  const roleChanged = change.role !== undefined && change.role !== before.role;
  // A new role drops cost centres a store manager had, unless new ones come along.
  const cc = change.costCentres !== undefined || roleChanged ? await checkedCostCentres(tx, role, change.costCentres ?? (role === 'store-manager' ? before.costCentres : [])) : before.costCentres;
  const disabledAt = change.disabled === undefined ? before.disabledAt : change.disabled ? (before.disabledAt ?? now) : null;
  const stopsBeingAdministrator = before.role === 'administrator' && !before.disabledAt && (role !== 'administrator' || disabledAt !== null);
  if (stopsBeingAdministrator) await assertAnotherAdministrator(tx, before.id);
  const [row] = await tx
    .update(backofficeUsers)
    .set({ displayName: change.displayName ?? before.displayName, role, costCentres: cc, disabledAt, updatedAt: now })
    .where(eq(backofficeUsers.id, before.id))
    .returning();
  return row!;
}

export async function setPasswordHash(tx: Queryable, userId: string, passwordHash: string, now: Date): Promise<void> {
  await tx.update(backofficeUsers).set({ passwordHash, updatedAt: now }).where(eq(backofficeUsers.id, userId));
}

/** What the audit log keeps of a user: everything but the password hash. */
export const auditedUser = (u: UserRow) => toUserView(u);
