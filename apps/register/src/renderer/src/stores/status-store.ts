import type { ApiError, PrinterStatus, RegisterTransport, ResponseOf, SyncStatus } from '@nota/protocol';
import { createStore } from 'zustand/vanilla';
import { call } from './call';

export type RejectedEvent = ResponseOf<'outbox/rejected'>['events'][number];
export type SetAsideChange = ResponseOf<'sync/set-aside'>['changes'][number];

export interface StatusState {
  sync: SyncStatus | null;
  printer: PrinterStatus | null;
  rejected: RejectedEvent[] | null;
  /** Change-feed records the core could not apply, newest first (loaded when their list opens). */
  setAside: SetAsideChange[] | null;
  syncing: boolean;
  /** Subscribes to what the core pushes; returns the function that stops it. */
  start(): () => void;
  refresh(): Promise<void>;
  syncNow(): Promise<ApiError | null>;
  loadRejected(): Promise<ApiError | null>;
  loadSetAside(): Promise<ApiError | null>;
}

/** Online/offline, the outbox and the printer, as the core reports them: pushed, never polled. */
export function createStatusStore(transport: RegisterTransport) {
  return createStore<StatusState>()((set, get) => ({
    sync: null,
    printer: null,
    rejected: null,
    setAside: null,
    syncing: false,
    start() {
      const stops = [
        transport.listen('sync/status', (sync) => set({ sync })),
        transport.listen('printer/status', (printer) => set({ printer })),
      ];
      void get().refresh();
      return () => stops.forEach((stop) => stop());
    },
    async refresh() {
      const result = await call(transport, 'sync/status', {});
      if (result.ok) set({ sync: result.data });
    },
    async syncNow() {
      set({ syncing: true });
      try {
        const result = await call(transport, 'sync/now', {});
        await get().refresh();
        return result.ok ? null : result.error;
      } finally {
        set({ syncing: false });
      }
    },
    async loadRejected() {
      const result = await call(transport, 'outbox/rejected', { limit: 500 });
      if (!result.ok) return result.error;
      set({ rejected: result.data.events });
      return null;
    },
    async loadSetAside() {
      const result = await call(transport, 'sync/set-aside', { limit: 500 });
      if (!result.ok) return result.error;
      set({ setAside: result.data.changes });
      return null;
    },
  }));
}
export type StatusStore = ReturnType<typeof createStatusStore>;
