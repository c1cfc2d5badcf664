import type { ApiError, RegisterSettings, RegisterTransport, RequestOf } from '@nota/protocol';
import { createStore } from 'zustand/vanilla';
import { call } from './call';

export interface SettingsState {
  settings: RegisterSettings | null;
  error: ApiError | null;
  load(): Promise<void>;
  /** Saves a change; answers the refusal (with its field) or null. */
  update(patch: RequestOf<'settings/update'>): Promise<ApiError | null>;
}

export function createSettingsStore(transport: RegisterTransport) {
  return createStore<SettingsState>()((set) => ({
    settings: null,
    error: null,
    async load() {
      const result = await call(transport, 'settings/get', {});
      set(result.ok ? { settings: result.data, error: null } : { error: result.error });
    },
    async update(patch) {
      const result = await call(transport, 'settings/update', patch);
      if (!result.ok) return result.error;
      set({ settings: result.data, error: null });
      return null;
    },
  }));
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
