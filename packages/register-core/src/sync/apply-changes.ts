import type { Change, Customer, Product, ProductGroup } from '@nota/protocol';
import type Database from 'better-sqlite3';
import { upsertProducts } from '../catalog/catalog';
import { upsertCustomersPage } from '../customers/customer-repo';
import type { Db } from '../db/open';
import { inArray } from 'drizzle-orm';
import { paymentMethods, products as productTable, settings, users, vatRates } from '../db/schema';
import { logEvent } from '../journal/journal';
import { applyStoreDetails } from '../settings/store-details';

/**
 * Applies changes of the server's change feed, all or none (a savepoint when called inside a
 * transaction). apply-page.ts calls it with a whole page, and one by one when the page fails.
 */
export function applyChanges(sqlite: Database.Database, db: Db, changes: readonly Change[], at = new Date().toISOString()): void {
  const customers: Customer[] = [];
  const products: Product[] = [];
  const groups: ProductGroup[] = [];
  sqlite.transaction(() => {
    for (const change of changes) {
      switch (change.entity) {
        case 'customer':
          customers.push(change.data);
          break;
        case 'product':
          products.push(change.data);
          break;
        case 'product_group':
          groups.push(change.data);
          break;
        case 'vat_rate': {
          const { id: _id, ...rate } = change.data;
          db.insert(vatRates)
            .values(rate)
            .onConflictDoUpdate({ target: [vatRates.code, vatRates.validFrom], set: { rateBp: rate.rateBp, validTo: rate.validTo } })
            .run();
          break;
        }
        case 'payment_method':
          db.insert(paymentMethods).values(change.data).onConflictDoUpdate({ target: paymentMethods.id, set: change.data }).run();
          break;
        case 'register_user':
          db.insert(users).values(change.data).onConflictDoUpdate({ target: users.id, set: change.data }).run();
          break;
        case 'setting':
          // registerId is born with the register's database and is never taken from the server.
          if (change.data.key !== 'registerId') {
            const value = change.data.value as never;
            db.insert(settings).values({ key: change.data.key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
          }
          break;
        case 'seller':
        case 'cost_centre':
          applyStoreDetails(db, change);
          break;
      }
    }
    if (products.length) logPriceChanges(db, products, at);
    if (groups.length || products.length) upsertProducts(db, products, groups);
    if (customers.length) upsertCustomersPage(sqlite, customers);
  })();
}

/** The journal notes each price head office changed (13021), old → new, as the pull brings it. */
function logPriceChanges(db: Db, incoming: readonly Product[], at: string): void {
  const current = new Map(
    db
      .select({ id: productTable.id, priceOre: productTable.priceOre })
      .from(productTable)
      .where(inArray(productTable.id, incoming.map((p) => p.id)))
      .all()
      .map((p) => [p.id, p.priceOre]),
  );
  for (const product of incoming) {
    const old = current.get(product.id);
    if (old === undefined || old === product.priceOre) continue;
    logEvent(db, {
      code: 'priceChange',
      at: new Date(at),
      userId: null,
      amountOre: product.priceOre,
      detail: `${product.sku} ${product.name}: ${old} → ${product.priceOre} öre`.slice(0, 500),
    });
  }
}
