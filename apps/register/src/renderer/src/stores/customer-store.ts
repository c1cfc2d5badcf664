import type { ApiError, Customer, CustomerInput, CustomerSummary, RegisterTransport } from '@nota/protocol';
import { createStore } from 'zustand/vanilla';
import { call, newId } from './call';

export interface CustomerState {
  query: string;
  /** Every match loaded so far, page after page, for the virtualised list. */
  results: CustomerSummary[];
  /** The query `results` answer; differs from `query` while a newer search is on its way. */
  resultsFor: string | null;
  /** Asks the core for the page after `results`; null once the last page is in. */
  nextCursor: string | null;
  searching: boolean;
  loadingMore: boolean;
  error: ApiError | null;
  /** Runs at every keystroke: the first page of matches; an older answer never overwrites a newer one. */
  search(query: string): Promise<void>;
  /** The next page of the current search, appended; at most one request at a time. */
  loadMore(): Promise<void>;
  get(id: string): Promise<{ customer: Customer } | { error: ApiError }>;
  /** A new, empty customer form: its first save creates a new customer. */
  beginCreate(): void;
  /** Creates (no `existing`) or edits a customer; answers the saved customer or the refusal with its fields. */
  save(input: CustomerInput, existing?: Pick<Customer, 'id' | 'version'>): Promise<{ customer: Customer } | { error: ApiError }>;
}

/** Rows per request: a screenful several times over, so scrolling rarely waits for the core. */
export const PAGE_SIZE = 100;

export function createCustomerStore(transport: RegisterTransport) {
  let latest = 0;
  // One id per form: a save retried after a lost answer finds the customer it already created.
  let pendingCreateId: string | null = null;
  return createStore<CustomerState>()((set, get) => ({
    query: '',
    results: [],
    resultsFor: null,
    nextCursor: null,
    searching: false,
    loadingMore: false,
    error: null,
    async search(query) {
      const ticket = ++latest;
      set({ query, searching: true, loadingMore: false });
      const result = await call(transport, 'customers/search', { query: query.slice(0, 100), includeInactive: true, limit: PAGE_SIZE });
      if (ticket !== latest) return;
      set(
        result.ok
          ? { results: result.data.customers, resultsFor: query, nextCursor: result.data.nextCursor, searching: false, loadingMore: false, error: null }
          : { searching: false, error: result.error },
      );
    },
    async loadMore() {
      const { nextCursor: cursor, resultsFor, loadingMore, searching } = get();
      if (!cursor || resultsFor === null || loadingMore || searching) return;
      const ticket = latest;
      set({ loadingMore: true });
      const result = await call(transport, 'customers/search', { query: resultsFor.slice(0, 100), includeInactive: true, limit: PAGE_SIZE, cursor });
      // A keystroke since: this page belongs to a list no longer shown.
      if (ticket !== latest) return;
      set(
        result.ok
          ? { results: [...get().results, ...result.data.customers], nextCursor: result.data.nextCursor, loadingMore: false, error: null }
          : { loadingMore: false, error: result.error },
      );
    },
    async get(id) {
      const result = await call(transport, 'customers/get', { id });
      return result.ok ? result.data : { error: result.error };
    },
    beginCreate() {
      pendingCreateId = null;
    },
    async save(input, existing) {
      let result;
      if (existing) {
        result = await call(transport, 'customers/update', { id: existing.id, baseVersion: existing.version, customer: input });
      } else {
        pendingCreateId ??= newId();
        result = await call(transport, 'customers/create', { id: pendingCreateId, customer: input });
        if (result.ok) pendingCreateId = null;
      }
      if (!result.ok) return { error: result.error };
      // The list shows the saved customer at once.
      void get().search(get().query);
      return result.data;
    },
  }));
}
export type CustomerStore = ReturnType<typeof createCustomerStore>;
