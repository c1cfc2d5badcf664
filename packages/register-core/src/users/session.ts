import type { RegisterUser, Role } from '@nota/protocol';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { users } from '../db/schema';
import { CoreError } from '../errors';
import { hashPin, verifyPin } from './pin';

const RANK: Record<Role, number> = { cashier: 1, manager: 2 };

/** Who is signed in at this register. One register, one cashier at a time. */
export class Session {
  #user: RegisterUser | null = null;

  constructor(private readonly db: Db) {}

  get user(): RegisterUser | null {
    return this.#user;
  }

  listUsers(): RegisterUser[] {
    return this.db
      .select({ id: users.id, name: users.name, role: users.role })
      .from(users)
      .where(eq(users.active, true))
      .orderBy(asc(users.name))
      .all();
  }

  signIn(userId: string, pin: string): RegisterUser {
    const row = this.db.select().from(users).where(eq(users.id, userId)).get();
    // The same answer for an unknown user and a wrong PIN: the screen should not confirm who exists.
    if (!row || !row.active || !verifyPin(pin, row.pinHash)) {
      throw new CoreError('WRONG_PIN', 'Wrong user or PIN.', 'pin');
    }
    this.#user = { id: row.id, name: row.name, role: row.role };
    return this.#user;
  }

  signOut(): void {
    this.#user = null;
  }

  requireUser(): RegisterUser {
    if (!this.#user) throw new CoreError('NOT_SIGNED_IN', 'Sign in with your PIN first.');
    return this.#user;
  }

  requireRole(minimum: Role, action: string): RegisterUser {
    const user = this.requireUser();
    if (RANK[user.role] < RANK[minimum]) {
      throw new CoreError('FORBIDDEN', `Only a ${minimum} may ${action}. Ask a ${minimum} to sign in.`);
    }
    return user;
  }
}

export function upsertUser(db: Db, user: RegisterUser & { pin: string; active?: boolean }): void {
  const values = { id: user.id, name: user.name, role: user.role, pinHash: hashPin(user.pin), active: user.active ?? true };
  db.insert(users).values(values).onConflictDoUpdate({ target: users.id, set: values }).run();
}
