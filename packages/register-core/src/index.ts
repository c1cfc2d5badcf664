export { createRegisterCore, type RegisterCore, type RegisterCoreOptions } from './core';
export type { Handlers } from './handlers';
export { CoreError } from './errors';
export { openStore, type Store, type Db } from './db/open';
export { upsertProducts } from './catalog/catalog';
export { upsertCustomersPage } from './customers/customer-repo';
export { addNumberBlock } from './customers/customer-numbers';
export { pendingEvents, outboxStatus } from './outbox/outbox';
export { upsertUser } from './users/session';
