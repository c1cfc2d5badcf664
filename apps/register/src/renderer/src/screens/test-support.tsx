import type { Customer, CustomerSummary, PaymentMethodId, RegisterSettings, RegisterUser, Sale, SyncStatus } from '@nota/protocol';
import { configure, render } from '@testing-library/react';
import { vi } from 'vitest';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { App } from '../App';
import { createRegisterI18n } from '../i18n';
import { createFakeTransport, memoryStorage, type FakeHandlers } from '../stores/fake-transport';
import { createRegisterStores } from '../stores/register-stores';
import { completedSale, customers, priceCart, products, scanCart } from '../stores/test-fixtures';

// Two cores shared by many test processes: the first paint can take a few seconds, and a whole flow
// through the register in jsdom takes tens of seconds under load.
configure({ asyncUtilTimeout: 10_000 });
vi.setConfig({ testTimeout: 90_000 });

export const users: Record<'cashier' | 'manager', RegisterUser & { pin: string }> = {
  cashier: { id: 'u-cashier', name: 'Kim Kassör', role: 'cashier', pin: '1234' },
  manager: { id: 'u-manager', name: 'Maja Chef', role: 'manager', pin: '123456' },
};

export const settings: RegisterSettings = {
  registerId: 'reg-1',
  registerName: 'Kassa 1',
  storeName: 'Museibutiken',
  companyName: 'Kulturförvaltningen',
  companyOrgNumber: '212000-1355',
  storeAddress: null,
  country: 'SE',
  language: 'sv',
  printerUrl: 'tcp://127.0.0.1:9100',
  printerTimeoutMs: 3000,
  printerStatusCheck: true,
  deliveryNoteShowPrices: true,
  customerEditRole: 'manager',
};

export const onlineStatus: SyncStatus = {
  state: 'idle',
  serverUrl: 'http://127.0.0.1:8080',
  pending: 0,
  rejected: 0,
  setAside: 0,
  oldestPendingAt: null,
  lastSyncAt: new Date(Date.now() - 3 * 60_000).toISOString(),
  lastError: null,
  nextAttemptAt: null,
};

/**
 * A register core in memory behind the fake transport: enough state for the screens' flows (who is
 * signed in, the settings, the sales made, the customers created) with the core's refusals.
 */
