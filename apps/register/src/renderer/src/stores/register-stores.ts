import type { RegisterTransport } from '@nota/protocol';
import type { StateStorage } from 'zustand/middleware';
import { createCartStore } from './cart-store';
import { createCustomerStore } from './customer-store';
import { createNoticeStore } from './notice-store';
import { createPaymentStore } from './payment-store';
import { createReceiptStore } from './receipt-store';
import { createSessionStore } from './session-store';
import { createSettingsStore } from './settings-store';
import { createStatusStore } from './status-store';

/** Every store of the register's screens, each written against the transport alone. */
export function createRegisterStores(transport: RegisterTransport, options: { storage?: StateStorage } = {}) {
  const cart = createCartStore(transport, options.storage);
  return {
    transport,
    session: createSessionStore(transport),
    settings: createSettingsStore(transport),
    status: createStatusStore(transport),
    cart,
    payment: createPaymentStore(transport, cart, options.storage),
    customers: createCustomerStore(transport),
    notices: createNoticeStore(),
    receipts: createReceiptStore(transport),
  };
}
export type RegisterStores = ReturnType<typeof createRegisterStores>;
