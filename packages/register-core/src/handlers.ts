import { addToCart } from '@nota/domain';
import type { HandlerName, RegisterApi, SaleLineInput } from '@nota/protocol';
import type { z } from 'zod';
import { findByBarcode, productGroupsWithProducts, searchProducts } from './catalog/catalog';
import type { CoreContext } from './context';
import { createCustomer, updateCustomer } from './customers/customer-commands';
import { numbersRemaining } from './customers/customer-numbers';
import { getCustomer } from './customers/customer-repo';
import { printNote } from './delivery-notes/delivery-notes';
import { outboxStatus, rejectedEvents } from './outbox/outbox';
import { completeSale } from './sales/complete-sale';
import { enabledPaymentMethods } from './sales/payment-methods';
import { priceFromCatalog } from './sales/price-from-catalog';
import { loadSale, recentSales } from './sales/sale-read';
import { PrinterError, sendToPrinter } from './printing/network-printer';
import { renderTestPage } from './printing/test-page';
import { readSettings, writeSettings } from './settings/settings';
import { listSetAside } from './sync/set-aside';
import { CoreError } from './errors';
import type { SyncEngine } from './sync/sync-engine';

export type Handlers = {
  [K in HandlerName]: (
    req: z.output<RegisterApi[K]['request']>,
  ) => z.input<RegisterApi[K]['response']> | Promise<z.input<RegisterApi[K]['response']>>;
};

/** The register's operations, one named handler each; inputs arrive already validated. */
export function createHandlers(ctx: CoreContext, sync: SyncEngine): Handlers {
  const { db, session } = ctx;
  const cartPrice = (lines: readonly SaleLineInput[]) => {
    const { totals } = priceFromCatalog(db, lines, ctx.now());
    return {
      ...totals,
      lines: totals.lines.map(({ vatCode: _vatCode, discount: _discount, ...line }) => line),
    };
  };
  return {
    'session/users': () => ({ users: session.listUsers() }),
    'session/sign-in': ({ userId, pin }) => ({ user: session.signIn(userId, pin) }),
    'session/sign-out': () => {
      session.signOut();
      return {};
    },
    'session/current': () => ({ user: session.user }),

    'settings/get': () => readSettings(db),
    'settings/update': (patch) => {
      session.requireRole('manager', 'change register settings');
      return writeSettings(db, patch);
    },

    'catalog/search': ({ query, limit }) => ({ products: searchProducts(ctx.store.sqlite, query, limit) }),
    'catalog/barcode': ({ barcode }) => ({ product: findByBarcode(db, barcode) }),
    'catalog/groups': ({ perGroup }) => ({ groups: productGroupsWithProducts(ctx.store.sqlite, perGroup) }),
    'cart/price': ({ lines }) => cartPrice(lines),
    'cart/scan': ({ barcode, lines }) => {
      const product = findByBarcode(db, barcode);
      const scanned = addToCart(lines, product.id, 1, () => ({ productId: product.id, quantity: 1, discount: null }));
      try {
        return { product, price: cartPrice(scanned) };
      } catch (err) {
        // The product is found; the cart around it cannot be priced. cart/price will say why.
        if (err instanceof CoreError && err.code === 'UNKNOWN_PRODUCT') return { product, price: null };
        throw err;
      }
    },

    'customers/search': (req) => ctx.searchCustomers(req),
    'customers/get': ({ id }) => ({ customer: getCustomer(db, id) }),
    'customers/create': (req) => {
      const customer = createCustomer(ctx, req);
      sync.kick();
      return { customer };
    },
    'customers/update': (req) => {
      const customer = updateCustomer(ctx, req);
      sync.kick();
      return { customer };
    },
    'customers/numbers': () => numbersRemaining(db),

    'sales/complete': (req) => {
      const sale = completeSale(ctx, req);
      sync.kick();
      return { sale };
    },
    'sales/get': ({ id }) => ({ sale: loadSale(db, id) }),
    'sales/recent': ({ limit }) => ({ sales: recentSales(db, limit ?? 20) }),

    'delivery-notes/print': ({ saleId }) => printNote(ctx, saleId, { forceCopy: false }),
    'delivery-notes/reprint': ({ saleId }) => printNote(ctx, saleId, { forceCopy: true }),

    'printer/test': async ({ printerUrl }) => {
      session.requireUser();
      const settings = readSettings(db);
      const url = printerUrl ?? settings.printerUrl;
      if (!url) throw new CoreError('PRINTER_NOT_CONFIGURED', 'No printer address was given or saved.', 'printerUrl');
      const printedAt = ctx.now().toISOString();
      try {
        await sendToPrinter(url, renderTestPage({ language: settings.language, registerName: settings.registerName, printedAt }), {
          timeoutMs: settings.printerTimeoutMs,
        });
      } catch (err) {
        if (err instanceof PrinterError) throw new CoreError(err.code, err.message, 'printerUrl');
        throw err;
      }
      return { printedAt };
    },

    'outbox/status': () => outboxStatus(db),
    'outbox/rejected': ({ limit }) => ({ events: rejectedEvents(db, limit ?? 100) }),

    'sync/status': () => sync.status(),
    'payment-methods/enabled': () => ({ methods: enabledPaymentMethods(db) }),
    'sync/set-aside': ({ limit }) => ({ changes: listSetAside(db, limit ?? 100) }),
    'sync/enrol': async ({ serverUrl, code }) => {
      // A new register has no users yet (they arrive with the first pull): its one-time code is the
      // credential. Moving an enrolled register to another server takes a manager.
      if (sync.status().state !== 'not-enrolled') session.requireRole('manager', 'connect the register to another server');
      const { registerId, registerName, costCentre } = await sync.enrol(serverUrl, code);
      return { registerId, registerName, costCentre };
    },
    'sync/now': () => sync.syncOnce(),
  };
}