export function fakeCore(
  options: { signedIn?: keyof typeof users | null; sync?: SyncStatus; settings?: Partial<RegisterSettings>; /** More customers, named "Kund 00001"… */ crowd?: number; /** Active ways to pay (all three unless said). */ methods?: PaymentMethodId[] } = {},
) {
  let current: RegisterUser | null = options.signedIn ? strip(users[options.signedIn]) : null;
  let currentSettings = { ...settings, ...options.settings };
  let sync = options.sync ?? onlineStatus;
  const sales: Sale[] = [];
  const created: Customer[] = [];
  let nextNumber = 2001;
  const crowd = Array.from({ length: options.crowd ?? 0 }, (_, i) => crowdCustomer(i + 1));
  const allCustomers = () => [...Object.values(customers), ...created.map((c) => ({ ...c, invoiceable: c.active && c.invoicingEnabled })), ...crowd];
  const handlers: FakeHandlers = {
    'session/users': () => ({ users: Object.values(users).map(strip) }),
    'session/current': () => ({ user: current }),
    'session/sign-in': ({ userId, pin }) => {
      const user = Object.values(users).find((u) => u.id === userId && u.pin === pin);
      if (!user) return { ok: false, error: { code: 'WRONG_PIN', message: 'Wrong user or PIN.', field: 'pin' } };
      current = strip(user);
      return { user: current };
    },
    'session/sign-out': () => {
      current = null;
      return {};
    },
    'settings/get': () => currentSettings,
    'settings/update': (patch) => {
      if (current?.role !== 'manager') return { ok: false, error: { code: 'FORBIDDEN', message: 'Only a manager may change register settings.' } };
      currentSettings = { ...currentSettings, ...(patch as Partial<RegisterSettings>) };
      return currentSettings;
    },
    'sync/status': () => sync,
    'payment-methods/enabled': () => ({ methods: options.methods ?? ['cash', 'card', 'invoice'] }),
    'sync/now': () => ({ pushed: 0, rejected: 0, pulled: 0, leasedNumbers: 0, setAside: 0 }),
    'sync/enrol': ({ code }) => {
      if (code !== 'GOOD-CODE') return { ok: false, error: { code: 'ENROLMENT_CODE_INVALID', message: 'The enrolment code is unknown or used.', field: 'code' } };
      sync = onlineStatus;
      return { registerId: 'reg-1', registerName: 'Kassa 1', costCentre: { code: 'DEMO', name: 'Demo' } };
    },
    'outbox/rejected': () => ({
      events: [{ id: '44444444-4444-4444-8444-444444444444', type: 'customer.created', createdAt: onlineStatus.lastSyncAt!, reason: 'name: must not contain control characters', payload: {} }],
    }),
    'catalog/search': ({ query }) => ({
      products: Object.values(products).filter((p) => p.name.toLowerCase().includes(query.toLowerCase()) || p.barcode === query || p.sku === query),
    }),
    'catalog/barcode': ({ barcode }) => {
      const product = Object.values(products).find((p) => p.barcode === barcode);
      return product ? { product } : { ok: false, error: { code: 'UNKNOWN_PRODUCT', message: `No product has the barcode ${barcode}.`, field: 'barcode' } };
    },
    'catalog/groups': () => ({
      groups: [
        { id: 'food', name: 'Café', products: [products.coffee!, products.bun!] },
        { id: 'goods', name: 'Butik', products: [products.mug!] },
      ],
    }),
    'cart/price': priceCart,
    'cart/scan': scanCart,
    'customers/search': ({ query, limit = 20, cursor }) => {
      const matches = allCustomers().filter(
        (c) => !query || c.name.toLowerCase().includes(query.toLowerCase()) || c.orgNumber.replace('-', '').startsWith(query.replace('-', '')) || String(c.customerNumber) === query,
      );
      // The core's cursor is a keyset position; a fake may keep an offset.
      const from = cursor ? Number(cursor) : 0;
      const to = from + limit;
      return { customers: matches.slice(from, to), nextCursor: to < matches.length ? String(to) : null };
    },
    'customers/get': ({ id }) => {
      const found = created.find((c) => c.id === id);
      return found ? { customer: found } : { ok: false, error: { code: 'UNKNOWN_CUSTOMER', message: 'No customer.' } };
    },
    'customers/create': ({ id, customer }) => {
      if (current?.role !== 'manager' && currentSettings.customerEditRole === 'manager') {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Only a manager may create customers.' } };
      }
      const now = new Date().toISOString();
      const saved = { ...customer, id: id!, customerNumber: nextNumber++, version: 1, createdAt: now, updatedAt: now } as Customer;
      created.push(saved);
      return { customer: saved };
    },
    'sales/complete': (req) => {
      const sale = completedSale(req, sales.length + 1);
      sales.unshift(sale);
      return { sale };
    },
    'sales/recent': () => ({ sales: sales.map((s) => ({ ...s, completedAt: new Date().toISOString() })) }),
    'delivery-notes/print': () => ({ number: 5001, copy: false, printedAt: new Date().toISOString() }),
    'delivery-notes/reprint': () => ({ number: 5001, copy: true, printedAt: new Date().toISOString() }),
    'printer/test': () => ({ printedAt: new Date().toISOString() }),
  };
  return { handlers, sales, created, setSync: (s: SyncStatus) => (sync = s) };
}

function crowdCustomer(n: number): CustomerSummary {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return { id, customerNumber: 10_000 + n, name: `Kund ${String(n).padStart(5, '0')}`, orgNumber: '556036-0793', city: 'Ystad', active: true, invoicingEnabled: true, purchaseInstruction: null, invoiceable: true };
}

function strip({ id, name, role }: RegisterUser): RegisterUser {
  return { id, name, role };
}

/** Renders the whole register on a fake core; `user` types like a person (or a scanner). */
export function renderRegister(options: Parameters<typeof fakeCore>[0] & { language?: 'sv' | 'en'; storage?: ReturnType<typeof memoryStorage> } = {}) {
  const core = fakeCore(options);
  const transport = createFakeTransport(core.handlers);
  const storage = options.storage ?? memoryStorage();
  const stores = createRegisterStores(transport, { storage });
  const i18n = createRegisterI18n(options.language ?? 'sv');
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  const view = render(<App stores={stores} i18n={i18n} />);
  return { ...view, core, transport, stores, storage, user, i18n };
}
