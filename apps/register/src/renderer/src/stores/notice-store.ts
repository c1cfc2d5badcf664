import type { ApiError } from '@nota/protocol';
import { createStore } from 'zustand/vanilla';
import { newId } from './call';

/**
 * Messages that must not be missed but must not block a sale: a failed print, a failed sync. Each
 * stays until dismissed and may carry a retry. `title` is a text key; `error` is the core's answer.
 */
export interface Notice {
  id: string;
  title: string;
  error: ApiError;
  retry?: () => Promise<boolean>;
}

export interface NoticeState {
  notices: Notice[];
  retrying: string | null;
  push(notice: Omit<Notice, 'id'> & { id?: string }): void;
  dismiss(id: string): void;
  retry(id: string): Promise<void>;
}

export function createNoticeStore() {
  return createStore<NoticeState>()((set, get) => ({
    notices: [],
    retrying: null,
    push(notice) {
      const id = notice.id ?? newId();
      // One notice per id: a second failure of the same print replaces the first.
      set({ notices: [...get().notices.filter((n) => n.id !== id), { ...notice, id }] });
    },
    dismiss(id) {
      set({ notices: get().notices.filter((n) => n.id !== id) });
    },
    async retry(id) {
      const notice = get().notices.find((n) => n.id === id);
      if (!notice?.retry) return;
      set({ retrying: id });
      try {
        if (await notice.retry()) get().dismiss(id);
      } finally {
        set({ retrying: null });
      }
    },
  }));
}
export type NoticeStore = ReturnType<typeof createNoticeStore>;
