import type { ApiError, Customer, CustomerInput, CustomerSummary, RegisterTransport } from '@nota/protocol';
import { createStore } from 'zustand/vanilla';
import { call, newId } from './call';

export interface CustomerState {
  query: string;
  results: CustomerSummary[];
  /** The query `results` answer; differs from `query` while a newer search is on its way. */
  resultsFor: string | null;
  searching: boolean;
  error: ApiError | null;
  /** Runs at every keystroke: the core's search is indexed, and an older answer never overwrites a newer one. */
  search(query: string): Promise<void>;
  get(id: string): Promise<{ customer: Customer } | { error: ApiError }>;
  /** A new, empty customer form: its first save creates a new customer. */
  beginCreate(): void;
  /** Creates (no `existing`) or edits a customer; answers the saved customer or the refusal with its fields. */
  save(input: CustomerInput, existing?: Pick<Customer, 'id' | 'version'>): Promise<{ customer: Customer } | { error: ApiError }>;
}

export const SEARCH_LIMIT = 50;

export function createCustomerStore(transport: RegisterTransport) {
  let latest = 0;
  // One id per form: a save retried after a lost answer finds the customer it already created.
  let pendingCreateId: string | null = null;
  return createStore<CustomerState>()((set, get) => ({
    query: '',
    results: [],
    resultsFor: null,
    searching: false,
    error: null,
    async search(query) {
      const ticket = ++latest;
      set({ query, searching: true });
      const result = await call(transport, 'customers/search', { query: query.slice(0, 100), includeInactive: true, limit: SEARCH_LIMIT });
      if (ticket !== latest) return;
      set(result.ok ? { results: result.data.customers, resultsFor: query, searching: false, error: null } : { searching: false, error: result.error });
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
