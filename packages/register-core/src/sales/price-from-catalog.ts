import { priceCart, type CartTotals } from '@nota/domain';
import type { Product, SaleLineInput } from '@nota/protocol';
import { productsForSale } from '../catalog/catalog';
import type { Db } from '../db/open';
import { vatRates } from '../db/schema';
import { localDate } from './local-date';

/**
 * Prices requested lines at the catalog's prices and the VAT rates valid on the local date: the
 * one pricing path for the cart preview and the completed sale, so the two can never disagree.
 */
export function priceFromCatalog(db: Db, lines: readonly SaleLineInput[], at: Date): { totals: CartTotals; catalog: Map<string, Product> } {
  const catalog = productsForSale(db, lines.map((l) => l.productId));
  const totals = priceCart(
    lines.map((l) => {
      const product = catalog.get(l.productId)!;
      return {
        productId: product.id,
        name: product.name,
        unitPriceOre: product.priceOre,
        quantity: l.quantity,
        vatCode: product.vatCode,
        discount: l.discount ?? null,
      };
    }),
    db.select().from(vatRates).all(),
    localDate(at),
  );
  return { totals, catalog };
}
