import type { Db, Store } from './db/open';
import type { createCustomerSearch } from './customers/customer-search';
import type { Session } from './users/session';

/** What every handler may use: the store, the clock, who is signed in. */
export interface CoreContext {
  store: Store;
  db: Db;
  session: Session;
  now(): Date;
  searchCustomers: ReturnType<typeof createCustomerSearch>;
}
