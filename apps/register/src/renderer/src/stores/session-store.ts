import type { ApiError, RegisterTransport, RegisterUser } from '@nota/protocol';
import { createStore } from 'zustand/vanilla';
import { call } from './call';

export interface SessionState {
  users: RegisterUser[];
  user: RegisterUser | null;
  /** Locked: the cashier stepped away; the cart stays, the same user's PIN opens it again. */
  locked: boolean;
  loaded: boolean;
  error: ApiError | null;
  load(): Promise<void>;
  signIn(userId: string, pin: string): Promise<boolean>;
  unlock(pin: string): Promise<boolean>;
  lock(): void;
  signOut(): Promise<void>;
}

export function createSessionStore(transport: RegisterTransport) {
  return createStore<SessionState>()((set, get) => ({
    users: [],
    user: null,
    locked: false,
    loaded: false,
    error: null,
    async load() {
      const [users, current] = await Promise.all([call(transport, 'session/users', {}), call(transport, 'session/current', {})]);
      set({
        users: users.ok ? users.data.users : get().users,
        user: current.ok ? current.data.user : null,
        loaded: true,
        error: !users.ok ? users.error : !current.ok ? current.error : null,
      });
    },
    async signIn(userId, pin) {
      const result = await call(transport, 'session/sign-in', { userId, pin });
      if (!result.ok) {
        set({ error: result.error });
        return false;
      }
      set({ user: result.data.user, locked: false, error: null });
      return true;
    },
    async unlock(pin) {
      const user = get().user;
      if (!user) return false;
      return get().signIn(user.id, pin);
    },
    lock() {
      set({ locked: true, error: null });
    },
    async signOut() {
      await call(transport, 'session/sign-out', {});
      set({ user: null, locked: false, error: null });
    },
  }));
}
export type SessionStore = ReturnType<typeof createSessionStore>;
